import { DomainError, invalidParam } from '../../common/domain-error';
import { commissionCommand } from '../../workflow-runtime/command';
import { AttendanceDto } from '../dto/commission.dto';

/** p.103/p.104: who of the members attended a meeting (the quorum of its decisions). */
export const attendance = commissionCommand<AttendanceDto>({
  action: 'commission.attendance',
  route: {
    path: 'commissions/:id/meetings/:meetingId/attendance',
    tag: 'special commissions',
    summary: 'p.104: record who of the members is present (the quorum)',
    example: { present: ['810211301004'] },
  },
  dto: AttendanceDto,
  event: 'MEETING.ATTENDANCE',
  async prepare(ctx, dto, params) {
    const members = ctx.stream.snapshot.context.members;
    const strangers = dto.present
      .map((iin, i) => ({ iin, i }))
      .filter(({ iin }) => !members.some((mm) => mm.iin === iin));
    if (strangers.length)
      throw DomainError.validation(strangers.map(({ i }) => invalidParam(`present[${i}]`, 'reasons.notMember')));
    return {
      event: { type: 'MEETING.ATTENDANCE', at: ctx.at, meetingId: params.meetingId ?? '', present: dto.present },
    };
  },
  probe: ({ at, stream }) => {
    const meeting = stream.snapshot.context.meetings.find((mt) => mt.present === undefined);
    return meeting ? { type: 'MEETING.ATTENDANCE', at, meetingId: meeting.id, present: [] } : null;
  },
});
