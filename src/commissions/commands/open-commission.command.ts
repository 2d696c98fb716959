import { DateTime } from 'luxon';
import { KZ_ZONE, localDateOf } from '../../calendar/calendar-rules';
import { DomainError } from '../../common/domain-error';
import type { OpenCommission } from '../../workflow-runtime/command';
import { CreateCommissionDto } from '../dto/commission.dto';
import { text } from '../../i18n/text';

/**
 * The days a cycle's meetings may fall on: the evaluation of year Y is appealed during Y and the year after (the
 * results of a year are evaluated in the next), from 1 January of Y to 31 December of Y + 1, Astana time.
 */
export function cycleWindow(year: number): { from: string; until: string } {
  const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: KZ_ZONE });
  return { from: start.toISO()!, until: start.plus({ years: 2 }).minus({ milliseconds: 1 }).toISO()! };
}

/** p.100/p.101: the authority forms its special commission for a direction and a cycle (at least five people). */
export const openCommission: OpenCommission<CreateCommissionDto> = {
  kind: 'commission-open',
  action: 'commission.open',
  route: {
    path: 'commissions',
    tag: 'special commissions',
    summary: 'p.100/p.101: form the special commission of the caller’s authority for a direction and cycle',
    example: { direction: 'personnel', cycle: '2025' },
  },
  dto: CreateCommissionDto,
  async open(ctx, dto) {
    const authority = ctx.actor.authorityCode;
    if (!authority) throw new DomainError('forbidden', text('refusals.case.onlyAuthorityFormsCommission'));
    await ctx.services.reference.cycle(dto.cycle);
    const scope = { authorityCode: authority, direction: dto.direction, cycleCode: dto.cycle };
    const existing = await ctx.services.streams.commissionOfScope(ctx.m, scope);
    if (existing) {
      throw DomainError.field('direction', 'reasons.commissionExists', {
        authority,
        direction: dto.direction,
        cycle: dto.cycle,
        id: existing.row.id,
      });
    }
    // The rule set in force on the Astana date of the formation.
    const rules = (await ctx.services.reference.ruleSetInForce(localDateOf(ctx.at))).rules;
    const cycle = await ctx.services.reference.cycle(dto.cycle);
    const id = ctx.services.ids.uuid();
    return {
      facts: { authorityCode: authority },
      id,
      input: {
        commissionId: id,
        authority,
        direction: dto.direction,
        cycle: dto.cycle,
        minMembers: rules.minCommissionMembers,
        // p.103 (workflow v2): meetings lie within the cycle and not before the formation.
        cycleWindow: cycleWindow(cycle.year),
        formedAt: ctx.at,
      },
      objecting: await ctx.services.conclusions.objectingBodies(ctx.m, scope),
    };
  },
};
