/**
 * Model-based tests (@xstate/graph): from the initial snapshot, every sample event is tried in
 * every reachable snapshot. Every state node and every transition of the definition must be
 * exercised, and every shortest path must replay to the same snapshot through a real actor.
 */
import { getShortestPaths } from '@xstate/graph';
import { createActor } from 'xstate';
import { definedStateIds, definedTransitions, traverse } from '../testing/coverage';
import { appealCaseMachineV1 as sut } from './appeal-case.machine.v1';
import { caseStateName, whyRefused } from './appeal-case.queries';
import type { AppealCaseContext, AppealCaseEvent } from './appeal-case.types';
import { ev, input, rows } from './appeal-case.fixtures';

/** Sample events: on time and late, valid and invalid, so every guard is true somewhere and false somewhere. */
const samples: AppealCaseEvent[] = [
  ev.objection(),
  ev.objection('2025-03-11T09:00:00+05:00'),
  ev.objection(undefined, { documents: [] }),
  ev.noObjection(),
  ev.noObjection('2025-03-11T09:00:00+05:00'),
  ev.objectionDeadline(),
  ev.withdraw(),
  ev.draft(),
  ev.draft([]),
  ev.draft([rows[0]]),
  ev.submit(),
  ev.submit('2025-03-13T10:00:00+05:00'),
  ev.submit(undefined, false),
  ev.tableDeadline(),
  ev.resultDeadline(),
  ev.decide(1, 'agree'),
  ev.decide(1, 'disagree'),
  ev.decide(2, 'disagree', { vote: { for: 3, against: 3, abstained: 0, present: 6, members: 7, chairVote: 'for' } }),
  ev.decide(2, 'agree', { vote: { for: 2, against: 0, abstained: 0, present: 2, members: 7 } }),
  ev.sign('chair'),
  ev.sign('agency'),
  ev.sign('agency', { refusalReason: 'Disagree' }),
  ev.dispatch(),
  ev.dispatch('2025-03-21T10:00:00+05:00'),
  ev.correct(2),
  ev.escalate(),
  ev.escalate('2025-03-26T09:00:00+05:00'),
  ev.escalationOutcome('upheld'),
  ev.escalationOutcome('revised', 3),
  ev.escalationDeadline(),
  ev.recompute({ result: '2025-03-24T23:59:59.999+05:00' }),
];

/**
 * Snapshots that differ only in instants or in the order of recorded breaches behave alike;
 * telling them apart would multiply the graph without testing anything new.
 */
function abstraction(s: { value: unknown; context: unknown }): string {
  const c = s.context as AppealCaseContext;
  return JSON.stringify({
    value: s.value,
    rows: c.rows.map((r) => `${r.n}:${r.decision ?? '-'}`),
    signatures: Object.keys(c.signatures).sort(),
    overdue: c.overdue.map((o) => o.kind).sort(),
    deadlines: c.deadlines,
    outcome: c.outcome,
    conclusionVersion: c.conclusionVersion,
    dispatched: c.dispatchedAt !== undefined,
  });
}

describe(`${sut.id} model`, () => {
  const coverage = traverse(sut, { input, events: samples, serializeState: abstraction });

  it('reaches every state of the definition', () => {
    expect([...coverage.visitedStates].sort()).toEqual(definedStateIds(sut).sort());
  });

  it('exercises every transition of the definition', () => {
    const all = definedTransitions(sut)
      .map((t) => t.key)
      .sort();
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((k) => !coverage.coveredTransitions.has(k))).toEqual([]);
  });

  it('reaches every SPEC §4 state name', () => {
    const names = new Set(coverage.snapshots.map((s) => caseStateName(s as Parameters<typeof caseStateName>[0])));
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

  it('every refusal met on the way is explained, never by an unknown guard', () => {
    for (const s of coverage.snapshots.slice(0, 400)) {
      const snap = sut.resolveState(s as Parameters<typeof sut.resolveState>[0]);
      for (const e of samples) {
        if (snap.can(e)) continue;
        const why = whyRefused(sut, snap, e);
        expect(why.type).toMatch(
          /^(deadline-passed|supporting-documents-required|commission-not-constituted|quorum-not-met|final-at-authority|validation-failed|invalid-transition)$/,
        );
      }
    }
  });

  it('every shortest path replays through an actor to the same snapshot', () => {
    const paths = getShortestPaths(sut, {
      input,
      events: samples,
      serializeState: abstraction,
    });
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
    expect(coverage.snapshots.length).toBeGreaterThan(50);
    expect(coverage.snapshots.length).toBeLessThan(5000);
  });
});
