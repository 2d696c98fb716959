import { sideOf } from '../../documents/documents.service';
import { caseCommand } from '../../workflow-runtime/command';
import { EscalationDto } from '../dto/case-commands.dto';

/** p.108: within five working days of the results the body may appeal to the Presidential Administration. */
export const escalation = caseCommand<EscalationDto>({
  action: 'case.escalation',
  route: { path: 'cases/:id/escalation', tag: 'cases', summary: 'p.108: appeal to the Presidential Administration within five working days of receiving the results' },
  dto: EscalationDto,
  event: 'ESCALATION.FILE',
  term: 'escalation',
  async prepare(ctx, dto) {
    if (dto.documents?.length) await ctx.services.documents.requireOwn(dto.documents, sideOf(ctx.actor), ctx.m);
    return { event: { type: 'ESCALATION.FILE', at: ctx.at } };
  },
  probe: ({ at }) => ({ type: 'ESCALATION.FILE', at }),
});
