/**
 * The rules of appeal case workflow v2 as plain functions of (context, event) — issue 13, "the law, exactly".
 * The machine's named guards call these, and `whyRefused` calls the same functions to say which rule refused an
 * event. Every guard cites its point of the law. What changed from v1 is marked `v2:`.
 */
import { decisionCarried, quorumMet, voteConsistent, DEFAULT_QUORUM_FRACTION } from '../decision-rule';
import { atOrBefore, isAfter, isInstant } from '../instant';
import type { GuardRule } from '../refusal';
import type {
  AppealCaseContext,
  AppealCaseEvent,
  AppealCaseEventType,
  CaseSettings,
  OverdueKind,
} from './appeal-case.types';

export type AppealCaseGuardV2 = (context: AppealCaseContext, event: AppealCaseEvent) => boolean;

const commissionLaw = (context: AppealCaseContext): string => (context.direction === 'personnel' ? 'p.100' : 'p.101');

const breachRecorded = (context: AppealCaseContext, kind: OverdueKind): boolean =>
  context.overdue.some((o) => o.kind === kind);

/** SPEC §2 defaults, for a context whose input carried no settings. */
export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  resultTermStartsAt: 'objectionReceipt',
  escalationTermStartsAt: 'laterOfDispatchAndCorrection',
};

export const settingsOf = (context: AppealCaseContext): CaseSettings => context.settings ?? DEFAULT_CASE_SETTINGS;

const isSha256 = (value: unknown): boolean => typeof value === 'string' && /^[0-9a-f]{64}$/i.test(value);

/** p.107: at least one objection was accepted, so a correction is owed. */
const anyAgreed = (context: AppealCaseContext): boolean => context.rows.some((r) => r.decision === 'agree');

/** p.108 (v2 default): D4 waits for the correction owed under p.107. */
const d4WaitsForCorrection = (context: AppealCaseContext): boolean =>
  anyAgreed(context) && settingsOf(context).escalationTermStartsAt === 'laterOfDispatchAndCorrection';

/** p.108 / p.91: the body may appeal at all (not when the Presidential Administration evaluated it). */
const appealOpen = (context: AppealCaseContext): boolean => context.appealTo !== null;

/** p.105: with this signature the chair has signed and the representative has signed, refused, or let the term pass. */
const chairSigned = (context: AppealCaseContext, event: AppealCaseEvent): boolean =>
  context.signatures.chair !== undefined || (event.type === 'TABLE.SIGN' && event.signer === 'chair');

