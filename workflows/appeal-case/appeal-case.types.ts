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
  /** D4, p.108: 5 working days from the dispatch of the results (v2: from the later of the dispatch and the correction owed). */
  escalation?: Instant;
  /** v2, p.105 (our default): the representative's term to sign the table or refuse with a reason. */
  signature?: Instant;
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
  /** v2, p.105 (our default): the representative neither signed nor refused within the signature term. */
  agencyNonSignature?: { at: Instant; due: Instant };
}

/** v2, p.105: what the signatures fix — the canonical hash of the table and the commission as composed when first signed. */
export interface SignedTable {
  sha256: string;
  members: { name?: string; role: 'chair' | 'secretary' | 'member' }[];
}

/** v2: the procedure settings a case is pinned to (SPEC §2 open points, from its rule set). */
export interface CaseSettings {
  /** p.106: the 15 calendar days run from the receipt of the objection (default) or from the submission of the table. */
  resultTermStartsAt: 'objectionReceipt' | 'tableSubmission';
  /** p.108: D4 runs from the later of the dispatch and the correction owed under p.107 (default), or from the dispatch. */
  escalationTermStartsAt: 'laterOfDispatchAndCorrection' | 'dispatch';
}

/** v2, p.98: how the delivery of the conclusion was recorded. */
export interface DeliveryRecord {
  /** When the officer recorded it (the server's receipt time of the conclusion). */
  recordedAt: Instant;
  /** A delivery record: a registry reference, an uploaded document, or both (required when the delivery precedes the recording). */
  reference?: string;
  document?: SupportingDocument;
}

/** v2, p.92/p.94/p.96: where the final conclusion goes when the appeal procedure ends (p.97: the informatization authority's own). */
export interface TransmissionRoute {
  to: string;
  law: 'p.92' | 'p.94' | 'p.96' | 'p.97';
}

/** v2, p.106: who received the results. */
export interface Recipient {
  kind: 'workingBody' | 'body';
  code: string;
}

/** v2, p.103/p.104: the meeting a decision cites, as the handler found it in the commission. */
export interface MeetingFacts {
  id: string;
  scheduledFor: Instant;
  /** p.103: the objecting body's representative was invited. */
  representativeInvited: boolean;
  /** p.103: every evaluator of the objecting body was invited. */
  evaluatorsInvited: boolean;
  /** p.104 (SPEC §2): the chair's casting vote counts only if the chair was present. */
  chairPresent: boolean;
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
  /** v2: the settings of the pinned rule set the machine reads. */
  settings?: CaseSettings;
  /** v2, p.104: the indicator catalogue version the conclusion cites (in force on the delivery date). */
  catalogue?: { id: number; code: string };
  /** v2, p.98: how the delivery was recorded. */
  delivery?: DeliveryRecord;
  /** v2, p.92/p.94/p.96. */
  transmission?: TransmissionRoute;
  /** v2, p.108: the Presidential Administration's code, or null when it evaluated the body itself (p.91: no appeal to it against itself). */
  appealTo?: string | null;
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
  /** v2 (see AppealCaseInput). */
  settings?: CaseSettings;
  catalogue?: { id: number; code: string };
  delivery?: DeliveryRecord;
  transmission?: TransmissionRoute;
  appealTo?: string | null;
  /** v2, SPEC §4: an objection withdrawn inside D1; the withdrawal stands as the body's answer if nothing follows by D1. */
  withdrawnAt?: Instant;
  /** v2: every withdrawal, in order. */
  withdrawals?: Instant[];
  /** v2, p.105: the table the signatures fix. */
  signedTable?: SignedTable;
  /** v2, p.106: the recipients of the results and the authority's note. */
  dispatch?: { recipients: Recipient[]; note?: string };
  /** v2, p.108: the body's reason and documents. */
  escalation?: { reason: string; documents: SupportingDocument[] };
  /** v2, p.92/p.94/p.96: the final conclusion went to the informatization authority when the case closed. */
  transmitted?: TransmissionRoute & { conclusionVersion: number };
}

export type Signer = 'chair' | 'agency';

export type AppealCaseEvent =
  | {
      type: 'OBJECTION.FILE';
      at: Instant;
      items: DisputedItem[];
      documents: SupportingDocument[];
      /** v1: both; v2: `result` only when the rule set starts D3 at the receipt of the objection. */
      deadlines: { table: Instant; result?: Instant };
    }
  | { type: 'NO_OBJECTION.FILE'; at: Instant }
  | { type: 'DEADLINE.OBJECTION'; at: Instant }
  /** v2: inside D1 the withdrawal reopens D1 with its due instant. */
  | { type: 'OBJECTION.WITHDRAW'; at: Instant; deadlines?: { objection: Instant } }
  | { type: 'TABLE.DRAFT'; at: Instant; rows: TableRow[] }
  /** v2: D3 comes with the submission when the rule set starts it there. */
  | { type: 'TABLE.SUBMIT'; at: Instant; commissionConstituted: boolean; deadlines?: { result: Instant } }
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
      /** v2, p.103: the meeting the decision was taken at. */
      meeting?: MeetingFacts;
      /** v2, p.105: the signature term, with the decision that completes the table. */
      deadlines?: { signature: Instant };
    }
  | {
      type: 'TABLE.SIGN';
      at: Instant;
      signer: Signer;
      name?: string;
      refusalReason?: string;
      /** v2, p.105: the canonical SHA-256 of the table signed. */
      tableSha256?: string;
      /** v2: the commission as composed, with the first signature. */
      members?: SignedTable['members'];
      /** v2, p.105 (our default): the chair completes the table after the representative's term ran out. */
      completeWithoutAgency?: boolean;
    }
  /** v2: `escalation` absent while the correction owed must come first; `recipients` and `note` recorded (p.106). */
  | {
      type: 'RESULTS.DISPATCH';
      at: Instant;
      deadlines: { escalation?: Instant };
      recipients?: Recipient[];
      note?: string;
    }
  /** v2: D4 comes with the correction when it runs from it (p.108). */
  | { type: 'CONCLUSION.CORRECT'; at: Instant; conclusionVersion: number; deadlines?: { escalation: Instant } }
  /** v2: the body's reason and documents. */
  | { type: 'ESCALATION.FILE'; at: Instant; reason?: string; documents?: SupportingDocument[] }
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
