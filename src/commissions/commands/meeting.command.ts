import { commissionCommand } from '../../workflow-runtime/command';
import { ScheduleMeetingDto } from '../dto/commission.dto';

/**
 * p.103: a meeting, with the representatives of the objecting bodies and the evaluators invited. Workflow v2: each
 * representative names the body they speak for, each evaluator their IIN; the meeting lies within the cycle and not
 * before the commission was formed.
 */
export const meeting = commissionCommand<ScheduleMeetingDto>({
  action: 'commission.meeting',
  route: {
    path: 'commissions/:id/meetings',
    tag: 'special commissions',
    example: {
      scheduledFor: '2025-02-20T15:00:00+05:00',
      invitees: [{ name: 'Өкіл / Представитель MZ', kind: 'agencyRepresentative', bodyCode: 'MZ' }],
    },
    summary: 'p.103: schedule a meeting and invite the objecting bodies’ representatives and the evaluators',
  },
  dto: ScheduleMeetingDto,
  event: 'MEETING.SCHEDULE',
  async prepare(ctx, dto) {
    return {
      event: {
        type: 'MEETING.SCHEDULE',
        at: ctx.at,
        meetingId: ctx.services.ids.uuid(),
        scheduledFor: dto.scheduledFor,
        invitees: dto.invitees.map((i) => ({ ...i })),
      },
    };
  },
  // The answer is the new meeting (its id, for attendance and decisions), at its own address (issue 11 item 3), with
  // the commission's new version for If-Match.
  answer: (view, event) => {
    const commission = view as { version: number; meetings: { id: string }[] };
    const meetingId = (event as { meetingId: string }).meetingId;
    return { ...commission.meetings.find((m) => m.id === meetingId)!, commissionVersion: commission.version };
  },
  answerSchema: 'Meeting',
  location: (answer, params) => `/api/v1/commissions/${params.id}/meetings/${(answer as { id: string }).id}`,
  // A representative meeting now: an evaluator named by an IIN-shaped number (workflow v2 asks every evaluator's IIN, p.103).
  probe: ({ at }) => ({
    type: 'MEETING.SCHEDULE',
    at,
    meetingId: 'probe',
    scheduledFor: at,
    invitees: [{ name: 'probe', kind: 'evaluator', iin: '000000000000' }],
  }),
});
