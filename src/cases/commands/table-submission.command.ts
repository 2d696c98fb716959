import { isConstituted } from '../../../workflows';
import { caseCommand } from '../../workflow-runtime/command';
import { NoteDto } from '../dto/case-commands.dto';

/** p.102: the table is submitted to the special commission — which must be constituted (p.100/p.101). */
export const tableSubmission = caseCommand<NoteDto>({
  action: 'case.table-submission',
  route: { path: 'cases/:id/table/submission', tag: 'cases', summary: 'p.102: submit the table to the constituted special commission' },
  dto: NoteDto,
  event: 'TABLE.SUBMIT',
  term: 'table',
  async prepare(ctx) {
    const commission = ctx.stream.commission;
    return { event: { type: 'TABLE.SUBMIT', at: ctx.at, commissionConstituted: commission !== null && isConstituted(commission.snapshot) } };
  },
  probe: ({ at, commissionConstituted }) => ({ type: 'TABLE.SUBMIT', at, commissionConstituted }),
});
