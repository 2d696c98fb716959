/** Model-based tests (@xstate/graph): every state and every transition of the definition. */
import { getShortestPaths } from '@xstate/graph';
import { createActor } from 'xstate';
import { definedStateIds, definedTransitions, traverse } from '../testing/coverage';
import { specialCommissionMachineV1 as sut } from './special-commission.machine.v1';
import type { SpecialCommissionContext, SpecialCommissionEvent } from './special-commission.types';
import { ev, input } from './special-commission.fixtures';

const samples: SpecialCommissionEvent[] = [
  ev.add(1, 'chair'),
  ev.add(2, 'secretary'),
  ev.add(3, 'member', ['MINFIN']),
  ev.add(4),
  ev.add(5),
  ev.add(6),
  ev.remove(6),
  ev.remove(3),
  ev.constitute(),
  ev.objection('MINFIN', [3]),
  ev.schedule(),
  ev.attendance([1, 2, 4]),
  ev.dissolve(),
];

/** Members as a set, meetings by id: the order members joined in does not change behaviour. */
function abstraction(s: { value: unknown; context: unknown }): string {
  const c = s.context as SpecialCommissionContext;
  return JSON.stringify({
    value: s.value,
    members: c.members.map((m) => `${m.iin}:${m.role}`).sort(),
    objecting: c.objectingBodies,
    recused: c.recusals.length,
    meetings: c.meetings.map((m) => `${m.id}:${m.present?.length ?? '-'}`),
  });
}

describe(`${sut.id} model`, () => {
  const coverage = traverse(sut, { input, events: samples, serializeState: abstraction });

  it('reaches every state of the definition', () => {
    expect([...coverage.visitedStates].sort()).toEqual(definedStateIds(sut).sort());
  });

  it('exercises every transition of the definition', () => {
    const all = definedTransitions(sut).map((t) => t.key);
    expect(all.length).toBeGreaterThanOrEqual(13);
    expect(all.filter((k) => !coverage.coveredTransitions.has(k))).toEqual([]);
  });

  it('every shortest path replays through an actor to the same snapshot', () => {
    const paths = getShortestPaths(sut, { input, events: samples, serializeState: abstraction });
    expect(paths.length).toBeGreaterThan(20);
    for (const p of paths.slice(0, 200)) {
      const actor = createActor(sut, { input }).start();
      for (const step of p.steps) actor.send(step.event);
      expect(actor.getSnapshot().value).toEqual(p.state.value);
      expect(actor.getSnapshot().context).toEqual(p.state.context);
    }
  });
});
