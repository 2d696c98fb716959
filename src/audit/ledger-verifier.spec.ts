import { canonicalJson, eventHash, GENESIS_HASH } from '../events/canonical';
import { firstDifference, jsonEqual, storedEventHash } from './ledger-verifier';

describe(storedEventHash.name, () => {
  const fields = {
    streamId: '3f1c2a4e-0000-4000-8000-000000000001',
    streamType: 'case',
    seq: 2,
    type: 'OBJECTION.FILE',
    payload: {
      at: '2025-02-06T06:00:00.000Z',
      items: [{ indicatorCode: 'HR-1', argument: 'Тағайындаулар "резервтен"' }],
      z: 1.5,
    },
    actorId: 'a1',
    actorRole: 'agencyRepresentative',
    businessTime: '2025-02-06T06:00:00.000Z',
    recordedTime: '2025-02-06T06:00:00.000Z',
    prevHash: GENESIS_HASH,
  };
  const row = (payloadText: string, hash: string) => ({
    stream_id: fields.streamId,
    seq: '2',
    stream_type: fields.streamType,
    type: fields.type,
    payload: payloadText,
    actor_id: fields.actorId,
    actor_role: fields.actorRole,
    business_time: fields.businessTime,
    recorded_time: fields.recordedTime,
    prev_hash: fields.prevHash,
    hash,
  });

  it('gives eventHash’s answer when the payload is stored in canonical form (the fast path)', () => {
    const hash = eventHash(fields);
    expect(storedEventHash(row(canonicalJson(fields.payload), hash), fields.payload)).toBe(hash);
  });

  it('gives eventHash’s answer for an equal payload stored in another JSON spelling', () => {
    const hash = eventHash(fields);
    expect(storedEventHash(row(JSON.stringify(fields.payload, null, 2), hash), fields.payload)).toBe(hash);
  });

  it('differs from the stored hash when the stored payload was changed', () => {
    const hash = eventHash(fields);
    const changed = { ...fields.payload, z: 2 };
    expect(storedEventHash(row(canonicalJson(changed), hash), changed)).not.toBe(hash);
  });
});

describe(firstDifference.name, () => {
  it('names the first differing path', () => {
    expect(firstDifference({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3] } }, '$')).toEqual({
      path: '$.b.c[1]',
      expected: 2,
      actual: 3,
    });
  });
});

describe(jsonEqual.name, () => {
  it('equals canonicalJson equality: key order ignored, undefined members absent, arrays in order', () => {
    const cases: [unknown, unknown][] = [
      [
        { a: 1, b: [1, { c: 'ы' }] },
        { b: [1, { c: 'ы' }], a: 1 },
      ],
      [{ a: 1, u: undefined }, { a: 1 }],
      [
        [1, 2],
        [2, 1],
      ],
      [{ a: 1 }, { a: 1, b: null }],
      [{ a: [] }, { a: {} }],
      [{ a: '1' }, { a: 1 }],
    ];
    for (const [a, b] of cases) expect(jsonEqual(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
  });
});
