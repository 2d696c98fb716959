import { DateTime } from 'luxon';
import { KZ_ZONE } from '../../calendar/calendar-rules';
import { openCase } from '../../cases/commands/open-case.command';
import type { CreateConclusionDto } from '../../cases/dto/case-commands.dto';
import type { Direction } from '../../reference/routing';
import { IndicatorCatalogueService } from '../../reference/indicator-catalogue.service';
import { ReferenceService } from '../../reference/reference.service';
import { evaluatingAuthorityOf } from '../../reference/routing';
import {
  type CaseForm,
  type CaseFormContext,
  type FormFields,
  type FormRead,
  type OpeningForm,
  numberField,
  personOf,
  personToken,
} from '../command-forms';
import { scoreWithinScale, type Scale } from '../../reference/acts';
import { correction } from '../../cases/commands/correction.command';
import { escalationOutcome } from '../../cases/commands/escalation-outcome.command';
import { escalation } from '../../cases/commands/escalation.command';
import { objection } from '../../cases/commands/objection.command';
import { signature } from '../../cases/commands/signature.command';
import type {
  CorrectionDto,
  EscalationDto,
  EscalationOutcomeDto,
  ObjectionDto,
  SignatureDto,
} from '../../cases/dto/case-commands.dto';
import { dispatch } from '../../cases/commands/dispatch.command';
import { noObjection } from '../../cases/commands/no-objection.command';
import { withdrawal } from '../../cases/commands/withdrawal.command';
import type { NoteDto } from '../../cases/dto/case-commands.dto';

/** A note typed into a form: absent when left blank. */
const note = (text: string) => (text ? { note: text } : {});

/** p.99: the body notifies that it has no objection (a button with a confirmation and an optional note). */
const noObjectionForm: CaseForm<NoteDto> = {
  kind: 'case',
  name: 'no-objection',
  command: noObjection,
  view: 'form-note',
  title: 'commandForms.noObjection.title',
  submit: 'commandForms.noObjection.submit',
  confirm: true,
  read: (fields) => ({ dto: note(fields.one('note')), values: { note: fields.one('note') } }),
  model: ({ words }) => ({
    explanation: words.t('commandForms.noObjection.explanation'),
    noteLabel: words.t('commandForms.noteOptional'),
  }),
  hints: ({ stream, words }) => ({ date: words.dateTime(stream.snapshot.context.deadlines.objection) }),
};

/** Our addition (SPEC §4): the body withdraws its objection until the commission decides. */
const withdrawalForm: CaseForm<NoteDto> = {
  kind: 'case',
  name: 'withdrawal',
  command: withdrawal,
  view: 'form-note',
  title: 'commandForms.withdrawal.title',
  submit: 'commandForms.withdrawal.submit',
  confirm: true,
  read: (fields) => ({ dto: note(fields.one('note')), values: { note: fields.one('note') } }),
  model: ({ words }) => ({
    explanation: words.t('commandForms.withdrawal.explanation'),
    noteLabel: words.t('commandForms.noteOptional'),
    danger: true,
  }),
};

/** p.106: the authority sends the results to the working body and the evaluated body. */
const dispatchForm: CaseForm<NoteDto> = {
  kind: 'case',
  name: 'dispatch',
  command: dispatch,
  view: 'form-note',
  title: 'commandForms.dispatch.title',
  submit: 'commandForms.dispatch.submit',
  confirm: true,
  read: (fields) => ({ dto: note(fields.one('note')), values: { note: fields.one('note') } }),
  model: ({ words }) => ({
    explanation: words.t('commandForms.dispatch.explanation'),
    noteLabel: words.t('commandForms.noteOptional'),
  }),
  hints: ({ stream, words }) => ({ date: words.dateTime(stream.snapshot.context.deadlines.result) }),
};

type Item = CaseFormContext['conclusion']['items'][number];

