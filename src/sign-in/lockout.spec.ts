import { AttemptFact, addressLockedUntil, userLockedUntil } from './lockout';

const T0 = Date.parse('2025-02-03T05:00:00Z');
const at = (ms: number) => new Date(ms).toISOString();
/** n failures a second apart ending at `endMs`, newest first. */
const failures = (n: number, endMs: number, outcome: AttemptFact['outcome'] = 'wrong-password'): AttemptFact[] =>
  Array.from({ length: n }, (_, i) => ({ at: at(endMs - i * 1000), outcome }));

describe(userLockedUntil.name, () => {
  it('locks a user name for 1 minute at the 5th failure in a row, not before', () => {
    expect(userLockedUntil(failures(4, T0), T0)).toBeNull();
    expect(userLockedUntil(failures(5, T0), T0)).toBe(T0 + 60_000);
    expect(userLockedUntil(failures(5, T0), T0 + 60_000)).toBeNull();
  });

  it('doubles the lock with each further failure, up to an hour', () => {
    expect(userLockedUntil(failures(6, T0), T0)).toBe(T0 + 2 * 60_000);
    expect(userLockedUntil(failures(7, T0), T0)).toBe(T0 + 4 * 60_000);
    expect(userLockedUntil(failures(10, T0), T0)).toBe(T0 + 32 * 60_000);
    expect(userLockedUntil(failures(11, T0), T0)).toBe(T0 + 60 * 60_000);
    expect(userLockedUntil(failures(40, T0), T0)).toBe(T0 + 60 * 60_000);
  });

  it('counts unknown user names as failures too, and refused (locked) attempts not at all', () => {
    const attempts = [...failures(3, T0, 'locked'), ...failures(5, T0 - 10_000, 'unknown-user')];
    expect(userLockedUntil(attempts, T0)).toBe(T0 - 10_000 + 60_000);
  });

  it('starts again after a successful sign-in, after the password was set, and after a day', () => {
    const withSuccess = [
      ...failures(4, T0),
      { at: at(T0 - 5000), outcome: 'succeeded' as const },
      ...failures(10, T0 - 6000),
    ];
    expect(userLockedUntil(withSuccess, T0)).toBeNull();
    expect(userLockedUntil(failures(8, T0), T0, T0 - 2500)).toBeNull(); // only 3 since the reset
    expect(userLockedUntil(failures(8, T0 - 25 * 3600_000), T0)).toBeNull();
  });
});

describe(addressLockedUntil.name, () => {
  it('locks an address at the 20th failure within an hour, whatever the user names', () => {
    expect(addressLockedUntil(failures(19, T0), T0)).toBeNull();
    expect(addressLockedUntil(failures(20, T0), T0)).toBe(T0 + 60_000);
    expect(addressLockedUntil(failures(22, T0), T0)).toBe(T0 + 4 * 60_000);
    expect(addressLockedUntil(failures(20, T0 - 3600_000), T0)).toBeNull();
  });
});
