/** Context, input and events of the appeal case workflow (SPEC §4). Shared by its versions. */
import type { Direction } from '../routing';
import type { Vote } from '../decision-rule';

export type { Refusal, RefusalType } from '../refusal';

export type { Direction } from '../routing';
export type { Vote, ChairVote } from '../decision-rule';

/** ISO 8601 instant with offset; a deadline is the last valid instant of its term. */
export type Instant = string;

export interface CaseDeadlines {
  /** D1, p.98/p.99: 5 working days from receipt of the conclusion. */
  objection: Instant;
  /** D2, p.102: 5 working days from receipt of the objection. */
  table?: Instant;
  /** D3, p.106: 15 calendar days (default: from receipt of the objection). */
  result?: Instant;
  /** D4, p.108: 5 working days from the dispatch of the results. */
  escalation?: Instant;
}

export interface DisputedItem {
  indicatorCode: string;
  claimedScore?: number;
  argument: string;
}

export interface SupportingDocument {
  name: string;
  sha256: string;
}

export type RowDecision = 'agree' | 'disagree';

/** One row of the disagreement table (appendix 18, SPEC §5). */
export interface TableRow {
  n: number;
  indicatorCode: string;
  title?: string;
  authorityScore?: number;
  claimedScore?: number;
  argument?: string;
  authorityPosition: string;
  decision?: RowDecision;
  revisedScore?: number;
  rationale?: string;
  vote?: Vote;
  decidedAt?: Instant;
}

export interface Signature {
  at: Instant;
  name?: string;
}

export interface Signatures {
  chair?: Signature;
  agency?: Signature;
  agencyRefusal?: { at: Instant; reason: string };
}

export type OverdueKind = 'table' | 'result' | 'noObjectionNotice';

/** A missed term, recorded as a breach (SPEC §2: authority terms never block the case). */
export interface Overdue {
  kind: OverdueKind;
  law: string;
  due: Instant;
  at: Instant;
}

export type CaseOutcome = 'noObjection' | 'noResponse' | 'withdrawn' | 'final' | 'upheld' | 'revised';

export interface AppealCaseInput {
  caseId: string;
  direction: Direction;
  bodyCode: string;
  authority: string;
  issuedAt: Instant;
  deadlines: { objection: Instant };
}

export interface AppealCaseContext {
  caseId: string;
  direction: Direction;
  bodyCode: string;
  authority: string;
  issuedAt: Instant;
  deadlines: CaseDeadlines;
  disputedItems: DisputedItem[];
  documents: SupportingDocument[];
  rows: TableRow[];
  signatures: Signatures;
  overdue: Overdue[];
  outcome?: CaseOutcome;
  conclusionVersion: number;
  objectionAt?: Instant;
  dispatchedAt?: Instant;
  escalatedAt?: Instant;
}

export type Signer = 'chair' | 'agency';

export type AppealCaseEvent =
  | {
      type: 'OBJECTION.FILE';
      at: Instant;
      items: DisputedItem[];
      documents: SupportingDocument[];
      deadlines: { table: Instant; result: Instant };
    }
  | { type: 'NO_OBJECTION.FILE'; at: Instant }
  | { type: 'DEADLINE.OBJECTION'; at: Instant }
  | { type: 'OBJECTION.WITHDRAW'; at: Instant }
  | { type: 'TABLE.DRAFT'; at: Instant; rows: TableRow[] }
  | { type: 'TABLE.SUBMIT'; at: Instant; commissionConstituted: boolean }
  | { type: 'DEADLINE.TABLE'; at: Instant }
  | { type: 'DEADLINE.RESULT'; at: Instant }
  | {
      type: 'ROW.DECIDE';
      at: Instant;
      n: number;
      decision: RowDecision;
      revisedScore?: number;
      rationale: string;
      vote: Vote;
      commissionConstituted: boolean;
      quorumFraction?: number;
    }
  | { type: 'TABLE.SIGN'; at: Instant; signer: Signer; name?: string; refusalReason?: string }
  | { type: 'RESULTS.DISPATCH'; at: Instant; deadlines: { escalation: Instant } }
  | { type: 'CONCLUSION.CORRECT'; at: Instant; conclusionVersion: number }
  | { type: 'ESCALATION.FILE'; at: Instant }
  | { type: 'ESCALATION.OUTCOME'; at: Instant; outcome: 'upheld' | 'revised'; conclusionVersion?: number }
  | { type: 'DEADLINE.ESCALATION'; at: Instant }
  | { type: 'DEADLINES.RECOMPUTED'; at: Instant; deadlines: Partial<CaseDeadlines> };

export type AppealCaseEventType = AppealCaseEvent['type'];

/** The state names of SPEC §4, as the service and the API show them. */
export type CaseStateName =
  | 'issued'
  | 'objectionReceived'
  | 'tablePreparation'
  | 'commissionReview'
  | 'signing'
  | 'dispatch'
  | 'correction'
  | 'escalationWindow'
  | 'escalated'
  | 'closed';
