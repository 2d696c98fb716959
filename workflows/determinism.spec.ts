/**
 * Replay is exact: the same events give the same persisted snapshot, through an actor, after a
 * JSON round trip of a persisted snapshot (restored with `{ snapshot }`), and through the pure
 * `transition()` the service uses.
 */
import { createActor, initialTransition, transition, type AnyStateMachine, type EventObject } from 'xstate';
import { appealCaseMachines, commissionMachines, LATEST_APPEAL_CASE_VERSION, LATEST_COMMISSION_VERSION } from './index';
import { ev, input, toDispatch } from './appeal-case/appeal-case.fixtures';
import * as v2 from './appeal-case/appeal-case.fixtures.v2';
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

/** Histories per workflow version, each in the events of its version (v1 fixtures, v2 fixtures). */
const appealHistories: Record<string, { version: number; input: unknown; events: AppealCaseEvent[] }> = {
  'v1 corrected and escalated': {
    version: 1,
    input,
    events: [
      ...toDispatch(['agree', 'disagree']),
      ev.dispatch('2025-03-21T10:00:00+05:00'),
      ev.escalate(),
      ev.correct(2),
      ev.escalationOutcome('revised', 3),
    ],
  },
  'v1 refused events in between': {
    version: 1,
    input,
    events: [
      ev.objection('2025-03-11T00:00:00+05:00'),
      ev.objection(),
      ev.sign('chair'),
      ev.draft(),
      ev.tableDeadline(),
      ev.submit('2025-03-13T10:00:00+05:00'),
      ev.withdraw(),
    ],
  },
  'v1 no response': { version: 1, input, events: [ev.objectionDeadline(), ev.objection()] },
  'v2 corrected, then escalated against the corrected conclusion': {
    version: 2,
    input: v2.input,
    events: [
      ...v2.toDispatch(['agree', 'disagree']),
      v2.ev.dispatch('2025-03-21T10:00:00+05:00', null),
      v2.ev.escalate(),
      v2.ev.correct(2),
      v2.ev.escalate(),
      v2.ev.escalationOutcome('revised', 3),
    ],
  },
  'v2 withdrawn inside D1, standing at D1': {
    version: 2,
    input: v2.input,
    events: [v2.ev.objection(), v2.ev.draft(), v2.ev.withdraw(), v2.ev.objectionDeadline(), v2.ev.objection()],
  },
  'v2 completed without the representative': {
    version: 2,
    input: v2.input,
    events: [
      ...v2.toSigning(['disagree', 'disagree']),
      v2.ev.sign('chair', { at: '2025-03-14T09:00:00+05:00', completeWithoutAgency: true }),
      v2.ev.dispatch(),
    ],
  },
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
  const com = commissionMachines[LATEST_COMMISSION_VERSION];

  describe.each(Object.entries(appealHistories))('appeal case: %s', (_name, history) => {
    const appeal = appealCaseMachines[history.version];
    const { input, events } = history;
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

  it('registries replay a case with the version it was created with; new cases open on version 2', () => {
    for (const version of [1, 2]) {
      expect(appealCaseMachines[version].id).toBe('appealCase');
      expect(Number(appealCaseMachines[version].version)).toBe(version);
      expect(Number(commissionMachines[version].version)).toBe(version);
    }
    expect(LATEST_APPEAL_CASE_VERSION).toBe(2);
    expect(LATEST_COMMISSION_VERSION).toBe(2);
  });
});
