import { caseCommand } from '../../workflow-runtime/command';
import type { LoadedCase } from '../../workflow-runtime/streams';
import { CorrectionDto } from '../dto/case-commands.dto';
import { escalationStartsAtDispatch } from './dispatch.command';

/** p.108 (workflow v2): D4 waited for this correction (the body appeals against the corrected conclusion). */
function escalationStartsHere(stream: LoadedCase): boolean {
  const context = stream.snapshot.context;
  return (
    stream.row.workflowVersion >= 2 &&
    context.appealTo !== null &&
    !escalationStartsAtDispatch(stream) &&
    context.deadlines.escalation === undefined
  );
}

/**
 * p.107: where objections were accepted, the authority corrects the conclusion — a new version, with the revised
 * scores of the agreed rows (each on its indicator's scale: checked when the commission decided). Workflow v2: where
 * D4 runs from the later of the dispatch and the correction (the default), it starts here.
 */
export const correction = caseCommand<CorrectionDto>({
  action: 'case.correction',
  route: {
    path: 'cases/:id/correction',
    tag: 'cases',
    summary: 'p.107: issue the corrected conclusion (a new version) when objections were accepted',
    example: { reason: 'Комиссия шешімі бойынша / По решению комиссии' },
  },
  dto: CorrectionDto,
  event: 'CONCLUSION.CORRECT',
  async prepare(ctx, dto) {
    const { stream } = ctx;
    const context = stream.snapshot.context;
    const current = await ctx.services.conclusions.latest(ctx.m, stream.row.id, context.conclusionVersion);
    const revised = new Map(
      context.rows
        .filter((r) => r.decision === 'agree' && r.revisedScore !== undefined)
        .map((r) => [r.indicatorCode, r.revisedScore!]),
    );
    const items = current.items.map((i) => (revised.has(i.code) ? { ...i, score: revised.get(i.code)! } : i));
    const reason = dto.reason ?? 'p.107: objections accepted by the special commission';
    const escalation = escalationStartsHere(stream)
      ? await ctx.deadline(ctx.at, { workingDays: stream.rules.escalationWorkingDays })
      : undefined;
    return {
      event: {
        type: 'CONCLUSION.CORRECT',
        at: ctx.at,
        conclusionVersion: current.version + 1,
        ...(escalation ? { deadlines: { escalation: escalation.deadline } } : {}),
      },
      prepared: {
        conclusion: { items, evaluators: current.evaluators, reason },
        ...(escalation ? { terms: { escalation } } : {}),
      },
      meta: { note: reason },
    };
  },
  probe: ({ at, stream }) => ({
    type: 'CONCLUSION.CORRECT',
    at,
    conclusionVersion: stream.snapshot.context.conclusionVersion + 1,
    ...(escalationStartsHere(stream) ? { deadlines: { escalation: at } } : {}),
  }),
});
