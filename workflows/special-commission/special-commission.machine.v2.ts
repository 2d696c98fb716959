/**
 * Special commission workflow, version 2 — p.100, p.101, p.103, p.104 (SPEC §4), issue 13.
 * One per (authority, direction, cycle). Pure: no clock, no I/O, no imports from src/.
 * v2: meetings lie within the cycle (its window arrives in the input) and not before the commission was formed;
 * representatives invited name their body; attendance is recorded only once the meeting has begun (p.103).
 * Never edit a released version; add `.v3.ts` and register it in `workflows/index.ts`.
 */
import { and, assertEvent, assign, setup } from 'xstate';
import {
  LEGAL_MINIMUM_MEMBERS,
  membersAfterRecusal,
  specialCommissionGuardChainsV2 as chains,
  specialCommissionGuardsV2 as g,
  type SpecialCommissionGuardV2,
} from './special-commission.guards.v2';
import type {
  SpecialCommissionContext,
  SpecialCommissionEvent,
  SpecialCommissionInput,
} from './special-commission.types';

export const SPECIAL_COMMISSION_VERSION_2 = 2;

const guard =
  (rule: SpecialCommissionGuardV2) =>
  ({ context, event }: { context: SpecialCommissionContext; event: SpecialCommissionEvent }): boolean =>
    rule(context, event);

export const specialCommissionMachineV2 = setup({
  types: {
    context: {} as SpecialCommissionContext,
    events: {} as SpecialCommissionEvent,
    input: {} as SpecialCommissionInput,
  },
  guards: {
    notEvaluatorOfObjectingBody: guard(g.notEvaluatorOfObjectingBody), // p.100, p.101
    notAlreadyMember: guard(g.notAlreadyMember), // p.100
    roleAvailable: guard(g.roleAvailable), // p.100
    isMember: guard(g.isMember), // p.100
    hasMinimumMembers: guard(g.hasMinimumMembers), // p.100 (at least 5)
    hasChairAndSecretary: guard(g.hasChairAndSecretary), // p.100, p.105
    leavesCommissionIncomplete: guard(g.leavesCommissionIncomplete), // p.100
    objectionNamesBody: guard(g.objectionNamesBody), // p.100
    meetingValid: guard(g.meetingValid), // p.103
    meetingExists: guard(g.meetingExists), // p.103
    inviteesIdentified: guard(g.inviteesIdentified), // p.103
    meetingWithinCycle: guard(g.meetingWithinCycle), // p.103
    meetingHasBegun: guard(g.meetingHasBegun), // p.103
  },
  actions: {
    addMember: assign(({ context, event }) => {
      assertEvent(event, 'MEMBER.ADD');
      const member = { iin: event.iin, role: event.role, ...(event.name !== undefined ? { name: event.name } : {}) };
      return { members: [...context.members, member] };
    }),
    removeMember: assign(({ context, event }) => {
      assertEvent(event, 'MEMBER.REMOVE');
      return { members: context.members.filter((m) => m.iin !== event.iin) };
    }),
    /** p.100: the body objected; whoever evaluated it leaves the commission. */
    registerObjection: assign(({ context, event }) => {
      assertEvent(event, 'OBJECTION.REGISTERED');
      const recused = context.members.filter((m) => event.evaluators.includes(m.iin));
      return {
        objectingBodies: context.objectingBodies.includes(event.bodyCode)
          ? context.objectingBodies
          : [...context.objectingBodies, event.bodyCode],
        members: membersAfterRecusal(context.members, event.evaluators),
        recusals: [
          ...context.recusals,
          ...recused.map((m) => ({ iin: m.iin, bodyCode: event.bodyCode, at: event.at })),
        ],
      };
    }),
    /** p.103 */
    scheduleMeeting: assign(({ context, event }) => {
      assertEvent(event, 'MEETING.SCHEDULE');
      return {
        meetings: [
          ...context.meetings,
          { id: event.meetingId, scheduledFor: event.scheduledFor, invitees: event.invitees },
        ],
      };
    }),
    /** p.103, p.104: only members count towards the quorum. */
    recordAttendance: assign(({ context, event }) => {
      assertEvent(event, 'MEETING.ATTENDANCE');
      const memberIins = new Set(context.members.map((m) => m.iin));
      const present = [...new Set(event.present)].filter((iin) => memberIins.has(iin));
      return { meetings: context.meetings.map((m) => (m.id === event.meetingId ? { ...m, present } : m)) };
    }),
  },
}).createMachine({
  id: 'specialCommission',
  version: String(SPECIAL_COMMISSION_VERSION_2),
  context: ({ input }) => ({
    commissionId: input.commissionId,
    authority: input.authority,
    direction: input.direction,
    cycle: input.cycle,
    minMembers: Math.max(LEGAL_MINIMUM_MEMBERS, input.minMembers ?? LEGAL_MINIMUM_MEMBERS),
    ...(input.cycleWindow ? { cycleWindow: input.cycleWindow } : {}),
    ...(input.formedAt ? { formedAt: input.formedAt } : {}),
    members: [],
    objectingBodies: [],
    recusals: [],
    meetings: [],
  }),
  initial: 'forming',
  states: {
    forming: {
      on: {
        'MEMBER.ADD': { guard: and([...chains['MEMBER.ADD']]), actions: 'addMember' },
        'MEMBER.REMOVE': { guard: and([...chains['MEMBER.REMOVE']]), actions: 'removeMember' },
        'OBJECTION.REGISTERED': { guard: and([...chains['OBJECTION.REGISTERED']]), actions: 'registerObjection' },
        CONSTITUTE: { guard: and([...chains.CONSTITUTE]), target: 'constituted' },
        DISSOLVE: { target: 'dissolved' },
      },
    },
    constituted: {
      on: {
        'MEMBER.ADD': { guard: and([...chains['MEMBER.ADD']]), actions: 'addMember' },
        'MEMBER.REMOVE': [
          {
            guard: and([...chains['MEMBER.REMOVE'], 'leavesCommissionIncomplete']),
            target: 'forming',
            actions: 'removeMember',
          },
          { guard: and([...chains['MEMBER.REMOVE']]), actions: 'removeMember' },
        ],
        'OBJECTION.REGISTERED': [
          {
            guard: and([...chains['OBJECTION.REGISTERED'], 'leavesCommissionIncomplete']),
            target: 'forming',
            actions: 'registerObjection',
          },
          { guard: and([...chains['OBJECTION.REGISTERED']]), actions: 'registerObjection' },
        ],
        'MEETING.SCHEDULE': { guard: and([...chains['MEETING.SCHEDULE']]), actions: 'scheduleMeeting' },
        'MEETING.ATTENDANCE': { guard: and([...chains['MEETING.ATTENDANCE']]), actions: 'recordAttendance' },
        DISSOLVE: { target: 'dissolved' },
      },
    },
    dissolved: { type: 'final' },
  },
});

export type SpecialCommissionMachineV2 = typeof specialCommissionMachineV2;
