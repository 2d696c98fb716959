import { commissionCommand } from '../../workflow-runtime/command';
import { CommissionCommandDto } from '../dto/commission.dto';

/** The commission's work is over: dissolved (its history stays). */
export const dissolution = commissionCommand<CommissionCommandDto>({
  action: 'commission.dissolution',
  route: {
    path: 'commissions/:id/dissolution',
    tag: 'special commissions',
    summary: 'Dissolve the commission',
    example: {},
  },
  dto: CommissionCommandDto,
  event: 'DISSOLVE',
  async prepare(ctx) {
    return { event: { type: 'DISSOLVE', at: ctx.at } };
  },
  probe: ({ at }) => ({ type: 'DISSOLVE', at }),
});
