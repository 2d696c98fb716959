import { caseCommand } from '../../workflow-runtime/command';
import { CorrectionDto } from '../dto/case-commands.dto';

/** p.107: where objections were accepted, the authority corrects the conclusion — a new version. */
export const correction = caseCommand<CorrectionDto>({
  action: 'case.correction',
  route: { path: 'cases/:id/correction', tag: 'cases', summary: 'p.107: issue the corrected conclusion (a new version) when objections were accepted' },
  dto: CorrectionDto,
  event: 'CONCLUSION.CORRECT',
  async prepare(ctx, dto) {
    const context = ctx.stream.snapshot.context;
    const current = await ctx.services.conclusions.latest(ctx.m, ctx.stream.row.id, context.conclusionVersion);
    const revised = new Map(context.rows.filter((r) => r.decision === 'agree' && r.revisedScore !== undefined).map((r) => [r.indicatorCode, r.revisedScore!]));
    const items = current.items.map((i) => (revised.has(i.code) ? { ...i, score: revised.get(i.code)! } : i));
    const reason = dto.reason ?? 'p.107: objections accepted by the special commission';
    return {
      event: { type: 'CONCLUSION.CORRECT', at: ctx.at, conclusionVersion: current.version + 1 },
      prepared: { conclusion: { items, evaluators: current.evaluators, reason } },
      meta: { note: reason },
    };
  },
  probe: ({ at, stream }) => ({ type: 'CONCLUSION.CORRECT', at, conclusionVersion: stream.snapshot.context.conclusionVersion + 1 }),
});
