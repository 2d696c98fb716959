/**
 * Model-based tests of workflow v2 (@xstate/graph): from the initial snapshot, every sample event is tried in every
 * reachable snapshot — for a body evaluated by an ordinary authority, for the civil-service authority evaluated
 * by the Presidential Administration (p.91), and with D4 set to run from the dispatch (p.108 setting). Together they exercise every state node and every transition of the
 * definition, and every shortest path replays through a real actor.
 */
import { getShortestPaths } from '@xstate/graph';
import { createActor } from 'xstate';
import { definedStateIds, definedTransitions, traverse } from '../testing/coverage';
import { appealCaseMachineV2 as sut } from './appeal-case.machine.v2';
import { caseStateName, whyRefused } from './appeal-case.queries';
import type { AppealCaseContext, AppealCaseEvent } from './appeal-case.types';
import { D, ev, input, inputPa, meeting } from './appeal-case.fixtures.v2';
import { rows } from './appeal-case.fixtures';

const samples = (body: string): AppealCaseEvent[] => [
  ev.objection(),
  ev.objection('2025-03-11T09:00:00+05:00'),
  ev.objection(undefined, { documents: [] }),
  ev.noObjection(),
  ev.noObjection('2025-03-11T09:00:00+05:00'),
  ev.objectionDeadline(),
  ev.withdraw(),
  ev.withdraw('2025-03-12T09:00:00+05:00', null),
  ev.draft(),
  ev.draft([]),
  ev.draft([rows[0]]),
  ev.submit(),
  ev.submit('2025-03-13T10:00:00+05:00'),
  ev.submit(undefined, false),
  ev.tableDeadline(),
  ev.resultDeadline(),
  ev.decide(1, 'agree'),
  ev.decide(1, 'disagree', {}, true),
  ev.decide(
    2,
    'disagree',
    { vote: { for: 3, against: 3, abstained: 0, present: 6, members: 7, chairVote: 'for' } },
    true,
  ),
  ev.decide(2, 'agree', { vote: { for: 2, against: 0, abstained: 0, present: 2, members: 7 } }, true),
  ev.decide(
    2,
    'agree',
    {
      meeting: { ...meeting, chairPresent: false },
      vote: { for: 3, against: 3, abstained: 0, present: 6, members: 7, chairVote: 'for' },
    },
    true,
  ),
  ev.sign('chair'),
  ev.sign('agency'),
  ev.sign('agency', {}, false),
  ev.sign('agency', { refusalReason: 'Disagree' }),
  ev.sign('chair', { at: '2025-03-14T09:00:00+05:00', completeWithoutAgency: true }),
  ev.sign('chair', { at: '2025-03-14T09:00:00+05:00', completeWithoutAgency: true }, false),
  ev.dispatch(undefined, undefined, body),
  ev.dispatch(undefined, null, body),
  ev.dispatch('2025-03-21T10:00:00+05:00', undefined, body),
  ev.correct(2),
  ev.correct(2, undefined, null),
  ev.escalate(),
  ev.escalate('2025-03-26T09:00:00+05:00'),
  ev.escalationOutcome('upheld'),
  ev.escalationOutcome('revised', 3),
  ev.escalationDeadline(),
  ev.recompute({ result: '2025-03-24T23:59:59.999+05:00' }),
];

/** Snapshots that differ only in instants or in the order of recorded breaches behave alike. */
function abstraction(s: { value: unknown; context: unknown }): string {
  const c = s.context as AppealCaseContext;
  return JSON.stringify({
    value: s.value,
    rows: c.rows.map((r) => `${r.n}:${r.decision ?? '-'}`),
    signatures: Object.keys(c.signatures).sort(),
    signed: c.signedTable !== undefined,
    overdue: c.overdue.map((o) => o.kind).sort(),
    deadlines: c.deadlines,
    outcome: c.outcome,
    conclusionVersion: c.conclusionVersion,
    dispatched: c.dispatchedAt !== undefined,
    withdrawn: c.withdrawnAt !== undefined,
    withdrawals: Math.min((c.withdrawals ?? []).length, 2),
  });
}