/** An indicator's scale in words: «0…5» or «+1, +2, +3». */
function scaleWords(item: Item): string {
  const scale: Scale = item.scale ?? { max: item.maxScore };
  return 'max' in scale ? `0…${scale.max}` : scale.values.map((v) => (v > 0 ? `+${v}` : String(v))).join(', ');
}

function onScale(item: Item, score: number): boolean {
  return item.scale ? scoreWithinScale({ scale: item.scale }, score) : score >= 0 && score <= item.maxScore;
}

/** The conclusion's indicators as the forms show them. */
function indicators(ctx: CaseFormContext) {
  return ctx.conclusion.items.map((item, k) => ({
    k: String(k),
    code: item.code,
    title: item.title,
    score: item.score,
    scale: scaleWords(item),
  }));
}

/** A score typed for an item, checked against its scale before the command is asked (the command checks again). */
function score(
  fields: FormFields,
  field: string,
  item: Item,
  problems: NonNullable<FormRead['problems']>,
  required: boolean,
): number | string | undefined {
  const value = numberField(fields.one(field));
  if (value === undefined) {
    if (required) problems.push({ field, key: 'forms.rules.required' });
    return undefined;
  }
  if (typeof value === 'number' && !onScale(item, value))
    problems.push({ field, key: 'commandForms.offScale', params: { scale: scaleWords(item) } });
  return value;
}

/** p.98: the body objects — the disputed indicators, the score it claims and its argument for each, its documents. */
const objectionForm: CaseForm<ObjectionDto> = {
  kind: 'case',
  name: 'objection',
  command: objection,
  view: 'form-objection',
  title: 'commandForms.objection.title',
  submit: 'commandForms.objection.submit',
  documents: true,
  read(fields, ctx, uploaded) {
    const problems: NonNullable<FormRead['problems']> = [];
    const items = ctx.conclusion.items;
    const chosen = [...new Set(fields.all('disputed'))].filter((k) => /^\d{1,3}$/.test(k) && Number(k) < items.length);
    if (chosen.length === 0) problems.push({ field: 'disputed', key: 'commandForms.objection.chooseItem' });
    if (uploaded.length === 0) problems.push({ field: 'documents', key: 'commandForms.refusals.documentsRequired' });
    const dtoItems = chosen.map((k) => {
      const item = items[Number(k)];
      const claimed = score(fields, `item-${k}-claimed`, item, problems, false);
      return {
        indicatorCode: item.code,
        argument: fields.one(`item-${k}-argument`),
        ...(claimed !== undefined ? { claimedScore: claimed } : {}),
      };
    });
    const values: Record<string, unknown> = { chosen };
    items.forEach((_, k) => {
      values[`item-${k}-claimed`] = fields.one(`item-${k}-claimed`);
      values[`item-${k}-argument`] = fields.one(`item-${k}-argument`);
    });
    return { dto: { items: dtoItems, documents: uploaded.map((d) => d.sha256) }, values, problems };
  },
  model: (ctx) => ({ indicators: indicators(ctx), maxDocuments: ctx.stream.rules.maxDocumentsPerObjection }),
  fieldOf(path, read) {
    const m = /^items\[(\d+)\]\.(claimedScore|argument|indicatorCode)$/.exec(path);
    const chosen = (read.values.chosen as string[] | undefined) ?? [];
    if (m)
      return m[2] === 'indicatorCode'
        ? 'disputed'
        : `item-${chosen[Number(m[1])]}-${m[2] === 'claimedScore' ? 'claimed' : 'argument'}`;
    if (path.startsWith('items')) return 'disputed';
    if (path.startsWith('documents')) return 'documents';
    return 'form-refusal';
  },
  hints: ({ stream, words }) => ({ date: words.dateTime(stream.snapshot.context.deadlines.objection) }),
};

/**
 * p.105: the table is signed — by the body's representative (or refused, with a reason), and by the chair of the
 * commission (who completes it alone once the representative's term ran out). One command, one form for both.
 */