export const appealCaseGuardsV2 = {
  /** p.98, p.99: an objection (or a no-objection notice) is accepted only within D1. */
  beforeObjectionDeadline: (context, event) => atOrBefore(event.at, context.deadlines.objection),

  /** p.98: an objection names at least one disputed item, each with an argument. */
  hasDisputedItems: (_context, event) =>
    event.type === 'OBJECTION.FILE' &&
    event.items.length > 0 &&
    event.items.every((i) => i.indicatorCode.trim() !== '' && i.argument.trim() !== ''),

  /** p.98: an objection is sent "with supporting documents". */
  hasSupportingDocuments: (_context, event) =>
    event.type === 'OBJECTION.FILE' &&
    event.documents.length > 0 &&
    event.documents.every((d) => d.name.trim() !== '' && isSha256(d.sha256)),

  /** p.102, p.106 — v2: D2 comes with the objection; D3 too when the rule set starts it at the receipt of the objection. */
  objectionDeadlinesGiven: (context, event) =>
    event.type === 'OBJECTION.FILE' &&
    isInstant(event.deadlines.table) &&
    (settingsOf(context).resultTermStartsAt === 'objectionReceipt'
      ? isInstant(event.deadlines.result)
      : event.deadlines.result === undefined),

  /** p.99: the closure at D1 fires only once D1 has passed. */
  objectionDeadlinePassed: (context, event) => isAfter(event.at, context.deadlines.objection),

  /** v2, SPEC §4: an objection withdrawn inside D1 stands as the body's answer when D1 passes (routing, never a refusal). */
  withdrawalStands: (context) => context.withdrawnAt !== undefined,

  /** SPEC §4: the objection may be withdrawn until the commission decides (p.104). */
  noRowDecided: (context) => context.rows.every((r) => r.decision === undefined),

  /** v2, SPEC §4: a withdrawal inside D1 reopens D1 — its due instant comes with it (after D1 it must not). */
  withdrawalTermGiven: (context, event) =>
    event.type === 'OBJECTION.WITHDRAW' &&
    (atOrBefore(event.at, context.deadlines.objection)
      ? isInstant(event.deadlines?.objection)
      : event.deadlines === undefined),

  /** v2, SPEC §4: the withdrawal comes inside D1 — the case returns to `issued` (routing, never a refusal). */
  withinObjectionTerm: (context, event) => atOrBefore(event.at, context.deadlines.objection),

  /** p.102: the disagreement table has at least one row and unique row numbers. */
  tableRowsValid: (_context, event) => {
    if (event.type !== 'TABLE.DRAFT' || event.rows.length === 0) return false;
    const numbers = event.rows.map((r) => r.n);
    return (
      numbers.every((n) => Number.isInteger(n) && n > 0) &&
      new Set(numbers).size === numbers.length &&
      event.rows.every((r) => r.indicatorCode.trim() !== '' && r.authorityPosition.trim() !== '')
    );
  },

  /** p.100 (personnel) / p.101 (IT): the table goes to, and is decided by, a constituted commission. */
  commissionConstituted: (_context, event) =>
    (event.type === 'TABLE.SUBMIT' || event.type === 'ROW.DECIDE') && event.commissionConstituted === true,

  /** v2, p.106: D3 comes with the submission exactly when the rule set starts it there. */
  resultTermGivenOnSubmission: (context, event) =>
    event.type === 'TABLE.SUBMIT' &&
    (settingsOf(context).resultTermStartsAt === 'tableSubmission'
      ? isInstant(event.deadlines?.result)
      : event.deadlines === undefined),

  /** p.102: D2 has passed (the scheduler's deadline event). */
  tableDeadlinePassed: (context, event) => isAfter(event.at, context.deadlines.table),

  /** p.102: the breach is recorded once. */
  tableBreachNotRecorded: (context) => !breachRecorded(context, 'table'),

  /** p.106: D3 has passed (the scheduler's deadline event). */
  resultDeadlinePassed: (context, event) => isAfter(event.at, context.deadlines.result),

  /** p.106: the breach is recorded once. */
  resultBreachNotRecorded: (context) => !breachRecorded(context, 'result'),

  /** p.104: one decision per row of the table. */
  rowExistsAndUndecided: (context, event) =>
    event.type === 'ROW.DECIDE' && context.rows.some((r) => r.n === event.n && r.decision === undefined),

  /** v2, p.103: a decision cites the meeting it was taken at. */
  meetingCited: (_context, event) =>
    event.type === 'ROW.DECIDE' &&
    event.meeting !== undefined &&
    event.meeting.id.trim() !== '' &&
    isInstant(event.meeting.scheduledFor),

  /** v2, p.103: a meeting decides at or after its scheduled time, never before it was held. */
  meetingHeld: (_context, event) =>
    event.type === 'ROW.DECIDE' && event.meeting !== undefined && !isAfter(event.meeting.scheduledFor, event.at),

  /** v2, p.103: the objecting body's representative and the evaluators of that body were invited to the meeting. */
  partiesInvited: (_context, event) =>
    event.type === 'ROW.DECIDE' &&
    event.meeting?.representativeInvited === true &&
    event.meeting.evaluatorsInvited === true,

  /** p.104: the vote counts add up. */
  voteConsistent: (_context, event) => event.type === 'ROW.DECIDE' && voteConsistent(event.vote),

  /** p.104 (SPEC §2 default): the meeting is competent when more than half of the members are present. */
  quorumMet: (_context, event) =>
    event.type === 'ROW.DECIDE' &&
    quorumMet(event.vote.present, event.vote.members, event.quorumFraction ?? DEFAULT_QUORUM_FRACTION),

  /** v2, p.104 (SPEC §2): a casting vote is the chair's only if the chair was present. */
  chairVoteOnlyIfPresent: (_context, event) =>
    event.type === 'ROW.DECIDE' && (event.vote.chairVote === undefined || event.meeting?.chairPresent === true),

  /** p.104 (SPEC §2 default): majority of the members present; the chair's vote (present) decides a tie. */
  decisionCarried: (_context, event) => {
    if (event.type !== 'ROW.DECIDE') return false;
    const { chairVote, ...counts } = event.vote;
    return decisionCarried(
      event.meeting?.chairPresent === true && chairVote !== undefined ? { ...counts, chairVote } : counts,
    );
  },

  /** p.104, SPEC §4: each decision carries a rationale. */
  rationaleGiven: (_context, event) => event.type === 'ROW.DECIDE' && event.rationale.trim() !== '',

  /** v2, p.105: the decision that completes the table brings the representative's signature term (and only it does). */
  signatureTermGiven: (context, event) => {
    if (event.type !== 'ROW.DECIDE') return false;
    const last = context.rows.every((r) => r.n === event.n || r.decision !== undefined);
    return last ? isInstant(event.deadlines?.signature) : event.deadlines === undefined;
  },

  /** p.104: this decision is the last one the table needs (routing to signing, never a refusal). */
  isLastUndecidedRow: (context, event) =>
    event.type === 'ROW.DECIDE' && context.rows.every((r) => r.n === event.n || r.decision !== undefined),

  /**
   * p.105: each party signs once; only the representative may refuse. v2: the chair may, once the representative's
   * term has run out unanswered, complete the table (having signed before, or signing now).
   */
  signerMaySign: (context, event) => {
    if (event.type !== 'TABLE.SIGN') return false;
    const agencyAnswered = context.signatures.agency !== undefined || context.signatures.agencyRefusal !== undefined;
    if (event.signer === 'chair') {
      if (event.refusalReason !== undefined) return false;
      if (event.completeWithoutAgency === true) return !agencyAnswered;
      return context.signatures.chair === undefined;
    }
    if (agencyAnswered || event.completeWithoutAgency !== undefined) return false;
    return event.refusalReason === undefined || event.refusalReason.trim() !== '';
  },

  /** v2, p.105: a signature records the canonical hash of the table it signs. */
  tableHashGiven: (_context, event) => event.type === 'TABLE.SIGN' && isSha256(event.tableSha256),

  /** v2, p.105: every signature signs the same table — nothing in a signed table changes afterwards. */
  signsTheSameTable: (context, event) =>
    event.type === 'TABLE.SIGN' &&
    (context.signedTable === undefined || context.signedTable.sha256 === event.tableSha256),

  /** v2, p.105 / SPEC §5: the first signature fixes the commission as composed. */
  membersFixedOnce: (context, event) =>
    event.type === 'TABLE.SIGN' &&
    (context.signedTable === undefined
      ? Array.isArray(event.members) && event.members.length > 0
      : event.members === undefined),

  /** v2, p.105 (our default): the chair completes the table alone only after the representative's term has passed. */
  signatureTermPassed: (context, event) =>
    event.type === 'TABLE.SIGN' &&
    (event.completeWithoutAgency !== true || isAfter(event.at, context.deadlines.signature)),

  /** p.105: with this signature the table is complete (routing to dispatch, never a refusal). */
  completesSignatures: (context, event) => {
    if (event.type !== 'TABLE.SIGN') return false;
    const agency =
      context.signatures.agency !== undefined ||
      context.signatures.agencyRefusal !== undefined ||
      event.signer === 'agency' ||
      event.completeWithoutAgency === true;
    return chairSigned(context, event) && agency;
  },

  /** v2, p.106: the results go to the working body of the Commission and to the evaluated body. */
  recipientsGiven: (context, event) =>
    event.type === 'RESULTS.DISPATCH' &&
    Array.isArray(event.recipients) &&
    event.recipients.some((r) => r.kind === 'workingBody' && r.code.trim() !== '') &&
    event.recipients.some((r) => r.kind === 'body' && r.code === context.bodyCode),

  /**
   * v2, p.108: D4 comes with the dispatch — unless the body cannot appeal (p.91), or the correction owed under p.107
   * must come first (SPEC §2 default), when it must not.
   */
  escalationTermConsistent: (context, event) => {
    if (event.type !== 'RESULTS.DISPATCH') return false;
    const due = !appealOpen(context) || d4WaitsForCorrection(context) ? false : true;
    return due ? isInstant(event.deadlines.escalation) : event.deadlines.escalation === undefined;
  },

  /** p.107: a correction is owed when at least one objection was accepted (routing). */
  anyRowAgreed: (context) => anyAgreed(context),

  /** p.108 / p.91: the body may appeal to the Presidential Administration (routing). */
  appealAvailable: (context) => appealOpen(context),

  /** v2, p.108: D4 waits for the correction (routing). */
  escalationAfterCorrection: (context) => d4WaitsForCorrection(context),

  /** p.107: a correction is a new version of the conclusion. */
  correctionAdvancesVersion: (context, event) =>
    event.type === 'CONCLUSION.CORRECT' &&
    Number.isInteger(event.conclusionVersion) &&
    event.conclusionVersion > context.conclusionVersion,

  /** v2, p.108: the correction brings D4 exactly when D4 waited for it. */
  escalationTermWithCorrection: (context, event) => {
    if (event.type !== 'CONCLUSION.CORRECT') return false;
    const awaited = appealOpen(context) && d4WaitsForCorrection(context) && context.deadlines.escalation === undefined;
    return awaited ? isInstant(event.deadlines?.escalation) : event.deadlines === undefined;
  },

  /** p.108: an escalation to the Presidential Administration is accepted only within D4. */
  beforeEscalationDeadline: (context, event) => atOrBefore(event.at, context.deadlines.escalation),

  /** v2, p.108: the escalation states its reason. */
  escalationReasonGiven: (_context, event) =>
    event.type === 'ESCALATION.FILE' && typeof event.reason === 'string' && event.reason.trim() !== '',

  /** v2, p.108: its documents are named uploads. */
  escalationDocumentsValid: (_context, event) =>
    event.type === 'ESCALATION.FILE' &&
    (event.documents ?? []).every((d) => d.name.trim() !== '' && isSha256(d.sha256)),

  /** p.108: a revised conclusion from the Presidential Administration is a new version. */
  escalationOutcomeValid: (context, event) =>
    event.type === 'ESCALATION.OUTCOME' &&
    (event.outcome === 'upheld' || event.outcome === 'revised') &&
    (event.conclusionVersion === undefined ||
      (Number.isInteger(event.conclusionVersion) && event.conclusionVersion > context.conclusionVersion)),

  /** p.108: the window closes only once D4 has passed. */
  escalationDeadlinePassed: (context, event) => isAfter(event.at, context.deadlines.escalation),

  /** SPEC §3: a calendar change recomputes open deadlines; at least one, each a valid instant. */
  deadlinesGiven: (_context, event) => {
    if (event.type !== 'DEADLINES.RECOMPUTED') return false;
    const values = Object.values(event.deadlines).filter((v) => v !== undefined);
    return values.length > 0 && values.every(isInstant);
  },
} satisfies Record<string, AppealCaseGuardV2>;

