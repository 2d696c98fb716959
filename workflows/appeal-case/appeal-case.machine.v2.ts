/**
 * Appeal case workflow, version 2 — methodology points 91–108 (SPEC §2, §4), issue 13 "the law, exactly".
 *
 * Pure: no clock, no I/O, no imports from src/. Time arrives in events as `at`. Deadlines are computed by the
 * service and arrive in events; missed terms arrive as DEADLINE.* events from the service's scheduler.
 *
 * What v2 changes from v1 (v1 stays as it was: cases opened on it replay on it):
 * - p.103/p.104: a decision cites a meeting held (at or after its time) to which the body's representative and its
 *   evaluators were invited; the chair's casting vote counts only if the chair was present.
 * - p.105: signatures record the canonical hash of the table and the commission as composed; every signature signs
 *   the same table. The representative has a signature term; once it ran out unanswered the chair completes the
 *   table with the non-signature recorded (our default).
 * - p.106: the dispatch records its recipients and note; p.106's term D3 starts where the rule set says.
 * - p.107/p.108: D4 runs from the later of the dispatch and the correction owed (rule-set setting); the escalation
 *   keeps its reason and documents; p.91: when the Presidential Administration evaluated the body there is no appeal
 *   to it against itself — the results are final at dispatch.
 * - SPEC §4 withdrawal: inside D1 the case returns to `issued` (D1 reopened; if nothing follows, it closes at D1 as
 *   `withdrawn`, without the p.99 breach); after D1 it closes as `withdrawn`. D2 and D3 close either way.
 * - p.92/p.94/p.96: when the case closes, its final conclusion is transmitted to the informatization authority.
 *
 * Never edit a released version: copy this file to `.v3.ts` and register the copy in `workflows/index.ts`.
 */
import { and, assertEvent, assign, emit, enqueueActions, not, setup } from 'xstate';
import type { CaseEffect, TermKind } from '../effects';
import { isAfter } from '../instant';
import {
  appealCaseGuardChainsV2 as chains,
  appealCaseGuardsV2 as g,
  DEFAULT_CASE_SETTINGS,
  type AppealCaseGuardV2,
} from './appeal-case.guards.v2';
import type {
  AppealCaseContext,
  AppealCaseEvent,
  AppealCaseInput,
  Overdue,
  OverdueKind,
  TableRow,
} from './appeal-case.types';

export const APPEAL_CASE_VERSION_2 = 2;

/** Adapts a plain (context, event) rule to an XState guard. */
const guard =
  (rule: AppealCaseGuardV2) =>
  ({ context, event }: { context: AppealCaseContext; event: AppealCaseEvent }): boolean =>
    rule(context, event);

/** Records a breach of a term once (SPEC §2: authority terms never block; they are recorded). */
function withBreach(
  overdue: Overdue[],
  kind: OverdueKind,
  law: string,
  due: string | undefined,
  at: string,
): Overdue[] {
  if (due === undefined || !isAfter(at, due) || overdue.some((o) => o.kind === kind)) return overdue;
  return [...overdue, { kind, law, due, at }];
}

/** Rows enter the table without decisions: only ROW.DECIDE decides (p.104). */
function undecided(row: TableRow): TableRow {
  const { decision: _d, revisedScore: _r, rationale: _ra, vote: _v, decidedAt: _at, ...rest } = row;
  return rest;
}

const recomputed = {
  guard: and([...chains['DEADLINES.RECOMPUTED']]),
  actions: ['applyRecomputedDeadlines', 'moveTerms'],
} as const;
const resultOverdue = {
  guard: and([...chains['DEADLINE.RESULT']]),
  actions: ['recordResultOverdue', { type: 'fireTerm', params: { kind: 'result' } }],
} as const;
const tableOverdue = {
  guard: and([...chains['DEADLINE.TABLE']]),
  actions: ['recordTableOverdue', { type: 'fireTerm', params: { kind: 'table' } }],
} as const;

