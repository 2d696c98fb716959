import { DataSource } from 'typeorm';
import { canonicalJson, eventHash, GENESIS_HASH, sha256Hex } from '../events/canonical';
import { StreamHead, merkleRoot, sortHeads } from './merkle';
import { loadStoredRules, pinnedRulesDifference } from './pinned-rules';
import { ExpectedTerm, StreamReplay, machineFor, openingWorkflowVersion, termsFromEffects } from './stream-replay';

export type BrokenLinkProblem =
  | 'seq-gap'
  | 'prev-hash-mismatch'
  | 'hash-mismatch'
  | 'projection-mismatch'
  | 'snapshot-mismatch'
  | 'missing-stream'
  | 'rewound'
  | 'digest-mismatch'
  | 'deadline-mismatch'
  /** Issue 13: the rule set or catalogue a case is pinned to was edited after the case opened. */
  | 'rules-mismatch';

/** The first broken link of one stream (or of a recorded digest). */
export interface BrokenLink {
  streamId: string;
  streamType: string | null;
  seq: number;
  problem: BrokenLinkProblem;
  expected: unknown;
  actual: unknown;
}

export interface RecordedDigest {
  id: number;
  root: string;
  recordedAt: string;
  leaves: StreamHead[];
}

export interface VerificationReport {
  ok: boolean;
  streams: number;
  events: number;
  /** The Merkle root over the latest stored event of every stream, as found now. */
  digest: string;
  checkedAt: string;
  /** The latest recorded digest that the log was checked against (null when none was recorded yet). */
  recordedDigest: { id: number; root: string; recordedAt: string; streams: number } | null;
  broken: BrokenLink[];
}

/** A row of `events`, as the database returns it. */
interface EventRow {
  stream_id: string;
  seq: number | string;
  stream_type: string;
  type: string;
  payload: string;
  actor_id: string;
  actor_role: string;
  business_time: string;
  recorded_time: string;
  prev_hash: string;
  hash: string;
}

interface ProjectionRow {
  id: string;
  type: 'case' | 'commission' | 'account';
  version: number;
  lastHash: string;
  snapshot: string;
  workflowVersion: number;
}

interface StreamCheck {
  streamId: string;
  streamType: string;
  expectedSeq: number;
  prevHash: string;
  broken: BrokenLink | null;
  replay: StreamReplay | null;
  replayError: string | null;
}

export const EVENT_COLUMNS =
  'stream_id, seq, stream_type, type, payload, actor_id, actor_role, business_time, recorded_time, prev_hash, hash';

/**
 * The event hash of a stored row. Fast path: the stored payload text is spliced verbatim into the
 * canonical form (keys of the hashed fields in sorted order); when that matches the stored hash, the
 * stored text *is* the canonical payload that was hashed. Otherwise the definitive path parses the
 * payload and hashes canonicalJson of the fields (eventHash), so a payload stored in another but
 * equal JSON spelling still verifies. Both give eventHash's answer (src/audit/ledger-verifier.spec.ts).
 */
export function storedEventHash(row: EventRow, payload: unknown): string {
  const seq = Number(row.seq);
  const spliced = sha256Hex(
    `{"actorId":${JSON.stringify(row.actor_id)},"actorRole":${JSON.stringify(row.actor_role)},"businessTime":${JSON.stringify(row.business_time)},` +
      `"payload":${row.payload},"prevHash":${JSON.stringify(row.prev_hash)},"recordedTime":${JSON.stringify(row.recorded_time)},` +
      `"seq":${JSON.stringify(seq)},"streamId":${JSON.stringify(row.stream_id)},"streamType":${JSON.stringify(row.stream_type)},"type":${JSON.stringify(row.type)}}`,
  );
  if (spliced === row.hash) return spliced;
  return eventHash({
    streamId: row.stream_id,
    streamType: row.stream_type,
    seq,
    type: row.type,
    payload,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    businessTime: row.business_time,
    recordedTime: row.recorded_time,
    prevHash: row.prev_hash,
  });
}

/**
 * Verifies the whole log in one pass over `events` in (stream_id, seq) order, page by page:
 * per stream the seq runs 1, 2, 3 …; each prev_hash is the previous event's hash (GENESIS for seq 1);
 * each hash is recomputed; the projection row's version and last_hash are the last event's; the
 * replayed snapshot equals the stored one; a case's deadline rows are what its replayed effects
 * (term.open / move / fire / close) left. Then every leaf of the latest recorded digest must still be
 * there: the stream exists, reaches that seq, and its event at that seq has that hash.
 * Reports the FIRST broken link of each stream. Reads only: pass the read connection.
 */
