import { DomainError } from '../../common/domain-error';
import { localDateOf } from '../../calendar/calendar-rules';
import type { OpenCase } from '../../workflow-runtime/command';
import { CreateConclusionDto } from '../dto/case-commands.dto';

/**
 * p.91–p.97: the evaluating authority issues a conclusion (appendix 12 or 15) and hands it to the body; the
 * appeal case opens with the objection term D1 (p.98/p.99: five working days from receipt).
 */
export const openCase: OpenCase<CreateConclusionDto> = {
  kind: 'case-open',
  action: 'case.open',
  route: {
    path: 'conclusions',
    tag: 'cases',
    summary: 'Issue a conclusion (appendix 12 or 15): starts the appeal case and the objection term D1 (p.98)',
  },
  dto: CreateConclusionDto,
  async open(ctx, dto) {
    const { reference, ids } = ctx.services;
    const body = await reference.body(dto.bodyCode, 'bodyCode', ctx.m);
    if (body.kind === 'workingBody') throw DomainError.validation([{ name: 'bodyCode', reason: 'the working body is not evaluated' }]);
    await reference.cycle(dto.cycle);
    const authority = await reference.evaluatingAuthority(dto.direction, dto.bodyCode);
    if (Date.parse(dto.deliveredAt) > Date.parse(ctx.at)) {
      throw DomainError.validation([{ name: 'deliveredAt', reason: 'may be in the past, never in the future (the server receipt time is the latest possible)' }]);
    }
    const codes = dto.items.map((i) => i.code);
    const dup = codes.findIndex((c, i) => codes.indexOf(c) !== i);
    if (dup >= 0) throw DomainError.validation([{ name: `items[${dup}].code`, reason: 'each indicator appears once' }]);
    const over = dto.items.findIndex((i) => i.score > i.maxScore);
    if (over >= 0) throw DomainError.validation([{ name: `items[${over}].score`, reason: 'may not exceed maxScore' }]);
    await reference.people(dto.evaluators, 'evaluators', ctx.m);
    const ruleSet = await reference.ruleSetInForce(localDateOf(dto.deliveredAt));
    const d1 = await ctx.deadline(dto.deliveredAt, { workingDays: ruleSet.rules.objectionWorkingDays });
    const existing = await ctx.m.query(
      ctx.m.connection.options.type === 'postgres'
        ? 'SELECT id FROM cases WHERE body_code = $1 AND direction = $2 AND cycle_code = $3'
        : 'SELECT id FROM cases WHERE body_code = ? AND direction = ? AND cycle_code = ?',
      [dto.bodyCode, dto.direction, dto.cycle],
    );
    if (existing.length) {
      throw DomainError.validation([
        { name: 'bodyCode', reason: `a conclusion for ${dto.bodyCode}, ${dto.direction}, ${dto.cycle} exists already (case ${existing[0].id}); correct it instead (p.107)` },
      ]);
    }
    const id = ids.uuid();
    return {
      facts: { bodyCode: dto.bodyCode, authorityCode: authority },
      id,
      input: { caseId: id, direction: dto.direction, bodyCode: dto.bodyCode, authority, issuedAt: dto.deliveredAt, deadlines: { objection: d1.deadline } },
      cycle: dto.cycle,
      ruleSet: { id: ruleSet.id, code: ruleSet.code },
      calendarVersion: d1.calendarVersion,
      conclusion: {
        items: dto.items.map((i) => ({ code: i.code, title: i.title, score: i.score, maxScore: i.maxScore })),
        evaluators: dto.evaluators,
      },
      businessTime: dto.deliveredAt,
      prepared: { terms: { objection: d1 } },
    };
  },
};