/** SPEC §4 (v2): inside D1 back to `issued`, D1 reopened; after D1 closed as `withdrawn`. D2 and D3 close either way. */
const withdrawal = [
  {
    guard: and([...chains['OBJECTION.WITHDRAW'], 'withinObjectionTerm']),
    target: 'issued',
    actions: [
      'recordWithdrawalInsideD1',
      { type: 'closeTerm', params: { kind: 'table' } },
      { type: 'closeTerm', params: { kind: 'result' } },
    ],
  },
  { guard: and([...chains['OBJECTION.WITHDRAW']]), target: 'closed', actions: 'recordWithdrawal' },
] as const;

const dispatched = [
  'recordDispatch',
  { type: 'closeTerm', params: { kind: 'result' } },
  'notifyResultsDispatched',
] as const;
const openD4 = { type: 'openTerm', params: { kind: 'escalation' } } as const;

export const appealCaseMachineV2 = setup({
  types: {
    context: {} as AppealCaseContext,
    events: {} as AppealCaseEvent,
    input: {} as AppealCaseInput,
    emitted: {} as CaseEffect,
  },
  guards: {
    beforeObjectionDeadline: guard(g.beforeObjectionDeadline), // p.98, p.99
    hasDisputedItems: guard(g.hasDisputedItems), // p.98
    hasSupportingDocuments: guard(g.hasSupportingDocuments), // p.98
    objectionDeadlinesGiven: guard(g.objectionDeadlinesGiven), // p.102, p.106
    objectionDeadlinePassed: guard(g.objectionDeadlinePassed), // p.99
    withdrawalStands: guard(g.withdrawalStands), // SPEC §4 (withdrawal inside D1)
    noRowDecided: guard(g.noRowDecided), // p.104 (withdrawal until the commission decides)
    withdrawalTermGiven: guard(g.withdrawalTermGiven), // p.99 (D1 reopened)
    withinObjectionTerm: guard(g.withinObjectionTerm), // p.99
    tableRowsValid: guard(g.tableRowsValid), // p.102
    commissionConstituted: guard(g.commissionConstituted), // p.100, p.101
    resultTermGivenOnSubmission: guard(g.resultTermGivenOnSubmission), // p.106
    tableDeadlinePassed: guard(g.tableDeadlinePassed), // p.102
    tableBreachNotRecorded: guard(g.tableBreachNotRecorded), // p.102
    resultDeadlinePassed: guard(g.resultDeadlinePassed), // p.106
    resultBreachNotRecorded: guard(g.resultBreachNotRecorded), // p.106
    rowExistsAndUndecided: guard(g.rowExistsAndUndecided), // p.104
    meetingCited: guard(g.meetingCited), // p.103
    meetingHeld: guard(g.meetingHeld), // p.103
    partiesInvited: guard(g.partiesInvited), // p.103
    voteConsistent: guard(g.voteConsistent), // p.104
    quorumMet: guard(g.quorumMet), // p.104
    chairVoteOnlyIfPresent: guard(g.chairVoteOnlyIfPresent), // p.104
    decisionCarried: guard(g.decisionCarried), // p.104
    rationaleGiven: guard(g.rationaleGiven), // p.104
    signatureTermGiven: guard(g.signatureTermGiven), // p.105
    isLastUndecidedRow: guard(g.isLastUndecidedRow), // p.104 -> p.105
    signerMaySign: guard(g.signerMaySign), // p.105
    signatureTermPassed: guard(g.signatureTermPassed), // p.105
    tableHashGiven: guard(g.tableHashGiven), // p.105
    signsTheSameTable: guard(g.signsTheSameTable), // p.105
    membersFixedOnce: guard(g.membersFixedOnce), // p.105, SPEC §5
    completesSignatures: guard(g.completesSignatures), // p.105
    recipientsGiven: guard(g.recipientsGiven), // p.106
    escalationTermConsistent: guard(g.escalationTermConsistent), // p.108
    anyRowAgreed: guard(g.anyRowAgreed), // p.107
    appealAvailable: guard(g.appealAvailable), // p.108, p.91
    escalationAfterCorrection: guard(g.escalationAfterCorrection), // p.108
    correctionAdvancesVersion: guard(g.correctionAdvancesVersion), // p.107
    escalationTermWithCorrection: guard(g.escalationTermWithCorrection), // p.108
    beforeEscalationDeadline: guard(g.beforeEscalationDeadline), // p.108
    escalationReasonGiven: guard(g.escalationReasonGiven), // p.108
    escalationDocumentsValid: guard(g.escalationDocumentsValid), // p.108
    escalationOutcomeValid: guard(g.escalationOutcomeValid), // p.108
    escalationDeadlinePassed: guard(g.escalationDeadlinePassed), // p.108
    deadlinesGiven: guard(g.deadlinesGiven), // SPEC §3 (calendar change)
  },
  actions: {
    /* Effects (workflows/effects.ts): emitted for the service's runtime to apply in the same transaction. */
    openTerm: emit(({ context }, params: { kind: TermKind }) => {
      const due = context.deadlines[params.kind];
      if (due === undefined) throw new Error(`term ${params.kind} opened without its deadline`);
      return { type: 'term.open' as const, kind: params.kind, due };
    }),
    /** p.106 (v2): D3 opens with the objection only when the rule set starts it there. */
    openResultTermIfGiven: enqueueActions(({ context, enqueue }) => {
      if (context.deadlines.result !== undefined)
        enqueue.emit({ type: 'term.open', kind: 'result', due: context.deadlines.result });
    }),
    /** p.106 (v2): D3 opens with the submission of the table when the rule set starts it there. */
    openResultTermOnSubmission: enqueueActions(({ event, enqueue }) => {
      assertEvent(event, 'TABLE.SUBMIT');
      if (event.deadlines?.result !== undefined)
        enqueue.emit({ type: 'term.open', kind: 'result', due: event.deadlines.result });
    }),
    closeTerm: emit((_, params: { kind: TermKind }) => ({ type: 'term.close' as const, kind: params.kind })),
    fireTerm: emit((_, params: { kind: TermKind }) => ({ type: 'term.fire' as const, kind: params.kind })),
    moveTerms: enqueueActions(({ event, enqueue }) => {
      assertEvent(event, 'DEADLINES.RECOMPUTED');
      for (const [kind, due] of Object.entries(event.deadlines)) {
        if (due !== undefined) enqueue.emit({ type: 'term.move', kind: kind as TermKind, due });
      }
    }),
    notifyResultsDispatched: emit({ type: 'notify.resultsDispatched' as const }),
    issueRevisedConclusion: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'ESCALATION.OUTCOME');
      if (event.conclusionVersion !== undefined) {
        enqueue.emit({ type: 'conclusion.version', version: context.conclusionVersion, by: 'escalation' });
      }
    }),
    registerObjectionWithCommission: emit(({ context }) => ({
      type: 'commission.objection' as const,
      bodyCode: context.bodyCode,
    })),
    issueConclusionVersion: emit(({ context }, params: { by: 'correction' | 'escalation' }) => ({
      type: 'conclusion.version' as const,
      version: context.conclusionVersion,
      by: params.by,
    })),
    /** p.92/p.94/p.96: the procedure ended — the final conclusion (its last version) goes to the informatization authority. */
    transmitFinalConclusion: enqueueActions(({ context, enqueue }) => {
      const route = context.transmission;
      if (!route) return;
      enqueue.assign({ transmitted: { ...route, conclusionVersion: context.conclusionVersion } });
      enqueue.emit({ type: 'conclusion.transmit', to: route.to, law: route.law, version: context.conclusionVersion });
    }),
    /** p.98: the objection, its items and documents; D2 (and D3 where it starts here) start. */
    recordObjection: assign(({ context, event }) => {
      assertEvent(event, 'OBJECTION.FILE');
      return {
        withdrawnAt: undefined,
        disputedItems: event.items,
        documents: event.documents,
        objectionAt: event.at,
        deadlines: {
          ...context.deadlines,
          table: event.deadlines.table,
          ...(event.deadlines.result !== undefined ? { result: event.deadlines.result } : {}),
        },
      };
    }),
    /** p.99 */
    recordNoObjection: assign({ outcome: 'noObjection' as const, withdrawnAt: undefined }),
    /** p.99: D1 passed with neither; the missing notice is the body's breach. */
    recordNoResponse: assign(({ context, event }) => {
      assertEvent(event, 'DEADLINE.OBJECTION');
      return {
        outcome: 'noResponse' as const,
        overdue: [
          ...context.overdue,
          { kind: 'noObjectionNotice' as const, law: 'p.99', due: context.deadlines.objection, at: event.at },
        ],
      };
    }),
    /** SPEC §4: D1 passed after a withdrawal inside it: the withdrawal stands as the answer — no p.99 breach. */
    recordWithdrawalStands: assign({ outcome: 'withdrawn' as const }),
    /** SPEC §4: after D1 the withdrawal closes the case. */
    recordWithdrawal: assign(({ context, event }) => {
      assertEvent(event, 'OBJECTION.WITHDRAW');
      return { outcome: 'withdrawn' as const, withdrawals: [...(context.withdrawals ?? []), event.at] };
    }),
    /** SPEC §4: inside D1 the objection is taken back: the case is as issued, D1 runs on (reopened). */
    recordWithdrawalInsideD1: assign(({ context, event }) => {
      assertEvent(event, 'OBJECTION.WITHDRAW');
      const { table: _t, result: _r, signature: _s, ...deadlines } = context.deadlines;
      return {
        objectionAt: undefined,
        disputedItems: [],
        documents: [],
        rows: [],
        withdrawnAt: event.at,
        withdrawals: [...(context.withdrawals ?? []), event.at],
        deadlines: { ...deadlines, objection: event.deadlines?.objection ?? context.deadlines.objection },
      };
    }),
    /** p.102 */
    recordTableDraft: assign(({ event }) => {
      assertEvent(event, 'TABLE.DRAFT');
      return { rows: event.rows.map(undecided) };
    }),
    /** p.102: a late table is accepted and the breach recorded; p.106 (v2): D3 starts here where the rule set says so. */
    recordTableSubmission: assign(({ context, event }) => {
      assertEvent(event, 'TABLE.SUBMIT');
      return {
        overdue: withBreach(context.overdue, 'table', 'p.102', context.deadlines.table, event.at),
        ...(event.deadlines?.result !== undefined
          ? { deadlines: { ...context.deadlines, result: event.deadlines.result } }
          : {}),
      };
    }),
    recordTableOverdue: assign(({ context, event }) => {
      assertEvent(event, 'DEADLINE.TABLE');
      return { overdue: withBreach(context.overdue, 'table', 'p.102', context.deadlines.table, event.at) };
    }),
    recordResultOverdue: assign(({ context, event }) => {
      assertEvent(event, 'DEADLINE.RESULT');
      return { overdue: withBreach(context.overdue, 'result', 'p.106', context.deadlines.result, event.at) };
    }),
    /** p.104; p.105 (v2): the decision that completes the table starts the representative's signature term. */
    recordRowDecision: assign(({ context, event }) => {
      assertEvent(event, 'ROW.DECIDE');
      return {
        rows: context.rows.map((row) =>
          row.n !== event.n
            ? row
            : {
                ...row,
                decision: event.decision,
                ...(event.revisedScore !== undefined ? { revisedScore: event.revisedScore } : {}),
                rationale: event.rationale,
                vote: event.vote,
                decidedAt: event.at,
              },
        ),
        ...(event.deadlines?.signature !== undefined
          ? { deadlines: { ...context.deadlines, signature: event.deadlines.signature } }
          : {}),
      };
    }),
    /** p.105: the signature, the table it signs (hash, commission as composed), or the refusal / non-signature. */
    recordSignature: assign(({ context, event }) => {
      assertEvent(event, 'TABLE.SIGN');
      const signedTable = context.signedTable ?? { sha256: event.tableSha256 ?? '', members: event.members ?? [] };
      const signed = { at: event.at, ...(event.name !== undefined ? { name: event.name } : {}) };
      if (event.signer === 'chair') {
        const signatures = {
          ...context.signatures,
          ...(context.signatures.chair === undefined ? { chair: signed } : {}),
        };
        if (event.completeWithoutAgency === true) {
          return {
            signedTable,
            signatures: {
              ...signatures,
              agencyNonSignature: { at: event.at, due: context.deadlines.signature ?? event.at },
            },
          };
        }
        return { signedTable, signatures };
      }
      if (event.refusalReason !== undefined) {
        return {
          signedTable,
          signatures: { ...context.signatures, agencyRefusal: { at: event.at, reason: event.refusalReason } },
        };
      }
      return { signedTable, signatures: { ...context.signatures, agency: signed } };
    }),
    /** p.106 (late dispatch recorded; recipients and note), p.108 (D4 starts here unless it waits for the correction). */
    recordDispatch: assign(({ context, event }) => {
      assertEvent(event, 'RESULTS.DISPATCH');
      return {
        dispatchedAt: event.at,
        dispatch: { recipients: event.recipients ?? [], ...(event.note !== undefined ? { note: event.note } : {}) },
        deadlines: {
          ...context.deadlines,
          ...(event.deadlines.escalation !== undefined ? { escalation: event.deadlines.escalation } : {}),
        },
        overdue: withBreach(context.overdue, 'result', 'p.106', context.deadlines.result, event.at),
      };
    }),
    /** p.107 */
    recordCorrection: assign(({ event }) => {
      assertEvent(event, 'CONCLUSION.CORRECT');
      return { conclusionVersion: event.conclusionVersion };
    }),
    /** p.108 (v2): D4 from the correction, so the body appeals against the corrected conclusion. */
    recordEscalationTermFromCorrection: assign(({ context, event }) => {
      assertEvent(event, 'CONCLUSION.CORRECT');
      return {
        deadlines: { ...context.deadlines, ...(event.deadlines ? { escalation: event.deadlines.escalation } : {}) },
      };
    }),
    /** p.108: the appeal, with its reason and documents. */
    recordEscalation: assign(({ event }) => {
      assertEvent(event, 'ESCALATION.FILE');
      return { escalatedAt: event.at, escalation: { reason: event.reason ?? '', documents: event.documents ?? [] } };
    }),
    recordEscalationOutcome: assign(({ context, event }) => {
      assertEvent(event, 'ESCALATION.OUTCOME');
      return { outcome: event.outcome, conclusionVersion: event.conclusionVersion ?? context.conclusionVersion };
    }),
    /** p.108: D4 passed without escalation (or p.91: there is no appeal); p.106: the authority's results are final. */
    recordFinal: assign({ outcome: 'final' as const }),
    /** SPEC §3: open deadlines recomputed after a calendar change. */
    applyRecomputedDeadlines: assign(({ context, event }) => {
      assertEvent(event, 'DEADLINES.RECOMPUTED');
      const given = Object.fromEntries(Object.entries(event.deadlines).filter(([, v]) => v !== undefined));
      return { deadlines: { ...context.deadlines, ...given } };
    }),
  },
}).createMachine({
  id: 'appealCase',
  version: String(APPEAL_CASE_VERSION_2),
  context: ({ input }) => ({
    caseId: input.caseId,
    direction: input.direction,
    bodyCode: input.bodyCode,
    authority: input.authority,
    issuedAt: input.issuedAt,
    deadlines: { objection: input.deadlines.objection },
    disputedItems: [],
    documents: [],
    rows: [],
    signatures: {},
    overdue: [],
    conclusionVersion: 1,
    settings: input.settings ?? DEFAULT_CASE_SETTINGS,
    appealTo: input.appealTo === undefined ? null : input.appealTo,
    ...(input.catalogue ? { catalogue: input.catalogue } : {}),
    ...(input.delivery ? { delivery: input.delivery } : {}),
    ...(input.transmission ? { transmission: input.transmission } : {}),
  }),
  initial: 'issued',
  states: {
    issued: {
      entry: [{ type: 'openTerm', params: { kind: 'objection' } }],
      on: {
        'DEADLINES.RECOMPUTED': recomputed,
        'OBJECTION.FILE': {
          guard: and([...chains['OBJECTION.FILE']]),
          target: 'objectionReceived',
          actions: [
            'recordObjection',
            { type: 'closeTerm', params: { kind: 'objection' } },
            { type: 'openTerm', params: { kind: 'table' } },
            'openResultTermIfGiven',
            'registerObjectionWithCommission',
          ],
        },
        'NO_OBJECTION.FILE': {
          guard: and([...chains['NO_OBJECTION.FILE']]),
          target: 'closed',
          actions: 'recordNoObjection',
        },
        'DEADLINE.OBJECTION': [
          {
            guard: and([...chains['DEADLINE.OBJECTION'], 'withdrawalStands']),
            target: 'closed',
            actions: ['recordWithdrawalStands', { type: 'fireTerm', params: { kind: 'objection' } }],
          },
          {
            guard: and([...chains['DEADLINE.OBJECTION']]),
            target: 'closed',
            actions: ['recordNoResponse', { type: 'fireTerm', params: { kind: 'objection' } }],
          },
        ],
      },
    },
    objectionReceived: {
      on: {
        'DEADLINES.RECOMPUTED': recomputed,
        'TABLE.DRAFT': {
          guard: and([...chains['TABLE.DRAFT']]),
          target: 'tablePreparation',
          actions: 'recordTableDraft',
        },
        'OBJECTION.WITHDRAW': withdrawal,
        'DEADLINE.TABLE': tableOverdue,
        'DEADLINE.RESULT': resultOverdue,
      },
    },
    tablePreparation: {
      on: {
        'DEADLINES.RECOMPUTED': recomputed,
        'TABLE.DRAFT': { guard: and([...chains['TABLE.DRAFT']]), actions: 'recordTableDraft' },
        'TABLE.SUBMIT': {
          guard: and([...chains['TABLE.SUBMIT']]),
          target: 'commissionReview',
          actions: [
            'recordTableSubmission',
            { type: 'closeTerm', params: { kind: 'table' } },
            'openResultTermOnSubmission',
          ],
        },
        'OBJECTION.WITHDRAW': withdrawal,
        'DEADLINE.TABLE': tableOverdue,
        'DEADLINE.RESULT': resultOverdue,
      },
    },
    commissionReview: {
      on: {
        'DEADLINES.RECOMPUTED': recomputed,
        'ROW.DECIDE': [
          {
            guard: and([...chains['ROW.DECIDE'], 'isLastUndecidedRow']),
            target: 'signing',
            actions: 'recordRowDecision',
          },
          { guard: and([...chains['ROW.DECIDE']]), actions: 'recordRowDecision' },
        ],
        'OBJECTION.WITHDRAW': withdrawal,
        'DEADLINE.RESULT': resultOverdue,
      },
    },
    signing: {
      on: {
        'DEADLINES.RECOMPUTED': recomputed,
        'TABLE.SIGN': [
          {
            guard: and([...chains['TABLE.SIGN'], 'completesSignatures']),
            target: 'dispatch',
            actions: 'recordSignature',
          },
          { guard: and([...chains['TABLE.SIGN']]), actions: 'recordSignature' },
        ],
        'DEADLINE.RESULT': resultOverdue,
      },
    },
    /** Awaiting dispatch: the table is signed, the results are not sent yet. */
    dispatch: {
      on: {
        'DEADLINES.RECOMPUTED': recomputed,
        'RESULTS.DISPATCH': [
          // p.91: no appeal to the PA against itself — the results are final at dispatch.
          {
            guard: and([...chains['RESULTS.DISPATCH'], 'anyRowAgreed', not('appealAvailable')]),
            target: ['#appealCase.postDispatch.correction.owed', '#appealCase.postDispatch.escalation.settled'],
            actions: [...dispatched, 'recordFinal'],
          },
          {
            guard: and([...chains['RESULTS.DISPATCH'], not('appealAvailable')]),
            target: '#appealCase.postDispatch.escalation.settled',
            actions: [...dispatched, 'recordFinal'],
          },
          // p.107/p.108: a correction is owed and D4 waits for it.
          {
            guard: and([...chains['RESULTS.DISPATCH'], 'anyRowAgreed', 'escalationAfterCorrection']),
            target: [
              '#appealCase.postDispatch.correction.owed',
              '#appealCase.postDispatch.escalation.awaitingCorrection',
            ],
            actions: [...dispatched],
          },
          {
            guard: and([...chains['RESULTS.DISPATCH'], 'anyRowAgreed']),
            target: '#appealCase.postDispatch.correction.owed',
            actions: [...dispatched, openD4],
          },
          { guard: and([...chains['RESULTS.DISPATCH']]), target: 'postDispatch', actions: [...dispatched, openD4] },
        ],
        'DEADLINE.RESULT': resultOverdue,
      },
    },
    /**
     * After dispatch the authority's decision is final (p.106). Two duties run side by side: the authority's
     * correction (p.107) and the body's escalation (p.108, D4 from the later of dispatch and correction by default).
     */
    postDispatch: {
      type: 'parallel',
      on: { 'DEADLINES.RECOMPUTED': recomputed },
      states: {
        correction: {
          initial: 'notOwed',
          states: {
            notOwed: { type: 'final' },
            owed: {
              on: {
                'CONCLUSION.CORRECT': {
                  guard: and([...chains['CONCLUSION.CORRECT']]),
                  target: 'corrected',
                  actions: ['recordCorrection', { type: 'issueConclusionVersion', params: { by: 'correction' } }],
                },
              },
            },
            corrected: { type: 'final' },
          },
        },
        escalation: {
          initial: 'window',
          states: {
            /** p.108 (v2): the body appeals against the corrected conclusion: D4 starts with the correction. */
            awaitingCorrection: {
              on: {
                'CONCLUSION.CORRECT': {
                  guard: and([...chains['CONCLUSION.CORRECT']]),
                  target: 'window',
                  actions: ['recordEscalationTermFromCorrection', openD4],
                },
              },
            },
            window: {
              on: {
                'ESCALATION.FILE': {
                  guard: and([...chains['ESCALATION.FILE']]),
                  target: 'escalated',
                  actions: ['recordEscalation', { type: 'closeTerm', params: { kind: 'escalation' } }],
                },
                'DEADLINE.ESCALATION': {
                  guard: and([...chains['DEADLINE.ESCALATION']]),
                  target: 'settled',
                  actions: ['recordFinal', { type: 'fireTerm', params: { kind: 'escalation' } }],
                },
              },
            },
            escalated: {
              on: {
                'ESCALATION.OUTCOME': {
                  guard: and([...chains['ESCALATION.OUTCOME']]),
                  target: 'settled',
                  actions: ['recordEscalationOutcome', 'issueRevisedConclusion'],
                },
              },
            },
            settled: { type: 'final' },
          },
        },
      },
      onDone: { target: 'closed' },
    },
    /** Every term still running stops with the case; the final conclusion is transmitted (p.92/p.94/p.96). */
    closed: {
      type: 'final',
      entry: [
        { type: 'closeTerm', params: { kind: 'objection' } },
        { type: 'closeTerm', params: { kind: 'table' } },
        { type: 'closeTerm', params: { kind: 'result' } },
        { type: 'closeTerm', params: { kind: 'escalation' } },
        'transmitFinalConclusion',
      ],
    },
  },
});

export type AppealCaseMachineV2 = typeof appealCaseMachineV2;
