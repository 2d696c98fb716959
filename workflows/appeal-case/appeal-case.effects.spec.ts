/**
 * The effects the appeal case machine declares (workflows/effects.ts): which terms open, close, fire and
 * move, and what else a step causes. The service applies exactly these; a replay emits them again.
 */
import { initialTransition, transition } from 'xstate';
import { appealCaseMachineV1 } from './appeal-case.machine.v1';
import { D, ev, input, toDispatch } from './appeal-case.fixtures';
import { emittedEffects, type CaseEffect } from '../effects';
import type { AppealCaseEvent } from './appeal-case.types';

function effectsAlong(events: AppealCaseEvent[]): CaseEffect[][] {
  const [first, initialActions] = initialTransition(appealCaseMachineV1, input);
  const out = [emittedEffects<CaseEffect>(initialActions)];
  let snapshot = first;
  for (const event of events) {
    expect(snapshot.can(event)).toBe(true);
    const [next, actions] = transition(appealCaseMachineV1, snapshot, event);
    out.push(emittedEffects<CaseEffect>(actions));
    snapshot = next;
  }
  return out;
}

const closeAll: CaseEffect[] = (['objection', 'table', 'result', 'escalation'] as const).map((kind) => ({
  type: 'term.close',
  kind,
}));

describe('appeal case v1 effects', () => {
  it('p.98: the case opens D1; an objection closes D1, opens D2 and D3 and tells the commission (p.100)', () => {
    const [opened, objection] = effectsAlong([ev.objection()]);
    expect(opened).toEqual([{ type: 'term.open', kind: 'objection', due: D.objection }]);
    expect(objection).toEqual([
      { type: 'term.close', kind: 'objection' },
      { type: 'term.open', kind: 'table', due: D.table },
      { type: 'term.open', kind: 'result', due: D.result },
      { type: 'commission.objection', bodyCode: input.bodyCode },
    ]);
  });

  it('p.99: D1 passing unanswered fires the term, and the closed case stops every term', () => {
    const [, fired] = effectsAlong([ev.objectionDeadline()]);
    expect(fired).toEqual([{ type: 'term.fire', kind: 'objection' }, ...closeAll]);
  });

  it('p.102/p.106/p.108: submission closes D2; dispatch closes D3, opens D4 and notifies; escalation closes D4', () => {
    const steps = effectsAlong([
      ...toDispatch(['agree', 'disagree']),
      ev.dispatch(),
      ev.escalate(),
      ev.correct(2),
      ev.escalationOutcome('revised', 3),
    ]);
    const [, , , submit] = steps;
    expect(submit).toEqual([{ type: 'term.close', kind: 'table' }]);
    const dispatch = steps[8];
    expect(dispatch).toEqual([
      { type: 'term.close', kind: 'result' },
      { type: 'term.open', kind: 'escalation', due: D.escalation },
      { type: 'notify.resultsDispatched' },
    ]);
    expect(steps[9]).toEqual([{ type: 'term.close', kind: 'escalation' }]);
    expect(steps[10]).toEqual([{ type: 'conclusion.version', version: 2, by: 'correction' }]);
    expect(steps[11]).toEqual([{ type: 'conclusion.version', version: 3, by: 'escalation' }, ...closeAll]);
  });

  it('p.108: an upheld outcome issues no new conclusion version', () => {
    const steps = effectsAlong([
      ...toDispatch(['disagree', 'disagree']),
      ev.dispatch(),
      ev.escalate(),
      ev.escalationOutcome('upheld'),
    ]);
    expect(steps[steps.length - 1]).toEqual(closeAll);
  });

  it('SPEC §3: a calendar change moves the running terms it names', () => {
    const [, , moved] = effectsAlong([ev.objection(), ev.recompute({ table: '2025-03-13T23:59:59.999+05:00' })]);
    expect(moved).toEqual([{ type: 'term.move', kind: 'table', due: '2025-03-13T23:59:59.999+05:00' }]);
  });

  it('p.102/p.106: the authority terms fire as breaches without closing the case', () => {
    const [, , fired] = effectsAlong([ev.objection(), ev.tableDeadline()]);
    expect(fired).toEqual([{ type: 'term.fire', kind: 'table' }]);
  });
});
