import { DomainError } from '../../common/domain-error';
import { sideOf } from '../../documents/documents.service';
import { caseCommand } from '../../workflow-runtime/command';
import { ObjectionDto } from '../dto/case-commands.dto';
import { requireScoresWithinScale, scoreProblem } from '../scores';

/** p.98: within five working days of receiving the results, the body objects with supporting documents. */
export const objection = caseCommand<ObjectionDto>({
  action: 'case.objection',
  route: {
    path: 'cases/:id/objection',
    tag: 'cases',
    summary: 'p.98: object within five working days, with disputed items and supporting documents',
    example: {
      items: [
        {
          indicatorCode: 'HR-1',
          claimedScore: 5,
          argument: 'Кадрлық резерв деректері ескерілмеген / Не учтены данные кадрового резерва',
        },
      ],
      documents: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    },
  },
  dto: ObjectionDto,
  event: 'OBJECTION.FILE',
  term: 'objection',
  async prepare(ctx, dto) {
    const { stream } = ctx;
    const context = stream.snapshot.context;
    const conclusion = await ctx.services.conclusions.latest(ctx.m, stream.row.id, context.conclusionVersion);
    const known = new Set(conclusion.items.map((i) => i.code));
    const unknownAt = dto.items.findIndex((i) => !known.has(i.indicatorCode));
    if (unknownAt >= 0)
      throw DomainError.field(`items[${unknownAt}].indicatorCode`, 'reasons.notIndicatorOfConclusion');
    const codes = dto.items.map((i) => i.indicatorCode);
    const dup = codes.findIndex((code, i) => codes.indexOf(code) !== i);
    if (dup >= 0) throw DomainError.field(`items[${dup}].indicatorCode`, 'reasons.disputedOnce');
    // p.104: a claimed score lies on the indicator's scale.
    requireScoresWithinScale(
      dto.items.map((i, n) =>
        i.claimedScore === undefined
          ? null
          : scoreProblem(
              conclusion.items.find((x) => x.code === i.indicatorCode)!,
              i.claimedScore,
              `items[${n}].claimedScore`,
              'p.104',
            ),
      ),
      'p.104',
    );
    if (dto.documents.length > stream.rules.maxDocumentsPerObjection) {
      throw DomainError.field('documents', 'reasons.atMostDocuments', { max: stream.rules.maxDocumentsPerObjection });
    }
    const docs = await ctx.services.documents.requireOwn(dto.documents, sideOf(ctx.actor), ctx.m);
    const table = await ctx.deadline(ctx.at, { workingDays: stream.rules.tableWorkingDays });
    // p.106 (workflow v2): D3 starts here unless the rule set starts it with the submission of the table.
    const resultHere = stream.row.workflowVersion < 2 || stream.rules.resultTermStartsAt === 'objectionReceipt';
    const result = resultHere
      ? await ctx.deadline(ctx.at, { calendarDays: stream.rules.resultCalendarDays })
      : undefined;
    return {
      event: {
        type: 'OBJECTION.FILE',
        at: ctx.at,
        items: dto.items.map((i) => ({
          indicatorCode: i.indicatorCode,
          argument: i.argument,
          ...(i.claimedScore !== undefined ? { claimedScore: i.claimedScore } : {}),
        })),
        documents: docs.map((d) => ({ name: d.originalName, sha256: d.sha256 })),
        deadlines: { table: table.deadline, ...(result ? { result: result.deadline } : {}) },
      },
      // p.100: whoever evaluated the objecting body leaves the commission (the machine's `commission.objection`).
      prepared: { terms: { table, ...(result ? { result } : {}) }, evaluators: conclusion.evaluators },
    };
  },
  probe: ({ at, stream }) => ({
    type: 'OBJECTION.FILE',
    at,
    items: [{ indicatorCode: 'probe', argument: 'probe' }],
    documents: [{ name: 'probe', sha256: '0'.repeat(64) }],
    deadlines:
      stream.row.workflowVersion >= 2 && stream.snapshot.context.settings?.resultTermStartsAt === 'tableSubmission'
        ? { table: at }
        : { table: at, result: at },
  }),
});
