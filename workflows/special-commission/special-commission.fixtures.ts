/** Test fixtures for the special commission (IINs are 12-digit test values). */
import type { SpecialCommissionEvent, SpecialCommissionInput, MemberRole } from './special-commission.types';

type Ev<T extends SpecialCommissionEvent['type']> = Extract<SpecialCommissionEvent, { type: T }>;

export const input: SpecialCommissionInput = {
  commissionId: 'com-1',
  authority: 'ADSC',
  direction: 'personnel',
  cycle: '2025',
};

export const AT = '2025-03-06T10:00:00+05:00';

export const iin = (k: number): string => `9001011${String(k).padStart(5, '0')}`;

export const ev = {
  add: (k: number, role: MemberRole = 'member', evaluatedBodies: string[] = []): Ev<'MEMBER.ADD'> => ({
    type: 'MEMBER.ADD',
    at: AT,
    iin: iin(k),
    role,
    name: `Member ${k}`,
    evaluatedBodies,
  }),
  remove: (k: number): Ev<'MEMBER.REMOVE'> => ({ type: 'MEMBER.REMOVE', at: AT, iin: iin(k) }),
  constitute: (): Ev<'CONSTITUTE'> => ({ type: 'CONSTITUTE', at: AT }),
  objection: (bodyCode: string, evaluators: number[]): Ev<'OBJECTION.REGISTERED'> => ({
    type: 'OBJECTION.REGISTERED',
    at: '2025-03-07T10:00:00+05:00',
    bodyCode,
    evaluators: evaluators.map(iin),
  }),
  schedule: (meetingId = 'm1'): Ev<'MEETING.SCHEDULE'> => ({
    type: 'MEETING.SCHEDULE',
    at: AT,
    meetingId,
    scheduledFor: '2025-03-11T15:00:00+05:00',
    invitees: [
      { name: 'Agency representative', kind: 'agencyRepresentative' },
      { iin: iin(99), name: 'Evaluator', kind: 'evaluator' },
    ],
  }),
  attendance: (present: number[], meetingId = 'm1'): Ev<'MEETING.ATTENDANCE'> => ({
    type: 'MEETING.ATTENDANCE',
    at: '2025-03-11T15:05:00+05:00',
    meetingId,
    present: present.map(iin),
  }),
  dissolve: (): Ev<'DISSOLVE'> => ({ type: 'DISSOLVE', at: '2025-04-30T10:00:00+05:00' }),
};

/** Five members (chair 1, secretary 2, members 3–5); member 3 evaluated MINFIN, member 4 MINEDU. */
export function fiveMembers(): SpecialCommissionEvent[] {
  return [
    ev.add(1, 'chair'),
    ev.add(2, 'secretary'),
    ev.add(3, 'member', ['MINFIN']),
    ev.add(4, 'member', ['MINEDU']),
    ev.add(5),
  ];
}
