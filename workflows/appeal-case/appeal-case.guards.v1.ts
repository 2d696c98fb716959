/**
 * The rules of appeal case workflow v1 as plain functions of (context, event).
 * The machine's named guards call these, and `whyRefused` calls the same functions to say
 * which rule refused an event — one source for both. Every guard cites its point of the law.
 */
import { decisionCarried, quorumMet, voteConsistent, DEFAULT_QUORUM_FRACTION } from '../decision-rule';
import { atOrBefore, isAfter, isInstant } from '../instant';
import type { GuardRule } from '../refusal';
import type { AppealCaseContext, AppealCaseEvent, AppealCaseEventType, OverdueKind } from './appeal-case.types';

export type AppealCaseGuard = (context: AppealCaseContext, event: AppealCaseEvent) => boolean;

const commissionLaw = (context: AppealCaseContext): string => (context.direction === 'personnel' ? 'p.100' : 'p.101');

const breachRecorded = (context: AppealCaseContext, kind: OverdueKind): boolean =>
  context.overdue.some((o) => o.kind === kind);

export const appealCaseGuardsV1 = {
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
    event.documents.every((d) => d.name.trim() !== '' && /^[0-9a-f]{64}$/i.test(d.sha256)),

  /** p.102, p.106: the authority's terms come with the objection. */
  objectionDeadlinesGiven: (_context, event) =>
    event.type === 'OBJECTION.FILE' && isInstant(event.deadlines.table) && isInstant(event.deadlines.result),

  /** p.99: the no-response closure fires only once D1 has passed. */
  objectionDeadlinePassed: (context, event) => isAfter(event.at, context.deadlines.objection),

  /** SPEC §4: the objection may be withdrawn until the commission decides (p.104). */
  noRowDecided: (context) => context.rows.every((r) => r.decision === undefined),

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

  /** p.104: the vote counts add up. */
  voteConsistent: (_context, event) => event.type === 'ROW.DECIDE' && voteConsistent(event.vote),

  /** p.104 (SPEC §2 default): the meeting is competent when more than half of the members are present. */
  quorumMet: (_context, event) =>
    event.type === 'ROW.DECIDE' &&
    quorumMet(event.vote.present, event.vote.members, event.quorumFraction ?? DEFAULT_QUORUM_FRACTION),

  /** p.104 (SPEC §2 default): majority of the members present; the chair's vote decides a tie. */
  decisionCarried: (_context, event) => event.type === 'ROW.DECIDE' && decisionCarried(event.vote),

  /** p.104, SPEC §4: each decision carries a rationale. */
  rationaleGiven: (_context, event) => event.type === 'ROW.DECIDE' && event.rationale.trim() !== '',

  /** p.104: this decision is the last one the table needs (routing to signing, never a refusal). */
  isLastUndecidedRow: (context, event) =>
    event.type === 'ROW.DECIDE' && context.rows.every((r) => r.n === event.n || r.decision !== undefined),

  /** p.105: each party signs once; only the agency's representative may refuse. */
  signerMaySign: (context, event) => {
    if (event.type !== 'TABLE.SIGN') return false;
    if (event.signer === 'chair') return context.signatures.chair === undefined && event.refusalReason === undefined;
    if (context.signatures.agency !== undefined || context.signatures.agencyRefusal !== undefined) return false;
    return event.refusalReason === undefined || event.refusalReason.trim() !== '';
  },

  /** p.105: with this signature the chair has signed and the agency has signed or refused. */
  completesSignatures: (context, event) => {
    if (event.type !== 'TABLE.SIGN') return false;
    const chair = context.signatures.chair !== undefined || event.signer === 'chair';
    const agency =
      context.signatures.agency !== undefined ||
      context.signatures.agencyRefusal !== undefined ||
      event.signer === 'agency';
    return chair && agency;
  },

  /** p.108: D4 comes with the dispatch (it runs from the body's receipt of the results). */
  escalationDeadlineGiven: (_context, event) =>
    event.type === 'RESULTS.DISPATCH' && isInstant(event.deadlines.escalation),

  /** p.107: a correction is owed when at least one objection was accepted. */
  anyRowAgreed: (context) => context.rows.some((r) => r.decision === 'agree'),

  /** p.107: a correction is a new version of the conclusion. */
  correctionAdvancesVersion: (context, event) =>
    event.type === 'CONCLUSION.CORRECT' &&
    Number.isInteger(event.conclusionVersion) &&
    event.conclusionVersion > context.conclusionVersion,

  /** p.108: an escalation to the Presidential Administration is accepted only within D4. */
  beforeEscalationDeadline: (context, event) => atOrBefore(event.at, context.deadlines.escalation),

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
} satisfies Record<string, AppealCaseGuard>;

export type AppealCaseGuardName = keyof typeof appealCaseGuardsV1;

