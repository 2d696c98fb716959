import { createHash } from 'node:crypto';
import {
  EMPTY_ROOT,
  StreamHead,
  inclusionProof,
  leafHash,
  merkleRoot,
  parentHash,
  sortHeads,
  verifyInclusion,
} from './merkle';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const head = (i: number): StreamHead => ({
  streamId: `s-${String(i).padStart(3, '0')}`,
  lastSeq: i + 1,
  lastHash: sha(`h${i}`),
});

describe(merkleRoot.name, () => {
  it('hashes each leaf as sha256 of "streamId:lastSeq:lastHash", exactly as docs/audit-algorithm.md says', () => {
    const h = { streamId: 'abc', lastSeq: 7, lastHash: 'f'.repeat(64) };
    expect(leafHash(h)).toBe(sha(`abc:7:${'f'.repeat(64)}`));
    expect(merkleRoot([h])).toBe(leafHash(h));
  });

  it('promotes the odd last node unchanged: root of three = H(H(a+b) + c)', () => {
    const [a, b, c] = [0, 1, 2].map((i) => leafHash(head(i)));
    expect(merkleRoot([head(0), head(1), head(2)])).toBe(sha(sha(a + b) + c));
    expect(parentHash(a, b)).toBe(sha(a + b));
  });

  it('has a fixed root for an empty ledger (sha256 of the empty string)', () => {
    expect(merkleRoot([])).toBe(EMPTY_ROOT);
    expect(EMPTY_ROOT).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('changes when any stream is removed, rewound or rewritten (SPEC §6: a deleted case is detected)', () => {
    const heads = Array.from({ length: 9 }, (_, i) => head(i));
    const root = merkleRoot(heads);
    expect(merkleRoot(heads.slice(0, 8))).not.toBe(root);
    expect(merkleRoot(heads.map((h, i) => (i === 4 ? { ...h, lastSeq: h.lastSeq - 1 } : h)))).not.toBe(root);
    expect(merkleRoot(heads.map((h, i) => (i === 4 ? { ...h, lastHash: sha('other') } : h)))).not.toBe(root);
  });

  it('sorts heads by streamId in UTF-16 code-unit order, whatever order they come in', () => {
    const heads = [head(3), head(1), { streamId: 'B', lastSeq: 1, lastHash: EMPTY_ROOT }, head(2)];
    expect(sortHeads(heads).map((h) => h.streamId)).toEqual(['B', 's-001', 's-002', 's-003']);
    expect(merkleRoot(sortHeads(heads))).toBe(merkleRoot(sortHeads([...heads].reverse())));
  });
});

describe(inclusionProof.name, () => {
  it('proves every leaf of trees of 1 to 17 leaves against the root', () => {
    for (let n = 1; n <= 17; n++) {
      const heads = Array.from({ length: n }, (_, i) => head(i));
      const root = merkleRoot(heads);
      for (let i = 0; i < n; i++) {
        expect(verifyInclusion(leafHash(heads[i]), inclusionProof(heads, i), root)).toBe(true);
      }
    }
  });

  it('fails for a changed leaf, a changed sibling or a flipped side', () => {
    const heads = Array.from({ length: 6 }, (_, i) => head(i));
    const root = merkleRoot(heads);
    const proof = inclusionProof(heads, 2);
    expect(verifyInclusion(leafHash({ ...heads[2], lastSeq: 99 }), proof, root)).toBe(false);
    expect(verifyInclusion(leafHash(heads[2]), [{ ...proof[0], hash: sha('x') }, ...proof.slice(1)], root)).toBe(false);
    expect(
      verifyInclusion(
        leafHash(heads[2]),
        [{ ...proof[0], side: proof[0].side === 'left' ? 'right' : 'left' }, ...proof.slice(1)],
        root,
      ),
    ).toBe(false);
  });

  it('refuses an index outside the tree', () => {
    expect(() => inclusionProof([head(0)], 1)).toThrow(RangeError);
  });
});
