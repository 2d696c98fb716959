import { isConstituted } from '../../../workflows';
import { caseCommand } from '../../workflow-runtime/command';
import { NoteDto } from '../dto/case-commands.dto';

/**
 * p.102: the table is submitted to the special commission — which must be constituted (p.100/p.101). Workflow v2:
 * where the rule set starts p.106's fifteen days at the submission (`resultTermStartsAt: tableSubmission`), D3 opens here.
 */
export const tableSubmission = caseCommand<NoteDto>({
  action: 'case.table-submission',
  route: {
    path: 'cases/:id/table/submission',
    tag: 'cases',
    summary: 'p.102: submit the table to the constituted special commission',
    example: { note: 'Комиссияға ұсынылды / Передано комиссии' },
  },
  dto: NoteDto,
  event: 'TABLE.SUBMIT',
  term: 'table',
  async prepare(ctx) {
    const { stream } = ctx;
    const commission = stream.commission;
    const commissionConstituted = commission !== null && isConstituted(commission.snapshot);
    if (stream.row.workflowVersion >= 2 && stream.rules.resultTermStartsAt === 'tableSubmission') {
      const result = await ctx.deadline(ctx.at, { calendarDays: stream.rules.resultCalendarDays });
      return {
        event: { type: 'TABLE.SUBMIT', at: ctx.at, commissionConstituted, deadlines: { result: result.deadline } },
        prepared: { terms: { result } },
      };
    }
    return { event: { type: 'TABLE.SUBMIT', at: ctx.at, commissionConstituted } };
  },
  probe: ({ at, stream, commissionConstituted }) =>
    stream.row.workflowVersion >= 2 && stream.snapshot.context.settings?.resultTermStartsAt === 'tableSubmission'
      ? { type: 'TABLE.SUBMIT', at, commissionConstituted, deadlines: { result: at } }
      : { type: 'TABLE.SUBMIT', at, commissionConstituted },
});
