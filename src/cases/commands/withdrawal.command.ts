import { caseCommand } from '../../workflow-runtime/command';
import { NoteDto } from '../dto/case-commands.dto';

/** Not in the law (our addition, SPEC §4): the body withdraws its objection until the commission decides. */
export const withdrawal = caseCommand<NoteDto>({
  action: 'case.withdrawal',
  route: { path: 'cases/:id/withdrawal', tag: 'cases', summary: 'Withdraw the objection (until the commission decides)' },
  dto: NoteDto,
  event: 'OBJECTION.WITHDRAW',
  async prepare(ctx, dto) {
    return { event: { type: 'OBJECTION.WITHDRAW', at: ctx.at }, ...(dto.note ? { meta: { note: dto.note } } : {}) };
  },
  probe: ({ at }) => ({ type: 'OBJECTION.WITHDRAW', at }),
});