export interface VerifyOptions {
  checkedAt: string;
  latestDigest: RecordedDigest | null;
  pageSize?: number;
  replay?: boolean;
}

/** A part of the log, by stream id: [from, to) — either bound open. */
export interface StreamRange {
  from?: string;
  to?: string;
}

/** What one scan of a range of streams found; parts are merged into one report. */
export interface PartialVerification {
  broken: BrokenLink[];
  heads: StreamHead[];
  /** Every stream seen (in the log or as a projection) with its type. */
  streams: [string, string][];
  pinnedHashes: [string, string][];
  events: number;
}

export type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export async function verifyLedger(dataSource: DataSource, options: VerifyOptions): Promise<VerificationReport> {
  const part = await verifyRange(dataSource, options, {});
  return mergeVerification([part], options);
}

/**
 * One range of streams, checked end to end. The pass reads without one long transaction (that would hold
 * SQLite's write lock): a command that commits between two reads can look like a projection out of step. Each
 * stream found broken is read again alone, in one short transaction, and reported only if it is still broken.
 */
export async function verifyRange(
  dataSource: DataSource,
  options: VerifyOptions,
  range: StreamRange,
): Promise<PartialVerification> {
  const pg = dataSource.options.type === 'postgres';
  const part = await scan((sql, params) => dataSource.query(sql, params), pg, options, { range });
  const confirmed: BrokenLink[] = [];
  for (const link of part.broken) {
    if (
      !['projection-mismatch', 'snapshot-mismatch', 'missing-stream', 'deadline-mismatch'].includes(link.problem) ||
      !link.streamType
    ) {
      confirmed.push(link);
      continue;
    }
    const again = await dataSource.transaction((m) =>
      scan((sql, params) => m.query(sql, params), pg, options, { only: link.streamId }),
    );
    confirmed.push(...again.broken);
  }
  return { ...part, broken: confirmed };
}

/** The ranges that split the streams into `parts` parts of about equal numbers of streams. */
export async function streamRanges(query: Query, parts: number): Promise<StreamRange[]> {
  const ids = (
    await query<{ id: string }>(
      'SELECT id FROM cases UNION ALL SELECT id FROM commissions UNION ALL SELECT id FROM accounts WHERE version > 0',
    )
  )
    .map((r) => r.id)
    .sort();
  if (parts <= 1 || ids.length < parts * 2) return [{}];
  const bounds = Array.from({ length: parts - 1 }, (_, i) => ids[Math.floor(((i + 1) * ids.length) / parts)]);
  const ranges: StreamRange[] = bounds.map((b, i) => ({ ...(i > 0 ? { from: bounds[i - 1] } : {}), to: b }));
  return [...ranges, { from: bounds[bounds.length - 1] }];
}

/** Merges the parts (in any order) and checks the latest recorded digest against every stream's head. */
export function mergeVerification(parts: PartialVerification[], options: VerifyOptions): VerificationReport {
  const broken = parts.flatMap((p) => p.broken);
  const heads = parts.flatMap((p) => p.heads);
  const pinnedHashes = new Map(parts.flatMap((p) => p.pinnedHashes));
  const typeOf = new Map(parts.flatMap((p) => p.streams));

  // The latest recorded digest: is it intact, and is every stream it saw still there, at least as long, with the same hash?
  const digest = options.latestDigest;
  if (digest) {
    const rebuilt = merkleRoot(sortHeads(digest.leaves));
    if (rebuilt !== digest.root) {
      broken.push({
        streamId: `ledger_digests/${digest.id}`,
        streamType: null,
        seq: 0,
        problem: 'digest-mismatch',
        expected: digest.root,
        actual: rebuilt,
      });
    }
    const brokenIds = new Set(broken.map((b) => b.streamId));
    const headOf = new Map(heads.map((h) => [h.streamId, h]));
    for (const leaf of digest.leaves) {
      if (brokenIds.has(leaf.streamId)) continue;
      const head = headOf.get(leaf.streamId);
      const type = typeOf.get(leaf.streamId) ?? null;
      if (!head) {
        broken.push({
          streamId: leaf.streamId,
          streamType: type,
          seq: leaf.lastSeq,
          problem: 'missing-stream',
          expected: { seq: leaf.lastSeq, hash: leaf.lastHash, digest: digest.id },
          actual: null,
        });
      } else if (head.lastSeq < leaf.lastSeq || pinnedHashes.get(leaf.streamId) !== leaf.lastHash) {
        broken.push({
          streamId: leaf.streamId,
          streamType: type,
          seq: leaf.lastSeq,
          problem: 'rewound',
          expected: { seq: leaf.lastSeq, hash: leaf.lastHash, digest: digest.id },
          actual: { seq: head.lastSeq, hash: pinnedHashes.get(leaf.streamId) ?? null },
        });
      }
    }
  }

  broken.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  return {
    ok: broken.length === 0,
    streams: typeOf.size,
    events: parts.reduce((n, p) => n + p.events, 0),
    digest: merkleRoot(sortHeads(heads)),
    checkedAt: options.checkedAt,
    recordedDigest: digest
      ? { id: digest.id, root: digest.root, recordedAt: digest.recordedAt, streams: digest.leaves.length }
      : null,
    broken,
  };
}