export type AppealCaseGuardNameV2 = keyof typeof appealCaseGuardsV2;

/**
 * The guards each event must pass, in the order they are reported. The machine builds its transitions from these
 * lists (`and([...])`), so refusals and transitions cannot drift apart. Routing-only guards (withdrawalStands,
 * withinObjectionTerm, isLastUndecidedRow, completesSignatures, anyRowAgreed, appealAvailable,
 * escalationAfterCorrection) choose a target; they never refuse.
 */
export const appealCaseGuardChainsV2 = {
  'OBJECTION.FILE': [
    'beforeObjectionDeadline',
    'hasDisputedItems',
    'hasSupportingDocuments',
    'objectionDeadlinesGiven',
  ],
  'NO_OBJECTION.FILE': ['beforeObjectionDeadline'],
  'DEADLINE.OBJECTION': ['objectionDeadlinePassed'],
  'OBJECTION.WITHDRAW': ['noRowDecided', 'withdrawalTermGiven'],
  'TABLE.DRAFT': ['tableRowsValid'],
  'TABLE.SUBMIT': ['commissionConstituted', 'resultTermGivenOnSubmission'],
  'DEADLINE.TABLE': ['tableDeadlinePassed', 'tableBreachNotRecorded'],
  'DEADLINE.RESULT': ['resultDeadlinePassed', 'resultBreachNotRecorded'],
  'ROW.DECIDE': [
    'commissionConstituted',
    'rowExistsAndUndecided',
    'meetingCited',
    'meetingHeld',
    'partiesInvited',
    'voteConsistent',
    'quorumMet',
    'chairVoteOnlyIfPresent',
    'decisionCarried',
    'rationaleGiven',
    'signatureTermGiven',
  ],
  'TABLE.SIGN': ['signerMaySign', 'signatureTermPassed', 'tableHashGiven', 'signsTheSameTable', 'membersFixedOnce'],
  'RESULTS.DISPATCH': ['recipientsGiven', 'escalationTermConsistent'],
  'CONCLUSION.CORRECT': ['correctionAdvancesVersion', 'escalationTermWithCorrection'],
  'ESCALATION.FILE': ['beforeEscalationDeadline', 'escalationReasonGiven', 'escalationDocumentsValid'],
  'ESCALATION.OUTCOME': ['escalationOutcomeValid'],
  'DEADLINE.ESCALATION': ['escalationDeadlinePassed'],
  'DEADLINES.RECOMPUTED': ['deadlinesGiven'],
} as const satisfies Record<AppealCaseEventType, readonly AppealCaseGuardNameV2[]>;

