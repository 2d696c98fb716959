/**
 * Test fixtures: a simulated clock for one appeal case (instants in Asia/Almaty, UTC+05:00).
 * Used by the specs only; kept out of `*.spec.ts` so several specs share one timeline.
 */
import type { AppealCaseEvent, AppealCaseInput, TableRow, Vote } from './appeal-case.types';

type Ev<T extends AppealCaseEvent['type']> = Extract<AppealCaseEvent, { type: T }>;

const end = (day: string): string => `${day}T23:59:59.999+05:00`;

/** Deadlines of the simulated case: each is the last valid instant of its term. */
export const D = {
  objection: end('2025-03-10'), // D1: 5 working days from 2025-03-03
  table: end('2025-03-12'), // D2: 5 working days from the objection (2025-03-05)
  result: end('2025-03-20'), // D3: 15 calendar days from the objection
  escalation: end('2025-03-25'), // D4: 5 working days from the dispatch
} as const;

export const SHA = 'a'.repeat(64);

export const input: AppealCaseInput = {
  caseId: 'case-1',
  direction: 'personnel',
  bodyCode: 'MINFIN',
  authority: 'ADSC',
  issuedAt: '2025-03-03T10:00:00+05:00',
  deadlines: { objection: D.objection },
};

export const rows: TableRow[] = [
  {
    n: 1,
    indicatorCode: '1.1',
    title: 'Staff turnover',
    authorityScore: 2,
    claimedScore: 4,
    argument: 'Turnover miscounted',
    authorityPosition: 'Score stands',
  },
  {
    n: 2,
    indicatorCode: '2.3',
    title: 'Training',
    authorityScore: 1,
    claimedScore: 3,
    argument: 'Certificates attached',
    authorityPosition: 'Score stands',
  },
];

export const goodVote: Vote = { for: 5, against: 1, abstained: 0, present: 6, members: 7 };

export const ev = {
  objection: (at = '2025-03-05T11:00:00+05:00', over: Partial<Ev<'OBJECTION.FILE'>> = {}): Ev<'OBJECTION.FILE'> => ({
    type: 'OBJECTION.FILE',
    at,
    items: [
      { indicatorCode: '1.1', claimedScore: 4, argument: 'Turnover miscounted' },
      { indicatorCode: '2.3', claimedScore: 3, argument: 'Certificates attached' },
    ],
    documents: [{ name: 'turnover.pdf', sha256: SHA }],
    deadlines: { table: D.table, result: D.result },
    ...over,
  }),
  noObjection: (at = '2025-03-06T09:00:00+05:00'): Ev<'NO_OBJECTION.FILE'> => ({ type: 'NO_OBJECTION.FILE', at }),
  objectionDeadline: (at = '2025-03-11T00:00:00+05:00'): Ev<'DEADLINE.OBJECTION'> => ({
    type: 'DEADLINE.OBJECTION',
    at,
  }),
  withdraw: (at = '2025-03-07T09:00:00+05:00'): Ev<'OBJECTION.WITHDRAW'> => ({ type: 'OBJECTION.WITHDRAW', at }),
  draft: (r: TableRow[] = rows, at = '2025-03-06T10:00:00+05:00'): Ev<'TABLE.DRAFT'> => ({
    type: 'TABLE.DRAFT',
    at,
    rows: r,
  }),
  submit: (at = '2025-03-07T10:00:00+05:00', commissionConstituted = true): Ev<'TABLE.SUBMIT'> => ({
    type: 'TABLE.SUBMIT',
    at,
    commissionConstituted,
  }),
  tableDeadline: (at = '2025-03-13T00:00:00+05:00'): Ev<'DEADLINE.TABLE'> => ({ type: 'DEADLINE.TABLE', at }),
  resultDeadline: (at = '2025-03-21T00:00:00+05:00'): Ev<'DEADLINE.RESULT'> => ({ type: 'DEADLINE.RESULT', at }),
  decide: (n: number, decision: 'agree' | 'disagree', over: Partial<Ev<'ROW.DECIDE'>> = {}): Ev<'ROW.DECIDE'> => ({
    type: 'ROW.DECIDE',
    at: '2025-03-11T15:00:00+05:00',
    n,
    decision,
    ...(decision === 'agree' ? { revisedScore: 4 } : {}),
    rationale: decision === 'agree' ? 'Documents confirm the claim' : 'Documents do not confirm the claim',
    vote: goodVote,
    commissionConstituted: true,
    ...over,
  }),
  sign: (signer: 'chair' | 'agency', over: Partial<Ev<'TABLE.SIGN'>> = {}): Ev<'TABLE.SIGN'> => ({
    type: 'TABLE.SIGN',
    at: '2025-03-12T10:00:00+05:00',
    signer,
    name: signer === 'chair' ? 'A. Chair' : 'B. Agency',
    ...over,
  }),
  dispatch: (at = '2025-03-14T10:00:00+05:00'): Ev<'RESULTS.DISPATCH'> => ({
    type: 'RESULTS.DISPATCH',
    at,
    deadlines: { escalation: D.escalation },
  }),
  correct: (conclusionVersion = 2, at = '2025-03-17T10:00:00+05:00'): Ev<'CONCLUSION.CORRECT'> => ({
    type: 'CONCLUSION.CORRECT',
    at,
    conclusionVersion,
  }),
  escalate: (at = '2025-03-18T10:00:00+05:00'): Ev<'ESCALATION.FILE'> => ({ type: 'ESCALATION.FILE', at }),
  escalationOutcome: (
    outcome: 'upheld' | 'revised',
    conclusionVersion?: number,
    at = '2025-04-10T10:00:00+05:00',
  ): Ev<'ESCALATION.OUTCOME'> => ({
    type: 'ESCALATION.OUTCOME',
    at,
    outcome,
    ...(conclusionVersion !== undefined ? { conclusionVersion } : {}),
  }),
  escalationDeadline: (at = '2025-03-26T00:00:00+05:00'): Ev<'DEADLINE.ESCALATION'> => ({
    type: 'DEADLINE.ESCALATION',
    at,
  }),
  recompute: (deadlines: Partial<typeof D>, at = '2025-03-06T12:00:00+05:00'): Ev<'DEADLINES.RECOMPUTED'> => ({
    type: 'DEADLINES.RECOMPUTED',
    at,
    deadlines,
  }),
};

/** Events that take a case from `issued` to `signing` with the given row decisions. */
export function toSigning(
  decisions: ['agree' | 'disagree', 'agree' | 'disagree'] = ['agree', 'disagree'],
): AppealCaseEvent[] {
  return [ev.objection(), ev.draft(), ev.submit(), ev.decide(1, decisions[0]), ev.decide(2, decisions[1])];
}

/** Events that take a case to `dispatch` (awaiting dispatch). */
export function toDispatch(decisions?: ['agree' | 'disagree', 'agree' | 'disagree']): AppealCaseEvent[] {
  return [...toSigning(decisions), ev.sign('chair'), ev.sign('agency')];
}
