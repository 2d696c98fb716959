/**
 * Replay is exact: the same events give the same persisted snapshot, through an actor, after a
 * JSON round trip of a persisted snapshot (restored with `{ snapshot }`), and through the pure
 * `transition()` the service uses.
 */
import { createActor, initialTransition, transition, type AnyStateMachine, type EventObject } from 'xstate';
import { appealCaseMachines, commissionMachines, LATEST_APPEAL_CASE_VERSION, LATEST_COMMISSION_VERSION } from './index';
import { ev, input, toDispatch } from './appeal-case/appeal-case.fixtures';
import * as commission from './special-commission/special-commission.fixtures';
import type { AppealCaseEvent } from './appeal-case/appeal-case.types';
import type { SpecialCommissionEvent } from './special-commission/special-commission.types';

function viaActor(machine: AnyStateMachine, inp: unknown, events: readonly EventObject[]): unknown {
  const actor = createActor(machine, { input: inp }).start();
  events.forEach((e) => actor.send(e));
  return actor.getPersistedSnapshot();
}

/** Persist after `cut` events, JSON round trip, restore with `{ snapshot }`, continue. */
function viaRestore(machine: AnyStateMachine, inp: unknown, events: readonly EventObject[], cut: number): unknown {
  const first = createActor(machine, { input: inp }).start();
  events.slice(0, cut).forEach((e) => first.send(e));
  const stored = JSON.parse(JSON.stringify(first.getPersistedSnapshot()));
  const second = createActor(machine, { snapshot: stored, input: inp }).start();
  events.slice(cut).forEach((e) => second.send(e));
  return second.getPersistedSnapshot();
}

function viaTransition(machine: AnyStateMachine, inp: unknown, events: readonly EventObject[]): unknown {
  let [snapshot] = initialTransition(machine, inp);
  for (const e of events) {
    const stored = JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snapshot)));
    [snapshot] = transition(machine, machine.resolveState(stored), e);
  }
  return machine.getPersistedSnapshot(snapshot);
}

const appealHistories: Record<string, AppealCaseEvent[]> = {
  'corrected and escalated': [...toDispatch(['agree', 'disagree']), ev.dispatch('2025-03-21T10:00:00+05:00'), ev.escalate(), ev.correct(2), ev.escalationOutcome('revised', 3)],
  'refused events in between': [ev.objection('2025-03-11T00:00:00+05:00'), ev.objection(), ev.sign('chair'), ev.draft(), ev.tableDeadline(), ev.submit('2025-03-13T10:00:00+05:00'), ev.withdraw()],
  'no response': [ev.objectionDeadline(), ev.objection()],
};

const commissionHistory: SpecialCommissionEvent[] = [
  ...commission.fiveMembers(),
  commission.ev.constitute(),
  commission.ev.schedule(),
  commission.ev.attendance([1, 2, 3]),
  commission.ev.objection('MINFIN', [3]),
  commission.ev.add(6),
  commission.ev.constitute(),
];

describe('workflow determinism', () => {
  const appeal = appealCaseMachines[LATEST_APPEAL_CASE_VERSION]!;
  const com = commissionMachines[LATEST_COMMISSION_VERSION]!;

  describe.each(Object.entries(appealHistories))('appeal case: %s', (_name, events) => {
    const expected = viaActor(appeal, input, events);

    it('the same events give the same snapshot', () => {
      expect(viaActor(appeal, input, events)).toEqual(expected);
    });

    it('a JSON round trip of the persisted snapshot at any point replays to the same snapshot', () => {
      for (let cut = 0; cut <= events.length; cut++) expect(viaRestore(appeal, input, events, cut)).toEqual(expected);
    });

    it('the pure transition() gives the same snapshot', () => {
      expect(viaTransition(appeal, input, events)).toEqual(expected);
    });
  });

  it('special commission: actor, restore and transition() agree', () => {
    const expected = viaActor(com, commission.input, commissionHistory);
    expect(viaActor(com, commission.input, commissionHistory)).toEqual(expected);
    for (let cut = 0; cut <= commissionHistory.length; cut++) {
      expect(viaRestore(com, commission.input, commissionHistory, cut)).toEqual(expected);
    }
    expect(viaTransition(com, commission.input, commissionHistory)).toEqual(expected);
  });

  it('registries replay a case with the version it was created with', () => {
    expect(appealCaseMachines[1]!.id).toBe('appealCase');
    expect(Number(appealCaseMachines[1]!.version)).toBe(1);
    expect(Number(commissionMachines[1]!.version)).toBe(1);
    expect(LATEST_APPEAL_CASE_VERSION).toBe(1);
    expect(LATEST_COMMISSION_VERSION).toBe(1);
  });
});
