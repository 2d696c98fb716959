import { appealInstance, finalTransmission } from '../../../workflows';
import { localDateOf } from '../../calendar/calendar-rules';
import { sideOf } from '../../documents/documents.service';
import { DomainError, type InvalidParam, invalidParam } from '../../common/domain-error';
import { pinnedRulesHash } from '../../reference/acts';
import type { ConclusionItem, OpenCase } from '../../workflow-runtime/command';
import { CreateConclusionDto } from '../dto/case-commands.dto';
import { scoreProblem } from '../scores';

/**
 * p.91–p.97: the evaluating authority issues a conclusion (appendix 12 or 15) and hands it to the body; the appeal
 * case opens with the objection term D1 (p.98/p.99: five working days from receipt). Issue 13: the conclusion cites
 * the indicators of the catalogue version in force on the delivery date, each score on its scale; the case is pinned
 * to that catalogue and to the rule set in force, hashed into its first event; a delivery earlier than its recording
 * is accepted only within the rule set's window and with a delivery record (p.98).
 */
export const openCase: OpenCase<CreateConclusionDto> = {
  kind: 'case-open',
  action: 'case.open',
  route: {
    path: 'conclusions',
    tag: 'cases',
    example: {
      bodyCode: 'MZ',
      direction: 'personnel',
      cycle: '2025',
      items: [{ code: 'HR-1', score: 3 }],
      evaluators: ['810211301004'],
    },
    summary: 'Issue a conclusion (appendix 12 or 15): starts the appeal case and the objection term D1 (p.98)',
  },
  dto: CreateConclusionDto,
  async open(ctx, dto) {
    const { reference, ids, catalogues, documents } = ctx.services;
    const body = await reference.body(dto.bodyCode, 'bodyCode', ctx.m);
    if (body.kind === 'workingBody') throw DomainError.field('bodyCode', 'reasons.workingBodyNotEvaluated');
    await reference.cycle(dto.cycle);
    const authority = await reference.evaluatingAuthority(dto.direction, dto.bodyCode);
    const deliveredAt = dto.deliveredAt ?? ctx.at;
    if (Date.parse(deliveredAt) > Date.parse(ctx.at)) {
      throw DomainError.field('deliveredAt', 'reasons.deliveredInFuture');
    }
    const codes = dto.items.map((i) => i.code);
    const dup = codes.findIndex((c, i) => codes.indexOf(c) !== i);
    if (dup >= 0) throw DomainError.field(`items[${dup}].code`, 'reasons.indicatorOnce');
    await reference.people(dto.evaluators, 'evaluators', ctx.m);
    const ruleSet = await reference.ruleSetInForce(localDateOf(deliveredAt));
    const rules = ruleSet.rules;

    // p.98: the body's five working days run from the delivery; an earlier delivery time needs its record, and only so far back.
    const backdated = Date.parse(deliveredAt) < Date.parse(ctx.at);
    let deliveryDocument: { name: string; sha256: string } | undefined;
    if (backdated) {
      const window = rules.deliveryBackdatingWorkingDays;
      const latest = window > 0 ? (await ctx.deadline(deliveredAt, { workingDays: window })).deadline : deliveredAt;
      if (Date.parse(ctx.at) > Date.parse(latest)) {
        throw DomainError.validation(
          [invalidParam('deliveredAt', 'reasons.deliveryRecordedLate', { days: window, until: { at: latest } })],
          undefined,
          { law: 'p.98' },
        );
      }
      if (!dto.deliveryRecord || (!dto.deliveryRecord.reference && !dto.deliveryRecord.document)) {
        throw DomainError.validation([invalidParam('deliveryRecord', 'reasons.deliveryRecordNeeded')], undefined, {
          law: 'p.98',
        });
      }
      if (dto.deliveryRecord.document) {
        const [doc] = await documents.requireOwn([dto.deliveryRecord.document], sideOf(ctx.actor), ctx.m).catch(() => {
          throw DomainError.field('deliveryRecord.document', 'reasons.notOwnDocument');
        });
        deliveryDocument = { name: doc.originalName, sha256: doc.sha256 };
      }
    }

    // p.104: the conclusion cites the indicators of the catalogue version in force on the delivery date, on their scales.
    const catalogue = await catalogues.catalogueInForce(dto.direction, localDateOf(deliveredAt), 'deliveredAt');
    const problems: InvalidParam[] = [];
    const items: ConclusionItem[] = dto.items.map((item, i) => {
      const indicator = catalogue.indicators.find((x) => x.code === item.code);
      if (!indicator) {
        problems.push({
          name: `items[${i}].code`,
          reason: `not an indicator of the ${dto.direction} catalogue ${catalogue.code} in force on ${localDateOf(deliveredAt)} (${catalogue.indicators.map((x) => x.code).join(', ')})`,
        });
        return null as never;
      }
      const maxScore = 'max' in indicator.scale ? indicator.scale.max : Math.max(...indicator.scale.values);
      const titles = [
        indicator.title.kk,
        indicator.title.ru,
        indicator.title.en,
        `${indicator.title.kk} / ${indicator.title.ru}`,
      ];
      if (item.title !== undefined && !titles.includes(item.title)) {
        problems.push({
          name: `items[${i}].title`,
          reason: `the catalogue ${catalogue.code} titles ${item.code} "${indicator.title.kk} / ${indicator.title.ru}"`,
        });
      }
      if (item.maxScore !== undefined && item.maxScore !== maxScore) {
        problems.push({
          name: `items[${i}].maxScore`,
          reason: `the catalogue ${catalogue.code} gives ${item.code} a maximum of ${maxScore}`,
        });
      }
      const off = scoreProblem(
        { code: item.code, title: '', score: item.score, maxScore, scale: indicator.scale },
        item.score,
        `items[${i}].score`,
        'p.104',
      );
      if (off) problems.push(off);
      return {
        code: item.code,
        title: `${indicator.title.kk} / ${indicator.title.ru}`,
        score: item.score,
        maxScore,
        scale: indicator.scale,
      };
    });
    if (problems.length)
      throw new DomainError('validation-failed', problems.map((p) => `${p.name}: ${p.reason}`).join('; '), {
        invalidParams: problems,
        law: 'p.104',
      });

    const d1 = await ctx.deadline(deliveredAt, { workingDays: rules.objectionWorkingDays });
    const existing = await ctx.m.query<{ id: string }[]>(
      ctx.m.connection.options.type === 'postgres'
        ? 'SELECT id FROM cases WHERE body_code = $1 AND direction = $2 AND cycle_code = $3'
        : 'SELECT id FROM cases WHERE body_code = ? AND direction = ? AND cycle_code = ?',
      [dto.bodyCode, dto.direction, dto.cycle],
    );
    if (existing.length) {
      throw DomainError.validation([
        invalidParam('bodyCode', 'reasons.conclusionExists', {
          body: dto.bodyCode,
          direction: dto.direction,
          cycle: dto.cycle,
          id: String(existing[0].id),
        }),
      ]);
    }
    // p.92/p.94/p.96: where the final conclusion goes; p.108/p.91: to whom the body may appeal.
    const roles = await reference.authorityRoles();
    if (
      !roles.informatization ||
      !roles.presidentialAdministration ||
      !roles.civilService ||
      !roles.primeMinisterOffice
    ) {
      throw DomainError.field('direction', 'reasons.institutionsRegistered');
    }
    const full = {
      civilService: roles.civilService,
      informatization: roles.informatization,
      presidentialAdministration: roles.presidentialAdministration,
      primeMinisterOffice: roles.primeMinisterOffice,
    };
    const id = ids.uuid();
    return {
      facts: { bodyCode: dto.bodyCode, authorityCode: authority },
      id,
      input: {
        caseId: id,
        direction: dto.direction,
        bodyCode: dto.bodyCode,
        authority,
        issuedAt: deliveredAt,
        deadlines: { objection: d1.deadline },
        settings: {
          resultTermStartsAt: rules.resultTermStartsAt,
          escalationTermStartsAt: rules.escalationTermStartsAt,
        },
        catalogue: { id: catalogue.id, code: catalogue.code },
        delivery: {
          recordedAt: ctx.at,
          ...(dto.deliveryRecord?.reference ? { reference: dto.deliveryRecord.reference } : {}),
          ...(deliveryDocument ? { document: deliveryDocument } : {}),
        },
        transmission: finalTransmission(dto.direction, dto.bodyCode, full),
        appealTo: appealInstance(dto.direction, dto.bodyCode, full),
      },
      cycle: dto.cycle,
      ruleSet: { id: ruleSet.id, code: ruleSet.code },
      calendarVersion: d1.calendarVersion,
      conclusion: { items, evaluators: dto.evaluators },
      businessTime: deliveredAt,
      prepared: { terms: { objection: d1 } },
      pinned: {
        catalogue: { id: catalogue.id, code: catalogue.code },
        pinnedRulesHash: pinnedRulesHash(ruleSet, catalogue),
      },
    };
  },
};