/** How each refusing guard is reported (SPEC §7 problem types). */
export const appealCaseGuardRulesV2: Partial<Record<AppealCaseGuardNameV2, GuardRule<AppealCaseContext>>> = {
  beforeObjectionDeadline: { type: 'deadline-passed', law: 'p.99' },
  hasDisputedItems: { type: 'validation-failed', law: 'p.98' },
  hasSupportingDocuments: { type: 'supporting-documents-required', law: 'p.98' },
  objectionDeadlinesGiven: { type: 'validation-failed', law: 'p.102' },
  objectionDeadlinePassed: { type: 'validation-failed', law: 'p.99' },
  noRowDecided: { type: 'invalid-transition', law: 'p.104' },
  withdrawalTermGiven: { type: 'validation-failed', law: 'p.99' },
  tableRowsValid: { type: 'validation-failed', law: 'p.102' },
  commissionConstituted: { type: 'commission-not-constituted', law: commissionLaw },
  resultTermGivenOnSubmission: { type: 'validation-failed', law: 'p.106' },
  tableDeadlinePassed: { type: 'validation-failed', law: 'p.102' },
  tableBreachNotRecorded: { type: 'invalid-transition', law: 'p.102' },
  resultDeadlinePassed: { type: 'validation-failed', law: 'p.106' },
  resultBreachNotRecorded: { type: 'invalid-transition', law: 'p.106' },
  rowExistsAndUndecided: { type: 'validation-failed', law: 'p.104' },
  meetingCited: { type: 'validation-failed', law: 'p.103' },
  meetingHeld: { type: 'validation-failed', law: 'p.103' },
  partiesInvited: { type: 'validation-failed', law: 'p.103' },
  voteConsistent: { type: 'validation-failed', law: 'p.104' },
  quorumMet: { type: 'quorum-not-met', law: 'p.104' },
  chairVoteOnlyIfPresent: { type: 'validation-failed', law: 'p.104' },
  decisionCarried: { type: 'validation-failed', law: 'p.104' },
  rationaleGiven: { type: 'validation-failed', law: 'p.104' },
  signatureTermGiven: { type: 'validation-failed', law: 'p.105' },
  signerMaySign: { type: 'validation-failed', law: 'p.105' },
  signatureTermPassed: { type: 'validation-failed', law: 'p.105' },
  tableHashGiven: { type: 'validation-failed', law: 'p.105' },
  signsTheSameTable: { type: 'validation-failed', law: 'p.105' },
  membersFixedOnce: { type: 'validation-failed', law: 'p.105' },
  recipientsGiven: { type: 'validation-failed', law: 'p.106' },
  escalationTermConsistent: { type: 'validation-failed', law: 'p.108' },
  correctionAdvancesVersion: { type: 'validation-failed', law: 'p.107' },
  escalationTermWithCorrection: { type: 'validation-failed', law: 'p.108' },
  beforeEscalationDeadline: { type: 'deadline-passed', law: 'p.108' },
  escalationReasonGiven: { type: 'validation-failed', law: 'p.108' },
  escalationDocumentsValid: { type: 'validation-failed', law: 'p.108' },
  escalationOutcomeValid: { type: 'validation-failed', law: 'p.108' },
  escalationDeadlinePassed: { type: 'validation-failed', law: 'p.108' },
  deadlinesGiven: { type: 'validation-failed' },
};
