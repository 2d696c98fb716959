/**
 * The rules of special commission workflow v1 as plain functions of (context, event), used by
 * the machine's named guards and by `whyRefused`. Every guard cites its point of the law.
 */
import { isInstant } from '../instant';
import type { GuardRule } from '../refusal';
import type {
  CommissionMember,
  SpecialCommissionContext,
  SpecialCommissionEvent,
  SpecialCommissionEventType,
} from './special-commission.types';

export type SpecialCommissionGuard = (context: SpecialCommissionContext, event: SpecialCommissionEvent) => boolean;

/** p.100: the minimum size of the commission; never below the law's 5. */
export const LEGAL_MINIMUM_MEMBERS = 5;

const commissionLaw = (context: SpecialCommissionContext): string =>
  context.direction === 'personnel' ? 'p.100' : 'p.101';

/** p.100/p.101: enough members, a chair and a secretary. */
export function isWhole(members: readonly CommissionMember[], minMembers: number): boolean {
  return (
    members.length >= minMembers &&
    members.filter((m) => m.role === 'chair').length === 1 &&
    members.filter((m) => m.role === 'secretary').length === 1
  );
}

/** Members left after recusing the evaluators of a newly objecting body (p.100). */
export function membersAfterRecusal(
  members: readonly CommissionMember[],
  evaluators: readonly string[],
): CommissionMember[] {
  return members.filter((m) => !evaluators.includes(m.iin));
}

export const specialCommissionGuardsV1 = {
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

  /** p.103: attendance is recorded for a scheduled meeting. */
  meetingExists: (context, event) =>
    event.type === 'MEETING.ATTENDANCE' && context.meetings.some((m) => m.id === event.meetingId),
} satisfies Record<string, SpecialCommissionGuard>;

export type SpecialCommissionGuardName = keyof typeof specialCommissionGuardsV1;

/** The refusing guards of each event, in the order they are reported. */
export const specialCommissionGuardChainsV1 = {
  'MEMBER.ADD': ['notEvaluatorOfObjectingBody', 'notAlreadyMember', 'roleAvailable'],
  'MEMBER.REMOVE': ['isMember'],
  CONSTITUTE: ['hasMinimumMembers', 'hasChairAndSecretary'],
  'OBJECTION.REGISTERED': ['objectionNamesBody'],
  'MEETING.SCHEDULE': ['meetingValid'],
  'MEETING.ATTENDANCE': ['meetingExists'],
  DISSOLVE: [],
} as const satisfies Record<SpecialCommissionEventType, readonly SpecialCommissionGuardName[]>;

export const specialCommissionGuardRulesV1: Partial<
  Record<SpecialCommissionGuardName, GuardRule<SpecialCommissionContext>>
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
};

/** Events that need a constituted commission (p.103 meetings of a commission formed under p.100/p.101). */
export const NEEDS_CONSTITUTED_COMMISSION: readonly SpecialCommissionEventType[] = [
  'MEETING.SCHEDULE',
  'MEETING.ATTENDANCE',
];
