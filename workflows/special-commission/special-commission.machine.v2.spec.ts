import { createActor } from 'xstate';
import { definedStateIds, definedTransitions, traverse } from '../testing/coverage';
import { specialCommissionMachineV2 as sut } from './special-commission.machine.v2';
import {
  commissionStateName,
  whyCommissionRefused,
  type SpecialCommissionSnapshot,
} from './special-commission.queries';
import type { SpecialCommissionEvent, SpecialCommissionInput } from './special-commission.types';
import { ev as v1, fiveMembers, iin, input as v1input } from './special-commission.fixtures';

type Ev<T extends SpecialCommissionEvent['type']> = Extract<SpecialCommissionEvent, { type: T }>;

const input: SpecialCommissionInput = {
  ...v1input,
  cycleWindow: { from: '2025-01-01T00:00:00.000+05:00', until: '2026-12-31T23:59:59.999+05:00' },
  formedAt: '2025-03-05T10:00:00+05:00',
};

const schedule = (over: Partial<Ev<'MEETING.SCHEDULE'>> = {}): Ev<'MEETING.SCHEDULE'> => ({
  ...v1.schedule(),
  invitees: [
    { name: 'Agency representative', kind: 'agencyRepresentative', bodyCode: 'MINFIN' },
    { iin: iin(99), name: 'Evaluator', kind: 'evaluator' },
  ],
  ...over,
});
const attendance = (at: string, present = [1, 2, 4]): Ev<'MEETING.ATTENDANCE'> => ({ ...v1.attendance(present), at });

function play(events: SpecialCommissionEvent[]): SpecialCommissionSnapshot {
  const actor = createActor(sut, { input }).start();
  for (const e of events) {
    const before = actor.getSnapshot();
    if (!before.can(e)) throw new Error(`${e.type} refused: ${JSON.stringify(whyCommissionRefused(sut, before, e))}`);
    actor.send(e);
  }
  return actor.getSnapshot();
}

const refusal = (s: SpecialCommissionSnapshot, e: SpecialCommissionEvent) => {
  expect(s.can(e)).toBe(false);
  return whyCommissionRefused(sut, s, e);
};

const constituted = () => play([...fiveMembers(), v1.constitute()]);

describe(`${sut.id} v2`, () => {
  it('keeps the cycle window and the formation time from its input', () => {
    expect(Number(sut.version)).toBe(2);
    expect(play([]).context).toMatchObject({ cycleWindow: input.cycleWindow, formedAt: input.formedAt });
  });

  it('p.103 meetings lie within the cycle and not before the commission was formed', () => {
    expect(refusal(constituted(), schedule({ scheduledFor: '2024-12-31T10:00:00+05:00' }))).toEqual({
      type: 'validation-failed',
      law: 'p.103',
      guard: 'meetingWithinCycle',
    });
    expect(refusal(constituted(), schedule({ scheduledFor: '2027-01-01T10:00:00+05:00' }))).toMatchObject({
      guard: 'meetingWithinCycle',
    });
    expect(refusal(constituted(), schedule({ scheduledFor: '2025-03-05T09:00:00+05:00' }))).toMatchObject({
      guard: 'meetingWithinCycle',
    });
    expect(commissionStateName(play([...fiveMembers(), v1.constitute(), schedule()]))).toBe('constituted');
  });

  it('p.103 a representative invited names the body they speak for; an evaluator their IIN', () => {
    const anonymous = schedule({ invitees: [{ name: 'Agency representative', kind: 'agencyRepresentative' }] });
    expect(refusal(constituted(), anonymous)).toEqual({
      type: 'validation-failed',
      law: 'p.103',
      guard: 'inviteesIdentified',
    });
    expect(refusal(constituted(), schedule({ invitees: [{ name: 'Evaluator', kind: 'evaluator' }] }))).toMatchObject({
      guard: 'inviteesIdentified',
    });
  });

  it('p.103 attendance is recorded at or after the meeting’s scheduled time, never before', () => {
    const scheduled = play([...fiveMembers(), v1.constitute(), schedule()]);
    expect(refusal(scheduled, attendance('2025-03-11T14:59:59+05:00'))).toEqual({
      type: 'validation-failed',
      law: 'p.103',
      guard: 'meetingHasBegun',
    });
    const s = play([...fiveMembers(), v1.constitute(), schedule(), attendance('2025-03-11T15:00:00+05:00')]);
    expect(s.context.meetings[0].present).toEqual([iin(1), iin(2), iin(4)]);
  });

  it('model: every state and every transition is exercised', () => {
    const samples: SpecialCommissionEvent[] = [
      ...fiveMembers(),
      v1.add(6),
      v1.remove(6),
      v1.remove(3),
      v1.constitute(),
      v1.objection('MINFIN', [3]),
      schedule(),
      schedule({ scheduledFor: '2027-01-01T10:00:00+05:00' }),
      attendance('2025-03-11T15:05:00+05:00'),
      attendance('2025-03-10T15:05:00+05:00'),
      v1.dissolve(),
    ];
    const coverage = traverse(sut, {
      input,
      events: samples,
      serializeState: (s) => {
        const c = s.context as {
          members: { iin: string }[];
          meetings: { id: string; present?: string[] }[];
          objectingBodies: string[];
        };
        return JSON.stringify({
          value: s.value,
          m: c.members.map((x) => x.iin).sort(),
          o: c.objectingBodies,
          mt: c.meetings.map((x) => `${x.id}:${x.present?.length ?? '-'}`),
        });
      },
    });
    expect([...coverage.visitedStates].sort()).toEqual(definedStateIds(sut).sort());
    expect(
      definedTransitions(sut)
        .map((t) => t.key)
        .filter((k) => !coverage.coveredTransitions.has(k)),
    ).toEqual([]);
  });
});