/**
 * The guards each event must pass, in the order they are reported. The machine builds its
 * transitions from these lists (`and([...])`), so refusals and transitions cannot drift apart.
 * Routing-only guards (isLastUndecidedRow, completesSignatures, anyRowAgreed) are not here:
 * they choose a target, they never refuse.
 */
export const appealCaseGuardChainsV1 = {
  'OBJECTION.FILE': [
    'beforeObjectionDeadline',
    'hasDisputedItems',
    'hasSupportingDocuments',
    'objectionDeadlinesGiven',
  ],
  'NO_OBJECTION.FILE': ['beforeObjectionDeadline'],
  'DEADLINE.OBJECTION': ['objectionDeadlinePassed'],
  'OBJECTION.WITHDRAW': ['noRowDecided'],
  'TABLE.DRAFT': ['tableRowsValid'],
  'TABLE.SUBMIT': ['commissionConstituted'],
  'DEADLINE.TABLE': ['tableDeadlinePassed', 'tableBreachNotRecorded'],
  'DEADLINE.RESULT': ['resultDeadlinePassed', 'resultBreachNotRecorded'],
  'ROW.DECIDE': [
    'commissionConstituted',
    'rowExistsAndUndecided',
    'voteConsistent',
    'quorumMet',
    'decisionCarried',
    'rationaleGiven',
  ],
  'TABLE.SIGN': ['signerMaySign'],
  'RESULTS.DISPATCH': ['escalationDeadlineGiven'],
  'CONCLUSION.CORRECT': ['correctionAdvancesVersion'],
  'ESCALATION.FILE': ['beforeEscalationDeadline'],
  'ESCALATION.OUTCOME': ['escalationOutcomeValid'],
  'DEADLINE.ESCALATION': ['escalationDeadlinePassed'],
  'DEADLINES.RECOMPUTED': ['deadlinesGiven'],
} as const satisfies Record<AppealCaseEventType, readonly AppealCaseGuardName[]>;

/** How each refusing guard is reported (SPEC §7 problem types). */
export const appealCaseGuardRulesV1: Partial<Record<AppealCaseGuardName, GuardRule<AppealCaseContext>>> = {
  beforeObjectionDeadline: { type: 'deadline-passed', law: 'p.99' },
  hasDisputedItems: { type: 'validation-failed', law: 'p.98' },
  hasSupportingDocuments: { type: 'supporting-documents-required', law: 'p.98' },
  objectionDeadlinesGiven: { type: 'validation-failed', law: 'p.102' },
  objectionDeadlinePassed: { type: 'validation-failed', law: 'p.99' },
  noRowDecided: { type: 'invalid-transition', law: 'p.104' },
  tableRowsValid: { type: 'validation-failed', law: 'p.102' },
  commissionConstituted: { type: 'commission-not-constituted', law: commissionLaw },
  tableDeadlinePassed: { type: 'validation-failed', law: 'p.102' },
  tableBreachNotRecorded: { type: 'invalid-transition', law: 'p.102' },
  resultDeadlinePassed: { type: 'validation-failed', law: 'p.106' },
  resultBreachNotRecorded: { type: 'invalid-transition', law: 'p.106' },
  rowExistsAndUndecided: { type: 'validation-failed', law: 'p.104' },
  voteConsistent: { type: 'validation-failed', law: 'p.104' },
  quorumMet: { type: 'quorum-not-met', law: 'p.104' },
  decisionCarried: { type: 'validation-failed', law: 'p.104' },
  rationaleGiven: { type: 'validation-failed', law: 'p.104' },
  signerMaySign: { type: 'validation-failed', law: 'p.105' },
  escalationDeadlineGiven: { type: 'validation-failed', law: 'p.108' },
  correctionAdvancesVersion: { type: 'validation-failed', law: 'p.107' },
  beforeEscalationDeadline: { type: 'deadline-passed', law: 'p.108' },
  escalationOutcomeValid: { type: 'validation-failed', law: 'p.108' },
  escalationDeadlinePassed: { type: 'validation-failed', law: 'p.108' },
  deadlinesGiven: { type: 'validation-failed' },
};

/** Events by which the authority would review its own decision — refused after dispatch (p.106). */
export const AUTHORITY_REVIEW_EVENTS: readonly AppealCaseEventType[] = [
  'TABLE.DRAFT',
  'TABLE.SUBMIT',
  'ROW.DECIDE',
  'TABLE.SIGN',
  'RESULTS.DISPATCH',
  'OBJECTION.WITHDRAW',
];

/** Events bound to a term of the body; refused as `deadline-passed` once it ran out (p.99, p.108). */
export const BODY_TERM_GUARDS: Partial<Record<AppealCaseEventType, AppealCaseGuardName>> = {
  'OBJECTION.FILE': 'beforeObjectionDeadline',
  'NO_OBJECTION.FILE': 'beforeObjectionDeadline',
  'ESCALATION.FILE': 'beforeEscalationDeadline',
};
