import { DomainError } from '../../common/domain-error';
import { caseCommand } from '../../workflow-runtime/command';
import type { LoadedCase } from '../../workflow-runtime/streams';
import { NoteDto } from '../dto/case-commands.dto';

/** p.108 (workflow v2): whether D4 starts with the dispatch — not when the body cannot appeal (p.91), nor while the correction owed must come first. */
export function escalationStartsAtDispatch(stream: LoadedCase): boolean {
  const context = stream.snapshot.context;
  if (stream.row.workflowVersion < 2) return true;
  if (context.appealTo === null) return false;
  const owed = context.rows.some((r) => r.decision === 'agree');
  return !(owed && stream.rules.escalationTermStartsAt === 'laterOfDispatchAndCorrection');
}

/**
 * p.106: within fifteen calendar days the authority sends the results to the working body and the evaluated
 * body; they are final at the authority. p.108: the body's five working days to escalate run from here — in
 * workflow v2 from the correction instead where one is owed (rule-set setting), and not at all when the
 * Presidential Administration evaluated the body (p.91). The recipients and the note are recorded in the event.
 */
export const dispatch = caseCommand<NoteDto>({
  action: 'case.dispatch',
  route: {
    path: 'cases/:id/dispatch',
    tag: 'cases',
    summary: 'p.106: send the results to the working body and the evaluated body; final at the authority from here',
    example: { note: 'Нәтижелер жіберілді / Результаты направлены' },
  },
  dto: NoteDto,
  event: 'RESULTS.DISPATCH',
  term: 'result',
  async prepare(ctx, dto) {
    const { stream } = ctx;
    const withD4 = escalationStartsAtDispatch(stream);
    // p.108: the body's term runs from its receipt of the results: the dispatch, delivered electronically at once.
    const escalation = withD4
      ? await ctx.deadline(ctx.at, { workingDays: stream.rules.escalationWorkingDays })
      : undefined;
    if (stream.row.workflowVersion < 2) {
      return {
        event: { type: 'RESULTS.DISPATCH', at: ctx.at, deadlines: { escalation: escalation!.deadline } },
        prepared: { terms: { escalation } },
        ...(dto.note ? { meta: { note: dto.note } } : {}),
      };
    }
    const workingBody = (await ctx.services.reference.authorityRoles()).workingBody;
    if (!workingBody) throw DomainError.field('recipients', 'reasons.workingBodyUnregistered');
    return {
      event: {
        type: 'RESULTS.DISPATCH',
        at: ctx.at,
        deadlines: escalation ? { escalation: escalation.deadline } : {},
        recipients: [
          { kind: 'workingBody', code: workingBody },
          { kind: 'body', code: stream.row.bodyCode },
        ],
        ...(dto.note ? { note: dto.note } : {}),
      },
      ...(escalation ? { prepared: { terms: { escalation } } } : {}),
    };
  },
  probe: ({ at, stream }) =>
    stream.row.workflowVersion < 2
      ? { type: 'RESULTS.DISPATCH', at, deadlines: { escalation: at } }
      : {
          type: 'RESULTS.DISPATCH',
          at,
          deadlines: escalationStartsAtDispatch(stream) ? { escalation: at } : {},
          recipients: [
            { kind: 'workingBody', code: 'probe' },
            { kind: 'body', code: stream.row.bodyCode },
          ],
        },
});