const signatureForm: CaseForm<SignatureDto> = {
  kind: 'case',
  name: 'signature',
  command: signature,
  view: 'form-signature',
  title: 'commandForms.signature.title',
  submit: 'commandForms.signature.submit',
  read(fields, ctx) {
    const problems: NonNullable<FormRead['problems']> = [];
    const answer = fields.one('answer');
    const reason = fields.one('refusalReason');
    if (ctx.account.role === 'agencyRepresentative') {
      if (answer !== 'sign' && answer !== 'refuse') problems.push({ field: 'answer', key: 'forms.rules.choose' });
      return {
        dto: answer === 'refuse' ? { refusalReason: reason } : {},
        values: { answer, refusalReason: reason },
        problems,
      };
    }
    return { dto: answer === 'complete' ? { completeWithoutRepresentative: true } : {}, values: { answer }, problems };
  },
  model(ctx) {
    const s = ctx.stream.snapshot.context.signatures;
    const representative = ctx.account.role === 'agencyRepresentative';
    return {
      representative,
      completes: !representative && s.chair !== undefined,
      tableHref: `/case/${ctx.stream.row.id}#table`,
      pdfHref: `/case/${ctx.stream.row.id}/table.pdf`,
    };
  },
  fieldOf: (path) =>
    path === 'refusalReason' ? 'refusalReason' : path === 'completeWithoutRepresentative' ? 'answer' : 'form-refusal',
  hints: ({ stream, words }) => ({
    date: words.dateTime((stream.snapshot.context.deadlines as { signature?: string }).signature),
  }),
};

/** p.108: the body appeals to the Presidential Administration, with its reason and documents. */
const escalationForm: CaseForm<EscalationDto> = {
  kind: 'case',
  name: 'escalation',
  command: escalation,
  view: 'form-escalation',
  title: 'commandForms.escalation.title',
  submit: 'commandForms.escalation.submit',
  documents: true,
  read: (fields, _ctx, uploaded) => ({
    dto: { reason: fields.one('reason'), ...(uploaded.length ? { documents: uploaded.map((d) => d.sha256) } : {}) },
    values: { reason: fields.one('reason') },
  }),
  fieldOf: (path) => (path.startsWith('documents') ? 'documents' : path === 'reason' ? 'reason' : 'form-refusal'),
  hints: ({ stream, words }) => ({ date: words.dateTime(stream.snapshot.context.deadlines.escalation) }),
};

/** p.108: the Presidential Administration records the outcome: upheld, or revised with new scores on their scales. */
const escalationOutcomeForm: CaseForm<EscalationOutcomeDto> = {
  kind: 'case',
  name: 'escalation-outcome',
  command: escalationOutcome,
  view: 'form-escalation-outcome',
  title: 'commandForms.outcome.title',
  submit: 'commandForms.outcome.submit',
  read(fields, ctx) {
    const problems: NonNullable<FormRead['problems']> = [];
    const outcome = fields.one('outcome');
    const values: Record<string, unknown> = { outcome, note: fields.one('note'), changed: [] as string[] };
    const scores: Array<{ code: string; score: number | string }> = [];
    ctx.conclusion.items.forEach((item, k) => {
      values[`score-${k}`] = fields.one(`score-${k}`);
      if (outcome !== 'revised') return;
      const value = score(fields, `score-${k}`, item, problems, false);
      if (value !== undefined && value !== item.score) {
        scores.push({ code: item.code, score: value });
        (values.changed as string[]).push(String(k));
      }
    });
    if (outcome === 'revised' && scores.length === 0 && !problems.length)
      problems.push({ field: 'score-0', key: 'commandForms.outcome.giveScores' });
    return {
      dto: { outcome, note: fields.one('note'), ...(outcome === 'revised' ? { scores } : {}) },
      values,
      problems,
    };
  },
  model: (ctx) => ({ indicators: indicators(ctx), escalation: ctx.stream.snapshot.context.escalation ?? null }),
  fieldOf(path, read) {
    const m = /^scores\[(\d+)\]/.exec(path);
    if (m) return `score-${(read.values.changed as string[])[Number(m[1])] ?? 0}`;
    return path === 'outcome' || path === 'note' ? path : path === 'scores' ? 'score-0' : 'form-refusal';
  },
};

