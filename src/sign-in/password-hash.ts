import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords are stored as scrypt hashes (memory-hard, from node:crypto): N = 2^17, r = 8, p = 1 — the
 * OWASP Password Storage Cheat Sheet's minimum for scrypt — 128 MiB and ≈0.4 s of one core per hash here,
 * 16 random bytes of salt, 32 bytes of output. The parameters travel in the stored PHC string
 * (`$scrypt$ln=17,r=8,p=1$<salt>$<hash>`, base64 without padding), so they can be raised later: a hash
 * made with weaker ones is replaced at the next successful sign-in (`needsRehash`).
 */
export const SCRYPT_PARAMS = { ln: 17, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;

/**
 * At most two hashes at a time: each takes 128 MiB and a libuv thread for ≈0.4 s, and the same four
 * threads serve sqlite3 and the file system — a burst of sign-ins must not stall every other request.
 */
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, ln: number, r: number, p: number, keyBytes: number): Promise<Buffer> {
  const N = 2 ** ln;
  return limited(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        // maxmem: 128·N·r bytes are needed; node's default (32 MiB) is below that.
        scrypt(password.normalize('NFC'), salt, keyBytes, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      }),
  );
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export async function hashPassword(password: string): Promise<string> {
  const { ln, r, p, saltBytes, keyBytes } = SCRYPT_PARAMS;
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, ln, r, p, keyBytes);
  return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
}

/** True when `password` matches `stored`; a malformed stored hash matches nothing. Constant-time comparison. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = PHC.exec(stored);
  if (!parts) return false;
  const [ln, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (ln < 10 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(parts[5], 'base64');
  const key = await derive(password, Buffer.from(parts[4], 'base64'), ln, r, p, expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function needsRehash(stored: string): boolean {
  const parts = PHC.exec(stored);
  return (
    !parts ||
    Number(parts[1]) < SCRYPT_PARAMS.ln ||
    Number(parts[2]) < SCRYPT_PARAMS.r ||
    Number(parts[3]) < SCRYPT_PARAMS.p
  );
}

/**
 * Spends the time of one verification when there is no hash to check (an unknown user name), so the
 * answer's timing does not tell which user names exist.
 */
let dummy: Promise<string> | undefined;
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hashPassword('no such user: a hash to spend the same time on');
  await verifyPassword(password, await dummy);
  return false;
}
