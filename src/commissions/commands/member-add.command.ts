import { commissionCommand } from '../../workflow-runtime/command';
import { AddMemberDto } from '../dto/commission.dto';

/** p.100/p.101: a member joins; whoever evaluated a body that objected is refused (conflict of interest). */
export const memberAdd = commissionCommand<AddMemberDto>({
  action: 'commission.member-add',
  route: {
    path: 'commissions/:id/members',
    tag: 'special commissions',
    summary: 'p.100: add a member; anyone who evaluated an objecting body is refused',
    example: { iin: '810211301004', role: 'member' },
  },
  dto: AddMemberDto,
  event: 'MEMBER.ADD',
  async prepare(ctx, dto) {
    const [person] = await ctx.services.reference.people([dto.iin], 'iin', ctx.m);
    const row = ctx.stream.row;
    const evaluatedBodies = await ctx.services.conclusions.bodiesEvaluatedBy(
      ctx.m,
      dto.iin,
      row.direction,
      row.cycleCode,
    );
    return {
      event: { type: 'MEMBER.ADD', at: ctx.at, iin: dto.iin, role: dto.role, name: person.fullName, evaluatedBodies },
    };
  },
  probe: ({ at }) => ({ type: 'MEMBER.ADD', at, iin: 'probe', role: 'member', evaluatedBodies: [] }),
});