/** p.107: the corrected conclusion — a preview of what changes (the agreed rows' revised scores) before issuing it. */
const correctionForm: CaseForm<CorrectionDto> = {
  kind: 'case',
  name: 'correction',
  command: correction,
  view: 'form-correction',
  title: 'commandForms.correction.title',
  submit: 'commandForms.correction.submit',
  read: (fields) => ({
    dto: fields.one('reason') ? { reason: fields.one('reason') } : {},
    values: { reason: fields.one('reason') },
  }),
  model(ctx) {
    const revised = new Map(
      ctx.stream.snapshot.context.rows
        .filter((r) => r.decision === 'agree' && r.revisedScore !== undefined)
        .map((r) => [r.indicatorCode, r.revisedScore!]),
    );
    return {
      newVersion: ctx.conclusion.version + 1,
      changes: ctx.conclusion.items.map((i) => ({
        code: i.code,
        title: i.title,
        from: i.score,
        to: revised.get(i.code) ?? i.score,
        changed: revised.has(i.code) && revised.get(i.code) !== i.score,
      })),
    };
  },
};

export const CASE_SIDE_FORMS = [
  objectionForm,
  noObjectionForm,
  withdrawalForm,
  signatureForm,
  dispatchForm,
  correctionForm,
  escalationForm,
  escalationOutcomeForm,
] as CaseForm[];

/**
 * p.91–p.97: the authority issues a conclusion — the body and direction it evaluates (a pair the law gives this
 * authority), the cycle, the indicators of the catalogue in force with their scores, the evaluators picked from the
 * people directory (by token, never by IIN), and the delivery (now, or earlier with its record: p.98).
 */
