import { canonicalJson, eventHash, GENESIS_HASH } from './canonical';

describe(canonicalJson.name, () => {
  it('sorts keys at every depth and drops undefined members, so equal data gives equal bytes', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 'ы' }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":"ы","z":1}]},"b":1}',
    );
  });

  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });
});

describe(eventHash.name, () => {
  const fields = {
    streamId: 'c1',
    streamType: 'case',
    seq: 1,
    type: 'CASE.OPENED',
    payload: { x: 1 },
    actorId: 'a',
    actorRole: 'authorityOfficer',
    businessTime: '2025-02-03T10:00:00.000Z',
    recordedTime: '2025-02-03T10:00:00.000Z',
    prevHash: GENESIS_HASH,
  };

  it('changes when any field changes (p.106 results are not subject to review: the log cannot be rewritten unnoticed)', () => {
    const base = eventHash(fields);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    for (const [key, value] of Object.entries({
      seq: 2,
      type: 'X',
      payload: { x: 2 },
      actorId: 'b',
      prevHash: '1'.repeat(64),
    })) {
      expect(eventHash({ ...fields, [key]: value })).not.toBe(base);
    }
  });
});
