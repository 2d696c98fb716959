import { sideOf } from '../../documents/documents.service';
import { caseCommand } from '../../workflow-runtime/command';
import { EscalationDto } from '../dto/case-commands.dto';

/**
 * p.108: within five working days of the results (workflow v2: of the correction owed, by default) the body may
 * appeal to the Presidential Administration. Workflow v2 keeps the body's reason and its documents in the event, so
 * the Presidential Administration reads them with the case.
 */
export const escalation = caseCommand<EscalationDto>({
  action: 'case.escalation',
  route: {
    path: 'cases/:id/escalation',
    tag: 'cases',
    summary: 'p.108: appeal to the Presidential Administration within five working days of receiving the results',
    example: {
      reason: 'Комиссия дәлелдерді ескермеді / Комиссия не учла доводы',
      documents: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    },
  },
  dto: EscalationDto,
  event: 'ESCALATION.FILE',
  term: 'escalation',
  async prepare(ctx, dto) {
    const docs = dto.documents?.length
      ? await ctx.services.documents.requireOwn(dto.documents, sideOf(ctx.actor), ctx.m)
      : [];
    if (ctx.stream.row.workflowVersion < 2) return { event: { type: 'ESCALATION.FILE', at: ctx.at } };
    return {
      event: {
        type: 'ESCALATION.FILE',
        at: ctx.at,
        reason: dto.reason,
        documents: docs.map((d) => ({ name: d.originalName, sha256: d.sha256 })),
      },
    };
  },
  probe: ({ at }) => ({ type: 'ESCALATION.FILE', at, reason: 'probe', documents: [] }),
});