async function scan(
  query: Query,
  pg: boolean,
  options: VerifyOptions,
  target: { range?: StreamRange; only?: string },
): Promise<PartialVerification> {
  const p = (i: number) => (pg ? `$${i}` : '?');
  const pageSize = options.pageSize ?? 5_000;
  const replayOn = options.replay !== false;
  const only = target.only ?? null;
  // The condition on a stream id column that keeps a scan to its target.
  const within = (column: string, first: number): { sql: string; params: string[] } => {
    if (only) return { sql: `${column} = ${p(first)}`, params: [only] };
    const parts: string[] = [];
    const params: string[] = [];
    if (target.range?.from !== undefined) {
      parts.push(`${column} >= ${p(first + params.length)}`);
      params.push(target.range.from);
    }
    if (target.range?.to !== undefined) {
      parts.push(`${column} < ${p(first + params.length)}`);
      params.push(target.range.to);
    }
    return { sql: parts.join(' AND '), params };
  };
  const where = (column: string, first = 1) => {
    const w = within(column, first);
    return { sql: w.sql ? ` WHERE ${w.sql}` : '', params: w.params };
  };

  const projections = new Map<string, ProjectionRow>();
  // Accounts are streams too (their audited changes), without a machine: chain and projection only.
  for (const [table, type, columns, own] of [
    ['cases', 'case', 'snapshot, workflow_version', ''],
    ['commissions', 'commission', 'snapshot, workflow_version', ''],
    ['accounts', 'account', "'' AS snapshot, 0 AS workflow_version", 'version > 0'],
  ] as const) {
    const w = where('id');
    const condition = [w.sql.replace(/^ WHERE /, ''), own].filter(Boolean).join(' AND ');
    const rows: {
      id: string;
      version: number | string;
      last_hash: string;
      snapshot: string;
      workflow_version: number | string;
    }[] = await query(
      `SELECT id, version, last_hash, ${columns} FROM ${table}${condition ? ` WHERE ${condition}` : ''}`,
      w.params,
    );
    for (const r of rows) {
      projections.set(r.id, {
        id: r.id,
        type,
        version: Number(r.version),
        lastHash: r.last_hash,
        snapshot: r.snapshot,
        workflowVersion: Number(r.workflow_version),
      });
    }
  }

  // The deadline rows of the cases: what the replayed effects must have left (SPEC §3, §9).
  const deadlineRows = new Map<string, { kind: string; due_at: string; status: string }[]>();
  if (replayOn) {
    const w = where('case_id');
    const rows: { case_id: string; kind: string; due_at: string; status: string }[] = await query(
      `SELECT case_id, kind, due_at, status FROM deadlines${w.sql} ORDER BY case_id, created_at, id`,
      w.params,
    );
    for (const r of rows) {
      const list = deadlineRows.get(r.case_id);
      if (list) list.push(r);
      else deadlineRows.set(r.case_id, [r]);
    }
  }

  // The rule sets and catalogues as stored now: each case's opening event carries the hash of those it is pinned to.
  const storedRules = await loadStoredRules(query);

  // Which (stream, seq) the latest digest pinned, to read their hashes as the scan passes by.
  const pinned = new Map<string, StreamHead>((options.latestDigest?.leaves ?? []).map((l) => [l.streamId, l]));
  const pinnedHashes = new Map<string, string>();

  const broken: BrokenLink[] = [];
  const heads: StreamHead[] = [];
  const seen = new Set<string>();
  let events = 0;
  let current: StreamCheck | null = null;

  const breakAt = (s: StreamCheck, seq: number, problem: BrokenLinkProblem, expected: unknown, actual: unknown) => {
    if (!s.broken) s.broken = { streamId: s.streamId, streamType: s.streamType, seq, problem, expected, actual };
  };

  const finish = (s: StreamCheck) => {
    const lastSeq = s.expectedSeq - 1;
    heads.push({ streamId: s.streamId, lastSeq, lastHash: s.prevHash });
    const row = projections.get(s.streamId);
    if (!s.broken) {
      if (!row) breakAt(s, lastSeq, 'projection-mismatch', 'a projection row (cases or commissions)', null);
      else if (row.version !== lastSeq || row.lastHash !== s.prevHash) {
        breakAt(
          s,
          lastSeq,
          'projection-mismatch',
          { version: lastSeq, lastHash: s.prevHash },
          { version: row.version, lastHash: row.lastHash },
        );
      }
    }
    if (!s.broken && row && replayOn && row.type !== 'account') {
      if (s.replayError || !s.replay)
        breakAt(s, lastSeq, 'snapshot-mismatch', 'a replayable stream', s.replayError ?? 'no machine for this stream');
      else {
        const persisted = s.replay.persisted();
        const stored = safeParse(row.snapshot);
        // Equal as JSON data (what canonicalJson compares), without building both canonical strings.
        if (!jsonEqual(persisted, stored)) {
          const diff = firstDifference(JSON.parse(canonicalJson(persisted)), stored, '$');
          breakAt(
            s,
            lastSeq,
            'snapshot-mismatch',
            { path: diff.path, value: diff.expected },
            { path: diff.path, value: diff.actual },
          );
        }
      }
    }
    if (!s.broken && s.replay && !s.replayError && replayOn && s.streamType === 'case') {
      const difference = termDifference(termsFromEffects(s.replay.effects), deadlineRows.get(s.streamId) ?? []);
      if (difference) breakAt(s, lastSeq, 'deadline-mismatch', difference.expected, difference.actual);
    }
    s.replay?.stop();
    if (s.broken) broken.push(s.broken);
  };

  const streamTypes = new Map<string, string>();
  const visit = (row: EventRow) => {
    const seq = Number(row.seq);
    if (seq === 1) streamTypes.set(row.stream_id, row.stream_type);
    if (!current || current.streamId !== row.stream_id) {
      if (current) finish(current);
      const projection = projections.get(row.stream_id);
      seen.add(row.stream_id);
      current = {
        streamId: row.stream_id,
        streamType: projection?.type ?? row.stream_type,
        expectedSeq: 1,
        prevHash: GENESIS_HASH,
        broken: null,
        replay: null,
        replayError: null,
      };
    }
    const s: StreamCheck = current;
    events += 1;
    const pin = pinned.get(row.stream_id);
    if (pin && pin.lastSeq === seq) pinnedHashes.set(row.stream_id, row.hash);
    if (s.broken) return;
    if (seq !== s.expectedSeq) return breakAt(s, s.expectedSeq, 'seq-gap', s.expectedSeq, seq);
    if (row.prev_hash !== s.prevHash) return breakAt(s, seq, 'prev-hash-mismatch', s.prevHash, row.prev_hash);
    let payload: Record<string, unknown> | null = null;
    try {
      payload = JSON.parse(row.payload) as Record<string, unknown>;
    } catch {
      return breakAt(s, seq, 'hash-mismatch', row.hash, 'the stored payload is not JSON');
    }
    const recomputed = storedEventHash(row, payload);
    if (recomputed !== row.hash) return breakAt(s, seq, 'hash-mismatch', recomputed, row.hash);
    s.expectedSeq = seq + 1;
    s.prevHash = row.hash;
    if (seq === 1 && row.type === 'CASE.OPENED') {
      const rules = pinnedRulesDifference(payload, storedRules);
      if (rules) return breakAt(s, 1, 'rules-mismatch', rules.expected, rules.actual);
    }
    if (!replayOn || s.replayError || s.streamType === 'account') return;
    try {
      if (seq === 1) {
        const projection = projections.get(row.stream_id);
        const version = openingWorkflowVersion(
          { seq, type: row.type, payload: payload },
          projection?.workflowVersion ?? 1,
        );
        const machine = machineFor(s.streamType, version);
        if (!machine) throw new Error(`no ${s.streamType} workflow version ${version}`);
        s.replay = new StreamReplay(machine);
      }
      s.replay!.apply({ seq, type: row.type, payload: payload });
    } catch (error) {
      s.replayError = `replay failed at seq ${seq}: ${error instanceof Error ? error.message : String(error)}`;
    }
  };

  // Keyset pages over the primary key (stream_id, seq): bounded memory, one index scan. The next page is
  // requested before the current one is checked, so the driver reads while the replay computes.
  const page = (after: { streamId: string; seq: number } | null): Promise<EventRow[]> => {
    const w = within('stream_id', after ? 3 : 1);
    const scope = w.sql ? ` AND ${w.sql}` : '';
    if (only)
      return query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ${p(1)} AND seq > ${p(2)} ORDER BY seq LIMIT ${pageSize}`,
        [only, after?.seq ?? -1],
      );
    return after
      ? query<EventRow>(
          // A row-value comparison, so SQLite and PostgreSQL seek the primary key instead of filtering an OR.
          `SELECT ${EVENT_COLUMNS} FROM events WHERE (stream_id, seq) > (${p(1)}, ${p(2)})${scope} ORDER BY stream_id, seq LIMIT ${pageSize}`,
          [after.streamId, after.seq, ...w.params],
        )
      : query<EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events${w.sql ? ` WHERE ${w.sql}` : ''} ORDER BY stream_id, seq LIMIT ${pageSize}`,
          w.params,
        );
  };
  let pending: Promise<EventRow[]> | null = page(null);
  while (pending) {
    const rows: EventRow[] = await pending;
    const last = rows[rows.length - 1];
    pending = rows.length === pageSize ? page({ streamId: last.stream_id, seq: Number(last.seq) }) : null;
    for (const row of rows) visit(row);
  }
  if (current) finish(current);

  // A projection row without a single event: the stream's history is gone.
  for (const row of projections.values()) {
    if (!seen.has(row.id))
      broken.push({
        streamId: row.id,
        streamType: row.type,
        seq: 1,
        problem: 'missing-stream',
        expected: { version: row.version, lastHash: row.lastHash },
        actual: null,
      });
  }

  return {
    broken,
    heads,
    streams: [...new Set([...seen, ...projections.keys()])].map((id): [string, string] => [
      id,
      projections.get(id)?.type ?? streamTypes.get(id) ?? 'case',
    ]),
    pinnedHashes: [...pinnedHashes.entries()],
    events,
  };
}

