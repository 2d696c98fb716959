import { atOrBeforeInstant } from '../instants';
import { caseCommand } from '../../workflow-runtime/command';
import { NoteDto } from '../dto/case-commands.dto';

/**
 * Not in the law (our addition, SPEC §4): the body withdraws its objection until the commission decides. Workflow v2:
 * inside D1 the case returns to `issued` and D1 runs on (its row is opened again with the same due time, computed
 * with the current calendar); after D1 the case closes as `withdrawn`. D2 and D3 close either way.
 */
export const withdrawal = caseCommand<NoteDto>({
  action: 'case.withdrawal',
  route: {
    path: 'cases/:id/withdrawal',
    tag: 'cases',
    summary: 'Withdraw the objection (until the commission decides); inside D1 the body may still object or notify',
    example: { note: 'Қарсылық кері қайтарылды / Возражение отозвано' },
  },
  dto: NoteDto,
  event: 'OBJECTION.WITHDRAW',
  async prepare(ctx, dto) {
    const { stream } = ctx;
    const context = stream.snapshot.context;
    const meta = dto.note ? { meta: { note: dto.note } } : {};
    if (stream.row.workflowVersion < 2 || !atOrBeforeInstant(ctx.at, context.deadlines.objection)) {
      return { event: { type: 'OBJECTION.WITHDRAW', at: ctx.at }, ...meta };
    }
    const objection = await ctx.deadline(context.issuedAt, { workingDays: stream.rules.objectionWorkingDays });
    return {
      event: { type: 'OBJECTION.WITHDRAW', at: ctx.at, deadlines: { objection: objection.deadline } },
      prepared: { terms: { objection } },
      ...meta,
    };
  },
  probe: ({ at, stream }) => {
    const d1 = stream.snapshot.context.deadlines.objection;
    return stream.row.workflowVersion >= 2 && atOrBeforeInstant(at, d1)
      ? { type: 'OBJECTION.WITHDRAW', at, deadlines: { objection: d1 } }
      : { type: 'OBJECTION.WITHDRAW', at };
  },
});
