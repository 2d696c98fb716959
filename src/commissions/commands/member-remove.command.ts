import { DomainError } from '../../common/domain-error';
import { isValidIin } from '../../reference/iin';
import { commissionCommand } from '../../workflow-runtime/command';
import { CommissionCommandDto } from '../dto/commission.dto';

/** p.100: a member leaves; if fewer than five remain, the commission is no longer constituted. */
export const memberRemove = commissionCommand<CommissionCommandDto>({
  action: 'commission.member-remove',
  route: {
    path: 'commissions/:id/members/:iin/removal',
    tag: 'special commissions',
    summary: 'Remove a member',
    example: {},
  },
  dto: CommissionCommandDto,
  event: 'MEMBER.REMOVE',
  async prepare(ctx, _dto, params) {
    if (!params.iin || !isValidIin(params.iin)) throw DomainError.field('iin', 'reasons.validIin');
    return { event: { type: 'MEMBER.REMOVE', at: ctx.at, iin: params.iin } };
  },
  probe: ({ at, stream }) => {
    const member = stream.snapshot.context.members[0];
    return member ? { type: 'MEMBER.REMOVE', at, iin: member.iin } : null;
  },
});
