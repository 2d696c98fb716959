import { createActor } from 'xstate';
import { specialCommissionMachineV1 as sut } from './special-commission.machine.v1';
import {
  commissionStateName,
  isConstituted,
  whyCommissionRefused,
  type SpecialCommissionSnapshot,
} from './special-commission.queries';
import type { SpecialCommissionEvent } from './special-commission.types';
import { ev, fiveMembers, iin, input } from './special-commission.fixtures';

function play(events: SpecialCommissionEvent[], inp = input): SpecialCommissionSnapshot {
  const actor = createActor(sut, { input: inp }).start();
  for (const e of events) {
    const before = actor.getSnapshot();
    if (!before.can(e)) throw new Error(`${e.type} refused: ${JSON.stringify(whyCommissionRefused(sut, before, e))}`);
    actor.send(e);
  }
  return actor.getSnapshot();
}

function refusal(snapshot: SpecialCommissionSnapshot, event: SpecialCommissionEvent) {
  expect(snapshot.can(event)).toBe(false);
  return whyCommissionRefused(sut, snapshot, event);
}

describe(sut.id, () => {
  it('exports id and numeric version', () => {
    expect(sut.id).toBe('specialCommission');
    expect(Number(sut.version)).toBe(1);
  });

  it('p.100 a commission of five with a chair and a secretary is constituted', () => {
    const s = play([...fiveMembers(), ev.constitute()]);
    expect(commissionStateName(s)).toBe('constituted');
    expect(isConstituted(s)).toBe(true);
    expect(s.context.members).toHaveLength(5);
  });

  it('p.100 fewer than five members cannot constitute', () => {
    const s = play(fiveMembers().slice(0, 4));
    expect(refusal(s, ev.constitute())).toEqual({
      type: 'validation-failed',
      law: 'p.100',
      guard: 'hasMinimumMembers',
    });
    expect(isConstituted(s)).toBe(false);
  });

  it("p.100 a minimum below five is raised to the law's five; a larger one is kept", () => {
    expect(play([], { ...input, minMembers: 3 }).context.minMembers).toBe(5);
    const seven = play(fiveMembers(), { ...input, minMembers: 7 });
    expect(refusal(seven, ev.constitute())).toMatchObject({ guard: 'hasMinimumMembers' });
  });

  it('p.100 a chair and a secretary are required, one of each', () => {
    const noSecretary = play([ev.add(1, 'chair'), ev.add(2), ev.add(3), ev.add(4), ev.add(5)]);
    expect(refusal(noSecretary, ev.constitute())).toMatchObject({
      type: 'validation-failed',
      guard: 'hasChairAndSecretary',
    });
    expect(refusal(noSecretary, ev.add(6, 'chair'))).toMatchObject({
      type: 'validation-failed',
      guard: 'roleAvailable',
    });
  });

  it('p.100 a person sits once', () => {
    expect(refusal(play([ev.add(1, 'chair')]), ev.add(1))).toMatchObject({ guard: 'notAlreadyMember' });
  });

  it('p.100 a member who evaluated an objecting body is refused', () => {
    const s = play([ev.objection('MINFIN', [])]);
    expect(refusal(s, ev.add(3, 'member', ['MINFIN']))).toEqual({
      type: 'member-conflict-of-interest',
      law: 'p.100',
      guard: 'notEvaluatorOfObjectingBody',
    });
    expect(s.can(ev.add(4, 'member', ['MINEDU']))).toBe(true);
  });

  it('p.101 the IT direction cites p.101', () => {
    const s = play([ev.objection('MINFIN', [])], { ...input, direction: 'it' });
    expect(whyCommissionRefused(sut, s, ev.add(3, 'member', ['MINFIN']))).toMatchObject({
      type: 'member-conflict-of-interest',
      law: 'p.101',
    });
  });

  it('p.100 a new objection recuses a sitting evaluator and the commission falls back to forming', () => {
    const s = play([...fiveMembers(), ev.constitute(), ev.objection('MINFIN', [3, 99])]);
    expect(commissionStateName(s)).toBe('forming');
    expect(isConstituted(s)).toBe(false);
    expect(s.context.members.map((m) => m.iin)).not.toContain(iin(3));
    expect(s.context.recusals).toEqual([{ iin: iin(3), bodyCode: 'MINFIN', at: '2025-03-07T10:00:00+05:00' }]);
    expect(s.context.objectingBodies).toEqual(['MINFIN']);
    expect(refusal(s, ev.schedule())).toEqual({ type: 'commission-not-constituted', law: 'p.100' });
    const whole = play([...fiveMembers(), ev.constitute(), ev.objection('MINFIN', [3]), ev.add(6), ev.constitute()]);
    expect(isConstituted(whole)).toBe(true);
  });

  it('p.100 a recusal that leaves the commission whole keeps it constituted', () => {
    const s = play([...fiveMembers(), ev.add(6), ev.constitute(), ev.objection('MINEDU', [4])]);
    expect(commissionStateName(s)).toBe('constituted');
    expect(s.context.members).toHaveLength(5);
  });

  it('p.100 an objection from a body nobody sitting evaluated changes no membership', () => {
    const s = play([...fiveMembers(), ev.constitute(), ev.objection('MINAGRI', [42])]);
    expect(commissionStateName(s)).toBe('constituted');
    expect(s.context.recusals).toEqual([]);
  });

  it('p.100 removing a member below the minimum falls back to forming; removing an absent one is refused', () => {
    expect(commissionStateName(play([...fiveMembers(), ev.constitute(), ev.remove(5)]))).toBe('forming');
    expect(commissionStateName(play([...fiveMembers(), ev.add(6), ev.constitute(), ev.remove(6)]))).toBe('constituted');
    expect(commissionStateName(play([...fiveMembers(), ev.add(6), ev.constitute(), ev.remove(1)]))).toBe('forming');
    expect(refusal(play(fiveMembers()), ev.remove(9))).toMatchObject({ type: 'validation-failed', guard: 'isMember' });
  });

  it('p.103 meetings are scheduled by a constituted commission, with invitees', () => {
    expect(refusal(play(fiveMembers()), ev.schedule())).toEqual({ type: 'commission-not-constituted', law: 'p.100' });
    const s = play([...fiveMembers(), ev.constitute(), ev.schedule()]);
    expect(s.context.meetings).toEqual([
      { id: 'm1', scheduledFor: '2025-03-11T15:00:00+05:00', invitees: ev.schedule().invitees },
    ]);
    expect(refusal(s, ev.schedule())).toMatchObject({ type: 'validation-failed', law: 'p.103', guard: 'meetingValid' });
  });

  it('p.104 attendance counts members only', () => {
    const s = play([...fiveMembers(), ev.constitute(), ev.schedule(), ev.attendance([1, 2, 3, 77, 1])]);
    expect(s.context.meetings[0].present).toEqual([iin(1), iin(2), iin(3)]);
    expect(refusal(s, ev.attendance([1], 'nope'))).toMatchObject({ guard: 'meetingExists' });
  });

  it('dissolution is final', () => {
    const s = play([...fiveMembers(), ev.constitute(), ev.dissolve()]);
    expect(s.status).toBe('done');
    expect(commissionStateName(s)).toBe('dissolved');
    expect(refusal(s, ev.add(9))).toEqual({ type: 'invalid-transition', stage: 'dissolved' });
    expect(refusal(s, ev.schedule())).toEqual({ type: 'invalid-transition', stage: 'dissolved' });
    expect(play([ev.dissolve()]).status).toBe('done');
  });

  it('CONSTITUTE twice is an invalid transition', () => {
    expect(refusal(play([...fiveMembers(), ev.constitute()]), ev.constitute())).toEqual({
      type: 'invalid-transition',
      stage: 'constituted',
    });
  });
});
