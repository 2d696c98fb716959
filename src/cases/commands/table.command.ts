import { DomainError } from '../../common/domain-error';
import { caseCommand } from '../../workflow-runtime/command';
import { TableDto } from '../dto/case-commands.dto';

/**
 * p.102: within five working days of receiving the objection the authority forms the disagreement table
 * (appendix 18): one row per disputed item, with the authority's position. Repeatable while it is prepared.
 */
export const table = caseCommand<TableDto>({
  action: 'case.table',
  route: {
    path: 'cases/:id/table',
    tag: 'cases',
    summary: "p.102: build the disagreement table from the disputed items and the authority's position",
    example: {
      rows: [{ indicatorCode: 'HR-1', authorityPosition: 'Бағалау деректері расталған / Данные оценки подтверждены' }],
    },
  },
  dto: TableDto,
  event: 'TABLE.DRAFT',
  term: 'table',
  async prepare(ctx, dto) {
    const context = ctx.stream.snapshot.context;
    const conclusion = await ctx.services.conclusions.latest(ctx.m, ctx.stream.row.id, context.conclusionVersion);
    const positions = new Map<string, string>();
    dto.rows.forEach((r, i) => {
      if (!context.disputedItems.some((d) => d.indicatorCode === r.indicatorCode)) {
        throw DomainError.field(`rows[${i}].indicatorCode`, 'reasons.notDisputed');
      }
      if (positions.has(r.indicatorCode))
        throw DomainError.field(`rows[${i}].indicatorCode`, 'reasons.onePositionPerItem');
      positions.set(r.indicatorCode, r.authorityPosition);
    });
    const missing = context.disputedItems.filter((d) => !positions.has(d.indicatorCode));
    if (missing.length) {
      throw DomainError.field('rows', 'reasons.positionOnEveryItem', {
        missing: missing.map((d) => d.indicatorCode).join(', '),
      });
    }
    const rows = context.disputedItems.map((d, i) => {
      const item = conclusion.items.find((x) => x.code === d.indicatorCode);
      return {
        n: i + 1,
        indicatorCode: d.indicatorCode,
        ...(item ? { title: item.title, authorityScore: item.score } : {}),
        ...(d.claimedScore !== undefined ? { claimedScore: d.claimedScore } : {}),
        argument: d.argument,
        authorityPosition: positions.get(d.indicatorCode)!,
      };
    });
    return { event: { type: 'TABLE.DRAFT', at: ctx.at, rows } };
  },
  probe: ({ at }) => ({
    type: 'TABLE.DRAFT',
    at,
    rows: [{ n: 1, indicatorCode: 'probe', authorityPosition: 'probe' }],
  }),
});