/** The first term whose row differs from what the replayed effects say (kind by kind, in opening order). */
export function termDifference(
  expected: readonly ExpectedTerm[],
  rows: readonly { kind: string; due_at: string; status: string }[],
): { expected: unknown; actual: unknown } | null {
  const kinds = [...new Set([...expected.map((t) => t.kind as string), ...rows.map((r) => r.kind)])].sort();
  for (const kind of kinds) {
    const want = expected.filter((t) => t.kind === kind);
    const have = rows.filter((r) => r.kind === kind);
    for (let i = 0; i < Math.max(want.length, have.length); i++) {
      const w = want[i];
      const h = have[i];
      if (!w || !h || w.due !== h.due_at || w.status !== h.status) {
        return {
          expected: w ? { kind, term: i + 1, due: w.due, status: w.status } : { kind, term: i + 1, row: null },
          actual: h ? { kind, term: i + 1, due: h.due_at, status: h.status } : { kind, term: i + 1, row: null },
        };
      }
    }
  }
  return null;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The first place two JSON values differ, as a JSONPath-like string (for a readable snapshot-mismatch). */
export function firstDifference(
  expected: unknown,
  actual: unknown,
  path: string,
): { path: string; expected: unknown; actual: unknown } {
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (isObj(expected) && isObj(actual) && Array.isArray(expected) === Array.isArray(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    for (const k of keys) {
      if (canonicalJson(expected[k] ?? null) !== canonicalJson(actual[k] ?? null)) {
        return firstDifference(expected[k], actual[k], Array.isArray(expected) ? `${path}[${k}]` : `${path}.${k}`);
      }
    }
  }
  return { path, expected: expected ?? null, actual: actual ?? null };
}

/** Deep equality of two JSON values as canonical JSON sees them: key order ignored, undefined members absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++)
      if (!jsonEqual(a[i] === undefined ? null : a[i], bb[i] === undefined ? null : bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let count = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    count++;
    if (!Object.prototype.hasOwnProperty.call(bo, k) || !jsonEqual(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) count--;
  return count === 0;
}
