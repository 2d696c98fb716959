import { createHash } from 'node:crypto';

/**
 * The ledger digest (SPEC §6, docs/audit-algorithm.md): a binary Merkle tree over the latest hash of
 * every stream, so deleting or rewinding a whole case changes the root.
 *
 * - leaf input  = `${streamId}:${lastSeq}:${lastHash}` (UTF-8), leaf = sha256 hex of it;
 * - leaves are ordered by streamId, comparing UTF-16 code units (JavaScript's default sort);
 * - a parent = sha256 hex of the ASCII text `leftHex + rightHex` (128 hex characters). A leaf input
 *   always holds ':' and a parent input never does, so a leaf can never pose as a parent;
 * - a level with an odd count promotes its last node unchanged to the next level;
 * - the root of no leaves is sha256 of the empty string.
 */
export interface StreamHead {
  streamId: string;
  lastSeq: number;
  lastHash: string;
}

export interface ProofStep {
  /** Where the sibling sits: hash(sibling + current) when 'left', hash(current + sibling) when 'right'. */
  side: 'left' | 'right';
  hash: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const EMPTY_ROOT = sha256('');

export function leafHash(head: StreamHead): string {
  return sha256(`${head.streamId}:${head.lastSeq}:${head.lastHash}`);
}

export function parentHash(left: string, right: string): string {
  return sha256(left + right);
}

/** Heads sorted the one way every verifier sorts them (by streamId, UTF-16 code units). */
export function sortHeads(heads: StreamHead[]): StreamHead[] {
  return [...heads].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
}

function levels(leaves: string[]): string[][] {
  const out = [leaves];
  let level = leaves;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? parentHash(level[i], level[i + 1]) : level[i]);
    out.push(next);
    level = next;
  }
  return out;
}

/** The root over heads already sorted by sortHeads. */
export function merkleRoot(sortedHeads: StreamHead[]): string {
  if (sortedHeads.length === 0) return EMPTY_ROOT;
  const all = levels(sortedHeads.map(leafHash));
  return all[all.length - 1][0];
}

/** The siblings from the leaf at `index` up to the root; a promoted node adds no step. */
export function inclusionProof(sortedHeads: StreamHead[], index: number): ProofStep[] {
  if (index < 0 || index >= sortedHeads.length) throw new RangeError(`no leaf ${index}`);
  const proof: ProofStep[] = [];
  let i = index;
  for (const level of levels(sortedHeads.map(leafHash)).slice(0, -1)) {
    const sibling = i % 2 === 0 ? i + 1 : i - 1;
    if (sibling < level.length) proof.push({ side: i % 2 === 0 ? 'right' : 'left', hash: level[sibling] });
    i = Math.floor(i / 2);
  }
  return proof;
}

/** Folds a proof from a leaf hash; true when it arrives at the root. */
export function verifyInclusion(leaf: string, proof: ProofStep[], root: string): boolean {
  let current = leaf;
  for (const step of proof)
    current = step.side === 'left' ? parentHash(step.hash, current) : parentHash(current, step.hash);
  return current === root;
}
