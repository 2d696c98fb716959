import { caseCommand } from '../../workflow-runtime/command';
import { NoteDto } from '../dto/case-commands.dto';

/** p.99: a body with no objection says so within five working days. */
export const noObjection = caseCommand<NoteDto>({
  action: 'case.no-objection',
  route: {
    path: 'cases/:id/no-objection',
    tag: 'cases',
    summary: 'p.99: notify within five working days that there is no objection',
    example: { note: 'Қарсылық жоқ / Возражений нет' },
  },
  dto: NoteDto,
  event: 'NO_OBJECTION.FILE',
  term: 'objection',
  async prepare(ctx, dto) {
    return { event: { type: 'NO_OBJECTION.FILE', at: ctx.at }, ...(dto.note ? { meta: { note: dto.note } } : {}) };
  },
  probe: ({ at }) => ({ type: 'NO_OBJECTION.FILE', at }),
});
