/** Context, input and events of the special commission workflow (SPEC §4, p.100–p.104). */
import type { Direction } from '../routing';

export type { Refusal, RefusalType } from '../refusal';

export type MemberRole = 'chair' | 'secretary' | 'member';

export interface CommissionMember {
  /** IIN: conflict checks compare IINs (SPEC §4). */
  iin: string;
  role: MemberRole;
  name?: string;
}

export interface Recusal {
  iin: string;
  bodyCode: string;
  at: string;
}

export interface Invitee {
  iin?: string;
  name: string;
  kind: 'agencyRepresentative' | 'evaluator';
  /** v2, p.103: the objecting body a representative speaks for (required for representatives in v2). */
  bodyCode?: string;
}

export interface Meeting {
  id: string;
  scheduledFor: string;
  invitees: Invitee[];
  /** IINs of the members present (only members count). */
  present?: string[];
}

export interface SpecialCommissionInput {
  commissionId: string;
  authority: string;
  direction: Direction;
  cycle: string;
  /** p.100: at least 5 people; a smaller value is raised to 5. */
  minMembers?: number;
  /** v2, p.103: meetings lie within the cycle: from its first to its last instant (Astana time). */
  cycleWindow?: { from: string; until: string };
  /** v2: when the commission was formed (no meeting before it). */
  formedAt?: string;
}

export interface SpecialCommissionContext {
  commissionId: string;
  authority: string;
  direction: Direction;
  cycle: string;
  minMembers: number;
  /** v2 (see SpecialCommissionInput). */
  cycleWindow?: { from: string; until: string };
  formedAt?: string;
  members: CommissionMember[];
  objectingBodies: string[];
  recusals: Recusal[];
  meetings: Meeting[];
}

export type SpecialCommissionEvent =
  | { type: 'MEMBER.ADD'; at: string; iin: string; role: MemberRole; name?: string; evaluatedBodies: string[] }
  | { type: 'MEMBER.REMOVE'; at: string; iin: string }
  | { type: 'CONSTITUTE'; at: string }
  | { type: 'OBJECTION.REGISTERED'; at: string; bodyCode: string; evaluators: string[] }
  | { type: 'MEETING.SCHEDULE'; at: string; meetingId: string; scheduledFor: string; invitees: Invitee[] }
  | { type: 'MEETING.ATTENDANCE'; at: string; meetingId: string; present: string[] }
  | { type: 'DISSOLVE'; at: string };

export type SpecialCommissionEventType = SpecialCommissionEvent['type'];

export type CommissionStateName = 'forming' | 'constituted' | 'dissolved';
