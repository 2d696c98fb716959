import type { SignInOutcome } from './sign-in.entities';

/**
 * Lockout with back-off, computed from the record of attempts (no counters to drift, the same answer on
 * every instance):
 * - per user name: from the 5th failure in a row (since the last successful sign-in or the last time a
 *   password was set, within 24 h) the name is locked for 1 minute after the last failure, then 2, 4, 8,
 *   16, 32 and at most 60 minutes for each further failure;
 * - per client address: from the 20th failure within an hour (any user names) the address is locked for
 *   1 minute after the last failure, doubling in the same way up to 60 minutes.
 * While locked, an attempt is refused without the password being checked, recorded as `locked`, and does
 * not count as a failure (so waiting out the lock is enough; hammering does not lengthen it).
 */
export interface LockoutRule {
  threshold: number;
  windowMs: number;
  baseMs: number;
  maxMs: number;
}

const MINUTE = 60_000;
export const USER_LOCKOUT: LockoutRule = {
  threshold: 5,
  windowMs: 24 * 60 * MINUTE,
  baseMs: MINUTE,
  maxMs: 60 * MINUTE,
};
export const ADDRESS_LOCKOUT: LockoutRule = {
  threshold: 20,
  windowMs: 60 * MINUTE,
  baseMs: MINUTE,
  maxMs: 60 * MINUTE,
};

export interface AttemptFact {
  at: string;
  outcome: SignInOutcome;
}

export const isFailure = (outcome: SignInOutcome) => outcome === 'wrong-password' || outcome === 'unknown-user';

/** The lock's end after `failures` failures, the last at `lastFailureMs`; null below the threshold. */
export function lockEnd(rule: LockoutRule, failures: number, lastFailureMs: number): number | null {
  if (failures < rule.threshold) return null;
  return lastFailureMs + Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(30, failures - rule.threshold));
}

/**
 * Until when a user name is locked (ms), or null. `attempts` are that name's, newest first; those before
 * `sinceMs` (the password was set then) do not count.
 */
export function userLockedUntil(attempts: AttemptFact[], nowMs: number, sinceMs = 0): number | null {
  const floor = Math.max(sinceMs, nowMs - USER_LOCKOUT.windowMs);
  let failures = 0;
  let lastFailureMs: number | null = null;
  for (const attempt of attempts) {
    const atMs = Date.parse(attempt.at);
    if (atMs < floor || attempt.outcome === 'succeeded') break;
    if (!isFailure(attempt.outcome)) continue;
    failures++;
    lastFailureMs ??= atMs;
  }
  const end = lastFailureMs === null ? null : lockEnd(USER_LOCKOUT, failures, lastFailureMs);
  return end !== null && end > nowMs ? end : null;
}

/** Until when a client address is locked (ms), or null. `attempts` are that address's, newest first. */
export function addressLockedUntil(attempts: AttemptFact[], nowMs: number): number | null {
  const recent = attempts.filter((a) => isFailure(a.outcome) && Date.parse(a.at) >= nowMs - ADDRESS_LOCKOUT.windowMs);
  if (recent.length === 0) return null;
  const end = lockEnd(ADDRESS_LOCKOUT, recent.length, Date.parse(recent[0].at));
  return end !== null && end > nowMs ? end : null;
}