describe(`${sut.id} v2 model`, () => {
  const ordinary = traverse(sut, { input, events: samples('MINFIN'), serializeState: abstraction });
  const byPa = traverse(sut, { input: inputPa, events: samples('ADSC'), serializeState: abstraction });
  // p.108 with the setting "dispatch": D4 from the dispatch even when a correction is owed.
  const fromDispatch = traverse(sut, {
    input: { ...input, settings: { resultTermStartsAt: 'objectionReceipt', escalationTermStartsAt: 'dispatch' } },
    events: samples('MINFIN'),
    serializeState: abstraction,
  });

  it('reaches every state of the definition', () => {
    const visited = new Set([...ordinary.visitedStates, ...byPa.visitedStates, ...fromDispatch.visitedStates]);
    expect([...visited].sort()).toEqual(definedStateIds(sut).sort());
  });

  it('exercises every transition of the definition', () => {
    const all = definedTransitions(sut)
      .map((t) => t.key)
      .sort();
    expect(all.length).toBeGreaterThan(35);
    const covered = new Set([
      ...ordinary.coveredTransitions,
      ...byPa.coveredTransitions,
      ...fromDispatch.coveredTransitions,
    ]);
    expect(all.filter((k) => !covered.has(k))).toEqual([]);
  });

  it('reaches every SPEC §4 state name', () => {
    const names = new Set(ordinary.snapshots.map((s) => caseStateName(s as Parameters<typeof caseStateName>[0])));
    expect([...names].sort()).toEqual(
      [
        'issued',
        'objectionReceived',
        'tablePreparation',
        'commissionReview',
        'signing',
        'dispatch',
        'correction',
        'escalationWindow',
        'escalated',
        'closed',
      ].sort(),
    );
  });

  it('every refusal met on the way is explained; a body’s term is "passed" only once it started', () => {
    for (const [start, coverage, body] of [
      [input, ordinary, 'MINFIN'],
      [inputPa, byPa, 'ADSC'],
    ] as const) {
      for (const s of coverage.snapshots.slice(0, 400)) {
        const snap = sut.resolveState(s as Parameters<typeof sut.resolveState>[0]);
        for (const e of samples(body)) {
          if (snap.can(e)) continue;
          const why = whyRefused(sut, snap, e);
          expect(why.type).toMatch(
            /^(deadline-passed|supporting-documents-required|commission-not-constituted|quorum-not-met|final-at-authority|validation-failed|invalid-transition)$/,
          );
          if (why.type === 'deadline-passed') {
            const term =
              e.type === 'ESCALATION.FILE' ? snap.context.deadlines.escalation : snap.context.deadlines.objection;
            expect(term).toBeDefined();
          }
          if (why.type === 'invalid-transition') expect(why.stage).toBe(caseStateName(snap));
        }
      }
      expect(start).toBeDefined();
    }
  });

  it('every closed case transmitted its final conclusion (p.92/p.94/p.96)', () => {
    for (const s of [...ordinary.snapshots, ...byPa.snapshots]) {
      const c = s.context as AppealCaseContext;
      if (s.status === 'done')
        expect(c.transmitted).toEqual({ ...c.transmission, conclusionVersion: c.conclusionVersion });
      else expect(c.transmitted).toBeUndefined();
    }
  });

  it('every shortest path replays through an actor to the same snapshot', () => {
    const paths = getShortestPaths(sut, { input, events: samples('MINFIN'), serializeState: abstraction });
    const byName = new Map<string, (typeof paths)[number]>();
    for (const p of paths) {
      const key = `${caseStateName(p.state)}/${p.state.context.outcome ?? ''}`;
      if (!byName.has(key) || byName.get(key)!.steps.length > p.steps.length) byName.set(key, p);
    }
    expect(byName.size).toBeGreaterThanOrEqual(15);
    for (const p of byName.values()) {
      const actor = createActor(sut, { input }).start();
      for (const step of p.steps) actor.send(step.event);
      expect(actor.getSnapshot().value).toEqual(p.state.value);
      expect(actor.getSnapshot().context).toEqual(p.state.context);
    }
  });

  it('the graph is finite and not trivial', () => {
    expect(ordinary.snapshots.length).toBeGreaterThan(50);
    expect(ordinary.snapshots.length).toBeLessThan(8000);
    expect(D.signature).toBeDefined();
  });
});
