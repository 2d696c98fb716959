/**
 * Appeal case workflow, version 1 — methodology points 98–108 (SPEC §4).
 *
 * Pure: no clock, no I/O, no imports from src/. Time arrives in events as `at`.
 * Deadlines are computed by the service (working-day calendar) and arrive in events; missed
 * terms arrive as DEADLINE.* events fired by the service's scheduler (no `after` timers:
 * XState does not restore them from a persisted snapshot).
 *
 * Never edit a released version: a case replays with the version it was created with.
 * Copy this file to `.v2.ts` and register the copy in `workflows/index.ts` instead.
 */
import { and, assertEvent, assign, emit, enqueueActions, setup } from 'xstate';
import type { CaseEffect, TermKind } from '../effects';
import { isAfter } from '../instant';
import {
  appealCaseGuardChainsV1 as chains,
  appealCaseGuardsV1 as g,
  type AppealCaseGuard,
} from './appeal-case.guards.v1';
import type {
  AppealCaseContext,
  AppealCaseEvent,
  AppealCaseInput,
  Overdue,
  OverdueKind,
  TableRow,
} from './appeal-case.types';

export const APPEAL_CASE_MACHINE_ID = 'appealCase';
export const APPEAL_CASE_VERSION_1 = 1;

/*
 * DEADLINES.RECOMPUTED is declared in every non-final state rather than on the root: the pure
 * `transition()` of XState 5.33 still applies root transitions to a snapshot whose status is
 * `done`, and a closed case must not change.
 */

/** Adapts a plain (context, event) rule to an XState guard. */
const guard =
  (rule: AppealCaseGuard) =>
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

