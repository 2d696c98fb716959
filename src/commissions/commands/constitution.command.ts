import { commissionCommand } from '../../workflow-runtime/command';
import { CommissionCommandDto } from '../dto/commission.dto';

/** p.100/p.101: the commission is constituted — at least five members, a chair and a secretary. */
export const constitution = commissionCommand<CommissionCommandDto>({
  action: 'commission.constitution',
  route: {
    path: 'commissions/:id/constitution',
    tag: 'special commissions',
    summary: 'p.100: constitute the commission (at least five members, a chair and a secretary)',
    example: {},
  },
  dto: CommissionCommandDto,
  event: 'CONSTITUTE',
  async prepare(ctx) {
    return { event: { type: 'CONSTITUTE', at: ctx.at } };
  },
  probe: ({ at }) => ({ type: 'CONSTITUTE', at }),
});
