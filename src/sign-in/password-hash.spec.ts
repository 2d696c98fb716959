import { SCRYPT_PARAMS, hashPassword, needsRehash, verifyAgainstNothing, verifyPassword } from './password-hash';

describe('password hashing (scrypt)', () => {
  it('stores a salted PHC string with the recorded parameters, and verifies only the right password', async () => {
    const sut = await hashPassword('көктем-алма-2025');
    expect(sut).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    await expect(verifyPassword('көктем-алма-2025', sut)).resolves.toBe(true);
    await expect(verifyPassword('көктем-алма-2024', sut)).resolves.toBe(false);
    await expect(verifyPassword('', sut)).resolves.toBe(false);
    // Same password, new salt, another hash.
    expect(await hashPassword('көктем-алма-2025')).not.toBe(sut);
  });

  it('is memory-hard: N·r·128 bytes per hash', () => {
    expect(2 ** SCRYPT_PARAMS.ln * SCRYPT_PARAMS.r * 128).toBe(128 * 1024 * 1024);
  });

  it('matches nothing against a malformed or absurd stored value', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    await expect(verifyPassword('x', '$scrypt$ln=30,r=8,p=1$AAAA$AAAA')).resolves.toBe(false);
    await expect(verifyAgainstNothing('anything')).resolves.toBe(false);
  });

  it('asks for a new hash when the stored one used weaker parameters', async () => {
    expect(needsRehash('$scrypt$ln=14,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA')).toBe(true);
    expect(needsRehash(await hashPassword('x'))).toBe(false);
  });
});
