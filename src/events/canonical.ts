import { createHash } from 'node:crypto';

/**
 * Canonical JSON (docs/audit-algorithm.md): objects with keys sorted by UTF-16 code units, no
 * whitespace, arrays in order, strings and numbers as JSON.stringify writes them; `undefined`
 * members are left out. The same input always gives the same bytes, on any machine.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new TypeError('non-finite number in canonical JSON');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers: everything but the hash itself. */
export interface HashedEventFields {
  streamId: string;
  streamType: string;
  seq: number;
  type: string;
  payload: unknown;
  actorId: string;
  actorRole: string;
  businessTime: string;
  recordedTime: string;
  prevHash: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 over the canonical form of the event's fields, chained by prevHash. */
export function eventHash(fields: HashedEventFields): string {
  return sha256Hex(canonicalJson(fields));
}
