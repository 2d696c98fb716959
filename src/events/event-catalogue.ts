/**
 * The stored events, one type each (SPEC §6): what the log holds, typed once and used by the writer,
 * replay, the audit verifier and the timeline.
 *
 * A stream opens with CASE.OPENED / COMMISSION.OPENED (the machine's input and what the stream is pinned
 * to); every later event is a machine event of its workflow (workflows/), stored as its fields without
 * `type`, plus `meta` — facts about the event that the machine does not read (which deadline row a
 * scheduler event fired, what a calendar change moved and why). Replay feeds `{ type, ...fields }` to the
 * machine and leaves `meta` out.
 */
import type {
  AppealCaseEvent,
  AppealCaseInput,
  SpecialCommissionEvent,
  SpecialCommissionInput,
  TermKind,
} from '../../workflows';

export interface EventMeta {
  /** The point of the law a scheduler event enforces (p.99, p.102 …). */
  law?: string;
  /** The deadline row a scheduler event fired. */
  deadlineId?: string;
  /** A calendar change: the due instants before it, the calendar version after it, and the change's note. */
  previous?: Partial<Record<TermKind, string>>;
  calendarVersion?: number;
  reason?: string;
  /** The actor's free note on the step (a dispatch note, a correction's reason). */
  note?: string;
}

export interface CaseOpened {
  input: AppealCaseInput;
  cycle: string;
  workflowVersion: number;
  ruleSet: { id: number; code: string };
  calendarVersion: number;
  conclusion: { version: number; sha256: string };
  /** Issue 13 (workflow v2 on): the indicator catalogue version the case is pinned to (in force on the delivery date). */
  catalogue?: { id: number; code: string };
  /** Issue 13: SHA-256 of the canonical pinned rule set and catalogue (src/reference/acts.ts `pinnedRulesHash`); the audit re-checks it. */
  pinnedRulesHash?: string;
}

export interface CommissionOpened {
  input: SpecialCommissionInput;
  workflowVersion: number;
}

type Fields<E extends { type: string }> = Omit<E, 'type'> & { meta?: EventMeta };
type Records<E extends { type: string }> = {
  [K in E['type']]: { type: K; payload: Fields<Extract<E, { type: K }>> };
}[E['type']];

export type CaseEventRecord = { type: 'CASE.OPENED'; payload: CaseOpened } | Records<AppealCaseEvent>;
export type CommissionEventRecord =
  { type: 'COMMISSION.OPENED'; payload: CommissionOpened } | Records<SpecialCommissionEvent>;

/** The audited changes of an account (issue 12): no secret is ever in them, only what changed and why. */
export type AccountEventRecord =
  | {
      type: 'ACCOUNT.CREATED';
      payload: {
        role: string;
        displayName: string;
        bodyCode: string | null;
        authorityCode: string | null;
        personIin: string | null;
      };
    }
  | { type: 'ACCOUNT.DISABLED'; payload: { reason: string } }
  | { type: 'ACCOUNT.ENABLED'; payload: { reason: string } }
  | { type: 'ACCOUNT.TOKEN_ROTATED'; payload: { expiresAt: string | null; reason: string } }
  | { type: 'ACCOUNT.PASSWORD_SET'; payload: { userName: string; by: 'administrator' | 'self'; mustChange: boolean } };

/** One event of one stream, before it is stored. */
export type StreamEventRecord =
  | ({ streamType: 'case' } & CaseEventRecord)
  | ({ streamType: 'commission' } & CommissionEventRecord)
  | ({ streamType: 'account' } & AccountEventRecord);
export type StreamType = StreamEventRecord['streamType'];

/** What the log adds to each event: its place in the chain, who and when. */
export interface EventEnvelope {
  streamId: string;
  seq: number;
  actorId: string;
  actorRole: string;
  /** The legal time of the fact (the receipt time of a command, the due time of a deadline). */
  businessTime: string;
  /** When the service recorded it. */
  recordedTime: string;
  prevHash: string;
  hash: string;
}

export type StoredEvent = EventEnvelope & StreamEventRecord;
export type StoredCaseEvent = EventEnvelope & { streamType: 'case' } & CaseEventRecord;
export type StoredCommissionEvent = EventEnvelope & { streamType: 'commission' } & CommissionEventRecord;
export type StoredAccountEvent = EventEnvelope & { streamType: 'account' } & AccountEventRecord;

export const OPENING_EVENT = { case: 'CASE.OPENED', commission: 'COMMISSION.OPENED' } as const;

/**
 * Events written before `meta` existed carried these facts beside the machine's fields. They are read back
 * into `meta` (the stored bytes, and so the hashes, stay as they were).
 */
const LEGACY_META: Record<string, readonly (keyof EventMeta)[]> = {
  'DEADLINE.OBJECTION': ['law', 'deadlineId'],
  'DEADLINE.TABLE': ['law', 'deadlineId'],
  'DEADLINE.RESULT': ['law', 'deadlineId'],
  'DEADLINE.ESCALATION': ['law', 'deadlineId'],
  'DEADLINES.RECOMPUTED': ['previous', 'calendarVersion', 'reason'],
};

/** A stored payload as the catalogue types it (legacy top-level facts moved into `meta`). */
function decodePayload(type: string, raw: Record<string, unknown>): Record<string, unknown> {
  const legacy = LEGACY_META[type];
  if (!legacy || !legacy.some((k) => k in raw)) return raw;
  const meta: Record<string, unknown> = { ...((raw.meta as Record<string, unknown> | undefined) ?? {}) };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if ((legacy as readonly string[]).includes(key)) meta[key] = value;
    else if (key !== 'meta') fields[key] = value;
  }
  return { ...fields, meta };
}

export function isOpening(event: { type: string }): boolean {
  return event.type === OPENING_EVENT.case || event.type === OPENING_EVENT.commission;
}

/** The machine event a stored (non-opening) event replays as: its fields and type, without `meta`. */
export function machineEventOf(event: { type: string; payload: object }): { type: string } & Record<string, unknown> {
  const { meta: _meta, ...fields } = decodePayload(event.type, event.payload as Record<string, unknown>);
  return { ...fields, type: event.type };
}

/** The facts about a stored event that the machine does not read. */
export function metaOf(event: { type: string; payload: object }): EventMeta {
  return (decodePayload(event.type, event.payload as Record<string, unknown>).meta as EventMeta | undefined) ?? {};
}
