import { DomainError } from '../../common/domain-error';
import { caseCommand } from '../../workflow-runtime/command';
import { EscalationOutcomeDto } from '../dto/case-commands.dto';
import { requireScoresWithinScale, scoreProblem } from '../scores';

/** p.108: the Presidential Administration records the outcome: upheld, or revised with new scores (a new version). */
export const escalationOutcome = caseCommand<EscalationOutcomeDto>({
  action: 'case.escalation-outcome',
  route: {
    path: 'cases/:id/escalation/outcome',
    tag: 'cases',
    summary: 'p.108: the Presidential Administration records upheld or revised',
    example: { outcome: 'upheld', note: 'Қорытынды өзгеріссіз / Заключение оставлено без изменений' },
  },
  dto: EscalationOutcomeDto,
  event: 'ESCALATION.OUTCOME',
  async prepare(ctx, dto) {
    if (dto.outcome === 'upheld') {
      if (dto.scores?.length) throw DomainError.field('scores', 'reasons.upheldNoScore');
      return { event: { type: 'ESCALATION.OUTCOME', at: ctx.at, outcome: 'upheld' }, meta: { note: dto.note } };
    }
    if (!dto.scores?.length) throw DomainError.field('scores', 'reasons.revisedGivesScores');
    const current = await ctx.services.conclusions.latest(
      ctx.m,
      ctx.stream.row.id,
      ctx.stream.snapshot.context.conclusionVersion,
    );
    dto.scores.forEach((s, i) => {
      if (!current.items.some((x) => x.code === s.code))
        throw DomainError.field(`scores[${i}].code`, 'reasons.notIndicatorOfConclusion');
    });
    // p.108: a revised score lies on its indicator's scale.
    requireScoresWithinScale(
      dto.scores.map((s, i) =>
        scoreProblem(
          current.items.find((x) => x.code === s.code)!,
          s.score,
          `scores[${i}].score`,
          'p.108',
        ),
      ),
      'p.108',
    );
    const scores = new Map(dto.scores.map((s) => [s.code, s.score]));
    const items = current.items.map((i) => (scores.has(i.code) ? { ...i, score: scores.get(i.code)! } : i));
    return {
      event: { type: 'ESCALATION.OUTCOME', at: ctx.at, outcome: 'revised', conclusionVersion: current.version + 1 },
      prepared: {
        conclusion: { items, evaluators: current.evaluators, reason: `Presidential Administration: ${dto.note}` },
      },
      meta: { note: dto.note },
    };
  },
  probe: ({ at }) => ({ type: 'ESCALATION.OUTCOME', at, outcome: 'upheld' }),
});