export function openingForm(services: {
  reference: ReferenceService;
  catalogues: IndicatorCatalogueService;
}): OpeningForm<CreateConclusionDto> {
  const pairs = async (account: { authorityCode: string | null }) => {
    const roles = await services.reference.authorityRoles();
    const bodies = await services.reference.listBodies();
    const out: Array<{ body: (typeof bodies)[number]; direction: Direction }> = [];
    for (const body of bodies) {
      if (body.kind === 'workingBody') continue;
      for (const direction of ['personnel', 'it'] as Direction[]) {
        if (evaluatingAuthorityOf(direction, body.code, roles) === account.authorityCode) out.push({ body, direction });
      }
    }
    return out;
  };
  const catalogueOf = async (direction: Direction, now: string) => {
    try {
      return await services.catalogues.catalogueInForceAt(direction, now);
    } catch {
      return null;
    }
  };
  const evaluatorsOf = async (account: { authorityCode: string | null }) => {
    const people = await services.reference.listPeople();
    const own = people.filter((p) => p.bodyCode === account.authorityCode);
    return own.length ? own : people;
  };
  return {
    kind: 'open',
    name: 'conclusion',
    command: openCase,
    view: 'form-conclusion',
    title: 'commandForms.conclusion.title',
    submit: 'commandForms.conclusion.submit',
    async model({ account, words, now }) {
      const list = await pairs(account);
      const directions = [...new Set(list.map((p) => p.direction))];
      const catalogues = [];
      for (const direction of directions) {
        const catalogue = await catalogueOf(direction, now);
        catalogues.push({
          direction,
          title: words.direction(direction),
          code: catalogue?.code ?? null,
          indicators: (catalogue?.indicators ?? []).map((i, k) => ({
            k: String(k),
            code: i.code,
            title: i.title[words.lang] ?? i.title.kk,
            scale: scaleWords({
              code: i.code,
              title: '',
              score: 0,
              maxScore: 'max' in i.scale ? i.scale.max : Math.max(...i.scale.values),
              scale: i.scale,
            }),
          })),
        });
      }
      const cycles = (await services.reference.listCycles()).sort((a, b) => b.code.localeCompare(a.code));
      return {
        targets: list.map((p) => ({
          value: `${p.body.code}|${p.direction}`,
          text: `${p.body.code} — ${words.bodyName(p.body)} · ${words.direction(p.direction)}`,
        })),
        catalogues,
        cycles: cycles.map((c) => ({ value: c.code, text: `${c.code} — ${c.title}` })),
        people: (await evaluatorsOf(account)).map((p) => ({
          value: personToken(p.iin),
          text: p.fullName,
          hint: p.position ?? undefined,
        })),
      };
    },
    async read(fields, { account, now }) {
      const problems: NonNullable<FormRead['problems']> = [];
      const [bodyCode = '', direction = ''] = fields.one('target').split('|');
      const values: Record<string, unknown> = {
        target: fields.one('target'),
        cycle: fields.one('cycle'),
        evaluators: fields.all('evaluators'),
        deliveredAt: fields.one('deliveredAt'),
        deliveryReference: fields.one('deliveryReference'),
        scored: [] as string[],
      };
      if (!bodyCode) problems.push({ field: 'target', key: 'forms.rules.choose' });
      const items: Array<{ code: string; score: number | string }> = [];
      const catalogue = direction === 'personnel' || direction === 'it' ? await catalogueOf(direction, now) : null;
      (catalogue?.indicators ?? []).forEach((indicator, k) => {
        const field = `score-${direction}-${k}`;
        values[field] = fields.one(field);
        const item = {
          code: indicator.code,
          title: '',
          score: 0,
          maxScore: 'max' in indicator.scale ? indicator.scale.max : Math.max(...indicator.scale.values),
          scale: indicator.scale,
        };
        const value = score(fields, field, item, problems, false);
        if (value !== undefined) {
          items.push({ code: indicator.code, score: value });
          (values.scored as string[]).push(field);
        }
      });
      for (const d of ['personnel', 'it'])
        for (let k = 0; k < 200; k++)
          if (fields.one(`score-${d}-${k}`) && d !== direction)
            values[`score-${d}-${k}`] = fields.one(`score-${d}-${k}`);
      if (bodyCode && items.length === 0 && !problems.length)
        problems.push({ field: 'items', key: 'commandForms.conclusion.scoreOne' });
      const people = await evaluatorsOf(account);
      const evaluators = fields.all('evaluators').map((token) =>
        personOf(
          token,
          people.map((p) => p.iin),
        ),
      );
      if (evaluators.some((e) => e === undefined)) problems.push({ field: 'evaluators', key: 'forms.rules.choose' });
      let deliveredAt: string | undefined;
      if (fields.one('deliveredAt')) {
        const local = DateTime.fromISO(fields.one('deliveredAt'), { zone: KZ_ZONE });
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(fields.one('deliveredAt')) || !local.isValid)
          problems.push({ field: 'deliveredAt', key: 'commandForms.conclusion.dateTime' });
        else deliveredAt = local.toISO()!;
      }
      const reference = fields.one('deliveryReference');
      return {
        dto: {
          bodyCode,
          direction,
          cycle: fields.one('cycle'),
          items,
          evaluators: evaluators.filter((e): e is string => e !== undefined),
          ...(deliveredAt ? { deliveredAt } : {}),
          ...(reference ? { deliveryRecord: { reference } } : {}),
        },
        values,
        problems,
      };
    },
    fieldOf(path, read) {
      const m = /^items\[(\d+)\]/.exec(path);
      if (m) return (read.values.scored as string[])[Number(m[1])] ?? 'items';
      if (path === 'bodyCode' || path === 'direction') return 'target';
      if (path.startsWith('deliveryRecord')) return 'deliveryReference';
      if (path.startsWith('evaluators')) return 'evaluators';
      return ['cycle', 'deliveredAt', 'items'].includes(path) ? path : 'form-refusal';
    },
  };
}
