import { caseCommand } from '../../workflow-runtime/command';
import { NoteDto } from '../dto/case-commands.dto';

/**
 * p.106: within fifteen calendar days the authority sends the results to the working body and the evaluated
 * body; they are final at the authority. p.108: the body's five working days to escalate run from here.
 */
export const dispatch = caseCommand<NoteDto>({
  action: 'case.dispatch',
  route: { path: 'cases/:id/dispatch', tag: 'cases', summary: 'p.106: send the results to the working body and the evaluated body; final at the authority from here' },
  dto: NoteDto,
  event: 'RESULTS.DISPATCH',
  term: 'result',
  async prepare(ctx, dto) {
    // p.108: the body's term runs from its receipt of the results: the dispatch, delivered electronically at once.
    const escalation = await ctx.deadline(ctx.at, { workingDays: ctx.stream.rules.escalationWorkingDays });
    return {
      event: { type: 'RESULTS.DISPATCH', at: ctx.at, deadlines: { escalation: escalation.deadline } },
      prepared: { terms: { escalation } },
      ...(dto.note ? { meta: { note: dto.note } } : {}),
    };
  },
  probe: ({ at }) => ({ type: 'RESULTS.DISPATCH', at, deadlines: { escalation: at } }),
});