export const appealCaseMachineV1 = setup({
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
    noRowDecided: guard(g.noRowDecided), // p.104 (withdrawal until the commission decides)
    tableRowsValid: guard(g.tableRowsValid), // p.102
    commissionConstituted: guard(g.commissionConstituted), // p.100, p.101
    tableDeadlinePassed: guard(g.tableDeadlinePassed), // p.102
    tableBreachNotRecorded: guard(g.tableBreachNotRecorded), // p.102
    resultDeadlinePassed: guard(g.resultDeadlinePassed), // p.106
    resultBreachNotRecorded: guard(g.resultBreachNotRecorded), // p.106
    rowExistsAndUndecided: guard(g.rowExistsAndUndecided), // p.104
    voteConsistent: guard(g.voteConsistent), // p.104
    quorumMet: guard(g.quorumMet), // p.104
    decisionCarried: guard(g.decisionCarried), // p.104
    rationaleGiven: guard(g.rationaleGiven), // p.104
    isLastUndecidedRow: guard(g.isLastUndecidedRow), // p.104 -> p.105
    signerMaySign: guard(g.signerMaySign), // p.105
    completesSignatures: guard(g.completesSignatures), // p.105
    escalationDeadlineGiven: guard(g.escalationDeadlineGiven), // p.108
    anyRowAgreed: guard(g.anyRowAgreed), // p.107
    correctionAdvancesVersion: guard(g.correctionAdvancesVersion), // p.107
    beforeEscalationDeadline: guard(g.beforeEscalationDeadline), // p.108
    escalationOutcomeValid: guard(g.escalationOutcomeValid), // p.108
    escalationDeadlinePassed: guard(g.escalationDeadlinePassed), // p.108
    deadlinesGiven: guard(g.deadlinesGiven), // SPEC §3 (calendar change)
  },
  actions: {
    /*
     * Effects (workflows/effects.ts): what a step causes outside the snapshot, emitted for the service's
     * runtime to apply in the same transaction. Declaring them changes no state, no guard and no snapshot
     * of this released version; a replay emits them again.
     */
    openTerm: emit(({ context }, params: { kind: TermKind }) => {
      const due = context.deadlines[params.kind];
      if (due === undefined) throw new Error(`term ${params.kind} opened without its deadline`);
      return { type: 'term.open' as const, kind: params.kind, due };
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
    /** p.98: the objection, its items and documents; D2 and D3 start. */
    recordObjection: assign(({ context, event }) => {
      assertEvent(event, 'OBJECTION.FILE');
      return {
        disputedItems: event.items,
        documents: event.documents,
        objectionAt: event.at,
        deadlines: { ...context.deadlines, table: event.deadlines.table, result: event.deadlines.result },
      };
    }),
    /** p.99 */
    recordNoObjection: assign({ outcome: 'noObjection' as const }),
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
    recordWithdrawal: assign({ outcome: 'withdrawn' as const }),
    /** p.102 */
    recordTableDraft: assign(({ event }) => {
      assertEvent(event, 'TABLE.DRAFT');
      return { rows: event.rows.map(undecided) };
    }),
    /** p.102: a late table is accepted and the breach recorded. */
    recordTableSubmission: assign(({ context, event }) => {
      assertEvent(event, 'TABLE.SUBMIT');
      return { overdue: withBreach(context.overdue, 'table', 'p.102', context.deadlines.table, event.at) };
    }),
    recordTableOverdue: assign(({ context, event }) => {
      assertEvent(event, 'DEADLINE.TABLE');
      return { overdue: withBreach(context.overdue, 'table', 'p.102', context.deadlines.table, event.at) };
    }),
    recordResultOverdue: assign(({ context, event }) => {
      assertEvent(event, 'DEADLINE.RESULT');
      return { overdue: withBreach(context.overdue, 'result', 'p.106', context.deadlines.result, event.at) };
    }),
    /** p.104 */
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
      };
    }),
    /** p.105 */
    recordSignature: assign(({ context, event }) => {
      assertEvent(event, 'TABLE.SIGN');
      const signed = { at: event.at, ...(event.name !== undefined ? { name: event.name } : {}) };
      if (event.signer === 'chair') return { signatures: { ...context.signatures, chair: signed } };
      if (event.refusalReason !== undefined) {
        return { signatures: { ...context.signatures, agencyRefusal: { at: event.at, reason: event.refusalReason } } };
      }
      return { signatures: { ...context.signatures, agency: signed } };
    }),
    /** p.106 (late dispatch recorded), p.108 (D4 starts). */
    recordDispatch: assign(({ context, event }) => {
      assertEvent(event, 'RESULTS.DISPATCH');
      return {
        dispatchedAt: event.at,
        deadlines: { ...context.deadlines, escalation: event.deadlines.escalation },
        overdue: withBreach(context.overdue, 'result', 'p.106', context.deadlines.result, event.at),
      };
    }),
    /** p.107 */
    recordCorrection: assign(({ event }) => {
      assertEvent(event, 'CONCLUSION.CORRECT');
      return { conclusionVersion: event.conclusionVersion };
    }),
    /** p.108 */
    recordEscalation: assign(({ event }) => {
      assertEvent(event, 'ESCALATION.FILE');
      return { escalatedAt: event.at };
    }),
    recordEscalationOutcome: assign(({ context, event }) => {
      assertEvent(event, 'ESCALATION.OUTCOME');
      return { outcome: event.outcome, conclusionVersion: event.conclusionVersion ?? context.conclusionVersion };
    }),
    /** p.108: D4 passed without escalation; p.106: the authority's results are final. */
    recordFinal: assign({ outcome: 'final' as const }),
    /** SPEC §3: open deadlines recomputed after a calendar change. */
    applyRecomputedDeadlines: assign(({ context, event }) => {
      assertEvent(event, 'DEADLINES.RECOMPUTED');
      const given = Object.fromEntries(Object.entries(event.deadlines).filter(([, v]) => v !== undefined));
      return { deadlines: { ...context.deadlines, ...given } };
    }),
  },
}).createMachine({
  id: APPEAL_CASE_MACHINE_ID,
  version: String(APPEAL_CASE_VERSION_1),
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
  }),
  initial: 'issued',
  states: {
    issued: {
      entry: [{ type: 'openTerm', params: { kind: 'objection' } }],
      on: {
        'DEADLINES.RECOMPUTED': {
          guard: and([...chains['DEADLINES.RECOMPUTED']]),
          actions: ['applyRecomputedDeadlines', 'moveTerms'],
        },
        'OBJECTION.FILE': {
          guard: and([...chains['OBJECTION.FILE']]),
          target: 'objectionReceived',
          actions: [
            'recordObjection',
            { type: 'closeTerm', params: { kind: 'objection' } },
            { type: 'openTerm', params: { kind: 'table' } },
            { type: 'openTerm', params: { kind: 'result' } },
            'registerObjectionWithCommission',
          ],
        },
        'NO_OBJECTION.FILE': {
          guard: and([...chains['NO_OBJECTION.FILE']]),
          target: 'closed',
          actions: 'recordNoObjection',
        },
        'DEADLINE.OBJECTION': {
          guard: and([...chains['DEADLINE.OBJECTION']]),
          target: 'closed',
          actions: ['recordNoResponse', { type: 'fireTerm', params: { kind: 'objection' } }],
        },
      },
    },
    objectionReceived: {
      on: {
        'DEADLINES.RECOMPUTED': {
          guard: and([...chains['DEADLINES.RECOMPUTED']]),
          actions: ['applyRecomputedDeadlines', 'moveTerms'],
        },
        'TABLE.DRAFT': {
          guard: and([...chains['TABLE.DRAFT']]),
          target: 'tablePreparation',
          actions: 'recordTableDraft',
        },
        'OBJECTION.WITHDRAW': {
          guard: and([...chains['OBJECTION.WITHDRAW']]),
          target: 'closed',
          actions: 'recordWithdrawal',
        },
        'DEADLINE.TABLE': {
          guard: and([...chains['DEADLINE.TABLE']]),
          actions: ['recordTableOverdue', { type: 'fireTerm', params: { kind: 'table' } }],
        },
        'DEADLINE.RESULT': {
          guard: and([...chains['DEADLINE.RESULT']]),
          actions: ['recordResultOverdue', { type: 'fireTerm', params: { kind: 'result' } }],
        },
      },
    },
    tablePreparation: {
      on: {
        'DEADLINES.RECOMPUTED': {
          guard: and([...chains['DEADLINES.RECOMPUTED']]),
          actions: ['applyRecomputedDeadlines', 'moveTerms'],
        },
        'TABLE.DRAFT': { guard: and([...chains['TABLE.DRAFT']]), actions: 'recordTableDraft' },
        'TABLE.SUBMIT': {
          guard: and([...chains['TABLE.SUBMIT']]),
          target: 'commissionReview',
          actions: ['recordTableSubmission', { type: 'closeTerm', params: { kind: 'table' } }],
        },
        'OBJECTION.WITHDRAW': {
          guard: and([...chains['OBJECTION.WITHDRAW']]),
          target: 'closed',
          actions: 'recordWithdrawal',
        },
        'DEADLINE.TABLE': {
          guard: and([...chains['DEADLINE.TABLE']]),
          actions: ['recordTableOverdue', { type: 'fireTerm', params: { kind: 'table' } }],
        },
        'DEADLINE.RESULT': {
          guard: and([...chains['DEADLINE.RESULT']]),
          actions: ['recordResultOverdue', { type: 'fireTerm', params: { kind: 'result' } }],
        },
      },
    },
    commissionReview: {
      on: {
        'DEADLINES.RECOMPUTED': {
          guard: and([...chains['DEADLINES.RECOMPUTED']]),
          actions: ['applyRecomputedDeadlines', 'moveTerms'],
        },
        'ROW.DECIDE': [
          {
            guard: and([...chains['ROW.DECIDE'], 'isLastUndecidedRow']),
            target: 'signing',
            actions: 'recordRowDecision',
          },
          { guard: and([...chains['ROW.DECIDE']]), actions: 'recordRowDecision' },
        ],
        'OBJECTION.WITHDRAW': {
          guard: and([...chains['OBJECTION.WITHDRAW']]),
          target: 'closed',
          actions: 'recordWithdrawal',
        },
        'DEADLINE.RESULT': {
          guard: and([...chains['DEADLINE.RESULT']]),
          actions: ['recordResultOverdue', { type: 'fireTerm', params: { kind: 'result' } }],
        },
      },
    },
    signing: {
      on: {
        'DEADLINES.RECOMPUTED': {
          guard: and([...chains['DEADLINES.RECOMPUTED']]),
          actions: ['applyRecomputedDeadlines', 'moveTerms'],
        },
        'TABLE.SIGN': [
          {
            guard: and([...chains['TABLE.SIGN'], 'completesSignatures']),
            target: 'dispatch',
            actions: 'recordSignature',
          },
          { guard: and([...chains['TABLE.SIGN']]), actions: 'recordSignature' },
        ],
        'DEADLINE.RESULT': {
          guard: and([...chains['DEADLINE.RESULT']]),
          actions: ['recordResultOverdue', { type: 'fireTerm', params: { kind: 'result' } }],
        },
      },
    },
    /** Awaiting dispatch: the table is signed, the results are not sent yet. */
    dispatch: {
      on: {
        'DEADLINES.RECOMPUTED': {
          guard: and([...chains['DEADLINES.RECOMPUTED']]),
          actions: ['applyRecomputedDeadlines', 'moveTerms'],
        },
        'RESULTS.DISPATCH': [
          {
            guard: and([...chains['RESULTS.DISPATCH'], 'anyRowAgreed']),
            target: '#appealCase.postDispatch.correction.owed',
            actions: [
              'recordDispatch',
              { type: 'closeTerm', params: { kind: 'result' } },
              { type: 'openTerm', params: { kind: 'escalation' } },
              'notifyResultsDispatched',
            ],
          },
          {
            guard: and([...chains['RESULTS.DISPATCH']]),
            target: 'postDispatch',
            actions: [
              'recordDispatch',
              { type: 'closeTerm', params: { kind: 'result' } },
              { type: 'openTerm', params: { kind: 'escalation' } },
              'notifyResultsDispatched',
            ],
          },
        ],
        'DEADLINE.RESULT': {
          guard: and([...chains['DEADLINE.RESULT']]),
          actions: ['recordResultOverdue', { type: 'fireTerm', params: { kind: 'result' } }],
        },
      },
    },
    /**
     * After dispatch the authority's decision is final (p.106). Two duties run side by side:
     * the authority's correction (p.107) and the body's escalation window (p.108, D4 from
     * dispatch). The case closes when both regions are done.
     */
    postDispatch: {
      type: 'parallel',
      // Open deadlines (D4) may still be recomputed; a done snapshot accepts nothing.
      on: {
        'DEADLINES.RECOMPUTED': {
          guard: and([...chains['DEADLINES.RECOMPUTED']]),
          actions: ['applyRecomputedDeadlines', 'moveTerms'],
        },
      },
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
    /** Every term still running stops with the case. */
    closed: {
      type: 'final',
      entry: [
        { type: 'closeTerm', params: { kind: 'objection' } },
        { type: 'closeTerm', params: { kind: 'table' } },
        { type: 'closeTerm', params: { kind: 'result' } },
        { type: 'closeTerm', params: { kind: 'escalation' } },
      ],
    },
  },
});

export type AppealCaseMachineV1 = typeof appealCaseMachineV1;
