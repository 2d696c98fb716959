/**
 * The rules of special commission workflow v2 as plain functions of (context, event), used by the machine's named
 * guards and by `whyCommissionRefused`. Every guard cites its point of the law. v2 (issue 13): meetings lie within
 * the cycle and after the commission was formed, name the body each representative speaks for, and record their
 * attendance only once they have begun (p.103).
 */
import { atOrBefore, isInstant } from '../instant';
import type { GuardRule } from '../refusal';
import type {
  SpecialCommissionContext,
  SpecialCommissionEvent,
  SpecialCommissionEventType,
} from './special-commission.types';

import { LEGAL_MINIMUM_MEMBERS, isWhole, membersAfterRecusal } from './special-commission.guards.v1';

export type SpecialCommissionGuardV2 = (context: SpecialCommissionContext, event: SpecialCommissionEvent) => boolean;

export { LEGAL_MINIMUM_MEMBERS, isWhole, membersAfterRecusal };

const commissionLaw = (context: SpecialCommissionContext): string =>
  context.direction === 'personnel' ? 'p.100' : 'p.101';

export const specialCommissionGuardsV2 = {
  /** p.100/p.101: nobody who evaluated a body that objected may sit on the commission. */
  notEvaluatorOfObjectingBody: (context, event) =>
    event.type === 'MEMBER.ADD' && !event.evaluatedBodies.some((b) => context.objectingBodies.includes(b)),

  /** p.100: a person sits once. */
  notAlreadyMember: (context, event) =>
    event.type === 'MEMBER.ADD' && !context.members.some((m) => m.iin === event.iin),

  /** p.100 (SPEC §4): one chair and one secretary. */
  roleAvailable: (context, event) =>
    event.type === 'MEMBER.ADD' && (event.role === 'member' || !context.members.some((m) => m.role === event.role)),

  /** p.100: only a sitting member can be removed. */
  isMember: (context, event) => event.type === 'MEMBER.REMOVE' && context.members.some((m) => m.iin === event.iin),

  /** p.100: "at least 5 people". */
  hasMinimumMembers: (context) => context.members.length >= context.minMembers,

  /** p.100 (SPEC §4): a chair (casting vote, signs the table, p.105) and a secretary. */
  hasChairAndSecretary: (context) =>
    context.members.some((m) => m.role === 'chair') && context.members.some((m) => m.role === 'secretary'),

  /** p.100: after this removal or recusal the commission is no longer whole (routing, never a refusal). */
  leavesCommissionIncomplete: (context, event) => {
    if (event.type === 'MEMBER.REMOVE') {
      return !isWhole(
        context.members.filter((m) => m.iin !== event.iin),
        context.minMembers,
      );
    }
    if (event.type === 'OBJECTION.REGISTERED') {
      return !isWhole(membersAfterRecusal(context.members, event.evaluators), context.minMembers);
    }
    return false;
  },

  /** p.100: an objection names its body. */
  objectionNamesBody: (_context, event) => event.type === 'OBJECTION.REGISTERED' && event.bodyCode.trim() !== '',

  /** p.103: a meeting has a new id, a time and invitees (objecting bodies' representatives, evaluators). */
  meetingValid: (context, event) =>
    event.type === 'MEETING.SCHEDULE' &&
    event.meetingId.trim() !== '' &&
    !context.meetings.some((m) => m.id === event.meetingId) &&
    isInstant(event.scheduledFor) &&
    event.invitees.length > 0,

  /** v2, p.103: a representative invited names the objecting body they speak for; an evaluator, their IIN. */
  inviteesIdentified: (_context, event) =>
    event.type === 'MEETING.SCHEDULE' &&
    event.invitees.every((i) =>
      i.kind === 'agencyRepresentative' ? (i.bodyCode ?? '').trim() !== '' : /^\d{12}$/.test(i.iin ?? ''),
    ),

  /** v2, p.103: a meeting lies within the cycle, and not before the commission was formed. */
  meetingWithinCycle: (context, event) => {
    if (event.type !== 'MEETING.SCHEDULE') return false;
    const window = context.cycleWindow;
    if (window && !(atOrBefore(window.from, event.scheduledFor) && atOrBefore(event.scheduledFor, window.until)))
      return false;
    return context.formedAt === undefined || atOrBefore(context.formedAt, event.scheduledFor);
  },

  /** v2, p.103: attendance is recorded once the meeting has begun (at or after its scheduled time). */
  meetingHasBegun: (context, event) => {
    if (event.type !== 'MEETING.ATTENDANCE') return false;
    const meeting = context.meetings.find((m) => m.id === event.meetingId);
    return meeting !== undefined && atOrBefore(meeting.scheduledFor, event.at);
  },

  /** p.103: attendance is recorded for a scheduled meeting. */
  meetingExists: (context, event) =>
    event.type === 'MEETING.ATTENDANCE' && context.meetings.some((m) => m.id === event.meetingId),
} satisfies Record<string, SpecialCommissionGuardV2>;

export type SpecialCommissionGuardNameV2 = keyof typeof specialCommissionGuardsV2;

/** The refusing guards of each event, in the order they are reported. */
export const specialCommissionGuardChainsV2 = {
  'MEMBER.ADD': ['notEvaluatorOfObjectingBody', 'notAlreadyMember', 'roleAvailable'],
  'MEMBER.REMOVE': ['isMember'],
  CONSTITUTE: ['hasMinimumMembers', 'hasChairAndSecretary'],
  'OBJECTION.REGISTERED': ['objectionNamesBody'],
  'MEETING.SCHEDULE': ['meetingValid', 'inviteesIdentified', 'meetingWithinCycle'],
  'MEETING.ATTENDANCE': ['meetingExists', 'meetingHasBegun'],
  DISSOLVE: [],
} as const satisfies Record<SpecialCommissionEventType, readonly SpecialCommissionGuardNameV2[]>;

export const specialCommissionGuardRulesV2: Partial<
  Record<SpecialCommissionGuardNameV2, GuardRule<SpecialCommissionContext>>
> = {
  notEvaluatorOfObjectingBody: { type: 'member-conflict-of-interest', law: commissionLaw },
  notAlreadyMember: { type: 'validation-failed', law: commissionLaw },
  roleAvailable: { type: 'validation-failed', law: commissionLaw },
  isMember: { type: 'validation-failed', law: commissionLaw },
  hasMinimumMembers: { type: 'validation-failed', law: commissionLaw },
  hasChairAndSecretary: { type: 'validation-failed', law: commissionLaw },
  objectionNamesBody: { type: 'validation-failed', law: commissionLaw },
  meetingValid: { type: 'validation-failed', law: 'p.103' },
  meetingExists: { type: 'validation-failed', law: 'p.103' },
  inviteesIdentified: { type: 'validation-failed', law: 'p.103' },
  meetingWithinCycle: { type: 'validation-failed', law: 'p.103' },
  meetingHasBegun: { type: 'validation-failed', law: 'p.103' },
};
