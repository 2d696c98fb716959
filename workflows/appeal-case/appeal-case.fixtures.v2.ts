/**
 * Test fixtures for appeal case workflow v2: the v1 timeline (appeal-case.fixtures.ts) with what v2 events carry
 * (meetings, table hashes, recipients, reasons, the terms that start later). Specs only.
 */
import type { AppealCaseEvent, AppealCaseInput, MeetingFacts } from './appeal-case.types';
import { D as D1to4, ev as v1, SHA } from './appeal-case.fixtures';

type Ev<T extends AppealCaseEvent['type']> = Extract<AppealCaseEvent, { type: T }>;

const end = (day: string): string => `${day}T23:59:59.999+05:00`;

export { SHA };
export const TABLE_SHA = 'b'.repeat(64);

/** The v1 deadlines, plus the representative's signature term and D4 when it runs from the correction. */
export const D = {
  ...D1to4,
  signature: end('2025-03-13'), // p.105 (our default): 2 working days from the last decision (2025-03-11)
  escalationFromCorrection: end('2025-03-24'), // p.108 (v2): 5 working days from the correction (2025-03-17)
} as const;

export const input: AppealCaseInput = {
  caseId: 'case-2',
  direction: 'personnel',
  bodyCode: 'MINFIN',
  authority: 'ADSC',
  issuedAt: '2025-03-03T10:00:00+05:00',
  deadlines: { objection: D.objection },
  settings: { resultTermStartsAt: 'objectionReceipt', escalationTermStartsAt: 'laterOfDispatchAndCorrection' },
  appealTo: 'PA',
  catalogue: { id: 1, code: 'personnel-v1' },
  transmission: { to: 'MDAI', law: 'p.96' },
};

/** p.91: the PA evaluated the civil-service authority itself. */
export const inputPa: AppealCaseInput = {
  ...input,
  caseId: 'case-pa',
  bodyCode: 'ADSC',
  authority: 'PA',
  appealTo: null,
  transmission: { to: 'MDAI', law: 'p.92' },
};

export const meeting: MeetingFacts = {
  id: 'm1',
  scheduledFor: '2025-03-11T14:00:00+05:00',
  representativeInvited: true,
  evaluatorsInvited: true,
  chairPresent: true,
};

export const ev = {
  ...v1,
  /** SPEC §4: inside D1 the withdrawal brings D1 again (it reopens); after D1, nothing. */
  withdraw: (at = '2025-03-07T09:00:00+05:00', objection: string | null = D.objection): Ev<'OBJECTION.WITHDRAW'> => ({
    type: 'OBJECTION.WITHDRAW',
    at,
    ...(objection !== null ? { deadlines: { objection } } : {}),
  }),
  decide: (
    n: number,
    decision: 'agree' | 'disagree',
    over: Partial<Ev<'ROW.DECIDE'>> = {},
    last = false,
  ): Ev<'ROW.DECIDE'> => ({
    ...v1.decide(n, decision),
    meeting,
    ...(last ? { deadlines: { signature: D.signature } } : {}),
    ...over,
  }),
  sign: (signer: 'chair' | 'agency', over: Partial<Ev<'TABLE.SIGN'>> = {}, first = true): Ev<'TABLE.SIGN'> => ({
    ...v1.sign(signer),
    tableSha256: TABLE_SHA,
    ...(first
      ? {
          members: [
            { name: 'A. Chair', role: 'chair' as const },
            { name: 'S. Secretary', role: 'secretary' as const },
          ],
        }
      : {}),
    ...over,
  }),
  /** `escalation: null` — D4 does not come with the dispatch (it waits for the correction, or p.91). */
  dispatch: (
    at = '2025-03-14T10:00:00+05:00',
    escalation: string | null = D.escalation,
    body = 'MINFIN',
  ): Ev<'RESULTS.DISPATCH'> => ({
    type: 'RESULTS.DISPATCH',
    at,
    deadlines: escalation !== null ? { escalation } : {},
    recipients: [
      { kind: 'workingBody', code: 'WB' },
      { kind: 'body', code: body },
    ],
    note: 'Results of the review',
  }),
  /** `escalation: null` — D4 does not come with the correction (it ran from the dispatch, or p.91). */
  correct: (
    conclusionVersion = 2,
    at = '2025-03-17T10:00:00+05:00',
    escalation: string | null = D.escalationFromCorrection,
  ): Ev<'CONCLUSION.CORRECT'> => ({
    type: 'CONCLUSION.CORRECT',
    at,
    conclusionVersion,
    ...(escalation !== null ? { deadlines: { escalation } } : {}),
  }),
  escalate: (at = '2025-03-18T10:00:00+05:00'): Ev<'ESCALATION.FILE'> => ({
    type: 'ESCALATION.FILE',
    at,
    reason: 'Row 2 was decided against the documents',
    documents: [{ name: 'appeal.pdf', sha256: SHA }],
  }),
};

/** Events that take a v2 case from `issued` to `signing` with the given row decisions. */
export function toSigning(
  decisions: ['agree' | 'disagree', 'agree' | 'disagree'] = ['agree', 'disagree'],
): AppealCaseEvent[] {
  return [ev.objection(), ev.draft(), ev.submit(), ev.decide(1, decisions[0]), ev.decide(2, decisions[1], {}, true)];
}

/** Events that take a v2 case to `dispatch` (awaiting dispatch). */
export function toDispatch(decisions?: ['agree' | 'disagree', 'agree' | 'disagree']): AppealCaseEvent[] {
  return [...toSigning(decisions), ev.sign('chair'), ev.sign('agency', {}, false)];
}
