import { isConstituted } from '../../../workflows';
import { rowDecision } from '../../cases/commands/row-decision.command';
import { tableSubmission } from '../../cases/commands/table-submission.command';
import { table } from '../../cases/commands/table.command';
import type { MessageParams } from '../../i18n/catalogue';
import type { CaseForm, CaseFormContext, FormFields, FormRead } from '../command-forms';
import { numberField } from '../command-forms';

/**
 * The commission's steps on a case (issue 15): the disagreement table (p.102), its submission to the constituted
 * commission (p.102),
 * and each row's decision with the vote of a meeting (p.104).
 * They run on the shared command-form path (src/web/command-forms.ts) at /case/:id/forms/:name.
 */

/** The meetings whose attendance is recorded (a decision cites one, p.103/p.104), newest first. */
function meetingsOf(ctx: CaseFormContext) {
  const commission = ctx.stream.commission;
  if (!commission) return [];
  const members = commission.snapshot.context.members.length;
  return commission.snapshot.context.meetings
    .filter((mt) => mt.present !== undefined)
    .map((mt) => ({
      id: mt.id,
      scheduledFor: mt.scheduledFor,
      present: mt.present!.length,
      members,
      presentIins: mt.present!,
    }))
    .sort((a, b) => Date.parse(b.scheduledFor) - Date.parse(a.scheduledFor));
}

/** The row a decision form is for: the one asked for (`n`) if still undecided, else the first undecided one. */
function rowOf(ctx: CaseFormContext, asked?: string) {
  const rows = ctx.stream.snapshot.context.rows;
  const wanted =
    asked && /^\d{1,4}$/.test(asked) ? rows.find((r) => r.n === Number(asked) && r.decision === undefined) : undefined;
  return wanted ?? rows.find((r) => r.decision === undefined) ?? null;
}

/** p.102: the authority's position on each disputed item (the rows are built from the objection). */
export const tableForm: CaseForm = {
  kind: 'case',
  name: 'table',
  command: table,
  view: 'commission-table',
  title: 'commissionForms.table.title',
  submit: 'commissionForms.table.submit',
  model(ctx) {
    const context = ctx.stream.snapshot.context;
    return {
      items: context.disputedItems.map((d, i) => {
        const item = ctx.conclusion.items.find((x) => x.code === d.indicatorCode);
        return {
          i,
          n: i + 1,
          indicator: `${d.indicatorCode} ${item?.title ?? ''}`.trim(),
          score: item ? `${item.score}${item.maxScore !== undefined ? ` / ${item.maxScore}` : ''}` : '—',
          claimed: d.claimedScore ?? '—',
          argument: d.argument,
          drafted: context.rows.find((r) => r.indicatorCode === d.indicatorCode)?.authorityPosition ?? '',
        };
      }),
    };
  },
  read(fields: FormFields, ctx: CaseFormContext): FormRead {
    const items = ctx.stream.snapshot.context.disputedItems;
    const rows = items.map((d, i) => ({
      indicatorCode: d.indicatorCode,
      authorityPosition: fields.one(`position-${i}`),
    }));
    return { dto: { rows }, values: Object.fromEntries(rows.map((r, i) => [`position-${i}`, r.authorityPosition])) };
  },
  fieldOf: (path) => {
    const m = /^rows\[(\d+)\]/.exec(path);
    return m ? `position-${m[1]}` : 'position-0';
  },
};

/** p.102: the table goes to the special commission — which must be constituted (p.100/p.101). */
export const tableSubmissionForm: CaseForm = {
  kind: 'case',
  name: 'table-submission',
  command: tableSubmission,
  view: 'commission-submission',
  title: 'commissionForms.submission.title',
  submit: 'commissionForms.submission.submit',
  confirm: true,
  model(ctx) {
    const commission = ctx.stream.commission;
    return {
      rowCount: ctx.stream.snapshot.context.rows.length,
      constituted: commission !== null && isConstituted(commission.snapshot),
      commissionHref: commission ? `/commission/${commission.row.id}` : null,
    };
  },
  read: () => ({ dto: {}, values: {} }),
};

/**
 * p.104: the commission's decision on one row — agree (the objection accepted, with the revised score) or disagree —
 * by the vote of a meeting whose attendance gives the quorum; the chair's vote decides a tie (SPEC §2 default).
 */
export const rowDecisionForm: CaseForm = {
  kind: 'case',
  name: 'row-decision',
  command: rowDecision,
  view: 'commission-decision',
  title: 'actions.case.row-decision',
  submit: 'commissionForms.decision.submit',
  model(ctx) {
    const row = rowOf(ctx, ctx.query?.n);
    const item = row ? ctx.conclusion.items.find((x) => x.code === row.indicatorCode) : undefined;
    return {
      row: row
        ? {
            n: row.n,
            indicator: `${row.indicatorCode} ${row.title ?? item?.title ?? ''}`.trim(),
            score: row.authorityScore ?? item?.score ?? '—',
            max: item?.maxScore ?? '—',
            claimed: row.claimedScore ?? '—',
            argument: row.argument ?? '',
            position: row.authorityPosition,
          }
        : null,
      meetings: meetingsOf(ctx).map((mt) => ({
        value: mt.id,
        text: ctx.words.t('commissionForms.decision.meetingOption', {
          time: ctx.words.dateTime(mt.scheduledFor),
          present: mt.present,
          members: mt.members,
        }),
      })),
    };
  },
  params: (fields, ctx) => ({ n: String(rowOf(ctx, fields.one('n'))?.n ?? fields.one('n')) }),
  read(fields: FormFields): FormRead {
    const decision = fields.one('decision');
    const chairVote = fields.one('chairVote');
    const revised = fields.one('revisedScore');
    const dto: Record<string, unknown> = {
      meetingId: fields.one('meetingId'),
      decision,
      rationale: fields.one('rationale'),
      votes: {
        for: numberField(fields.one('votes-for')),
        against: numberField(fields.one('votes-against')),
        abstained: numberField(fields.one('votes-abstained') || '0'),
      },
      ...(chairVote === 'for' || chairVote === 'against' ? { chairVote } : {}),
      // The revised score belongs to an accepted objection only (p.104); a value left in the hidden field is dropped.
      ...(decision === 'agree' && revised !== '' ? { revisedScore: numberField(revised) } : {}),
    };
    const values = Object.fromEntries(
      [
        'n',
        'meetingId',
        'decision',
        'rationale',
        'votes-for',
        'votes-against',
        'votes-abstained',
        'chairVote',
        'revisedScore',
      ].map((k) => [k, fields.one(k)]),
    );
    return { dto, values };
  },
  /** What a refusal names: the quorum in numbers (short by how many), the tie and its votes. */
  hints(ctx: CaseFormContext, dto: Record<string, unknown>): MessageParams {
    const meeting = meetingsOf(ctx).find((mt) => mt.id === dto.meetingId);
    const members = ctx.stream.commission?.snapshot.context.members ?? [];
    const secretary = members.find((m) => m.role === 'secretary');
    const secretaryOut =
      ctx.stream.row.workflowVersion >= 2 && !ctx.stream.rules.secretaryVotes && secretary !== undefined;
    const present = (meeting?.presentIins ?? []).filter((iin) => !(secretaryOut && iin === secretary.iin)).length;
    const counted = members.length - (secretaryOut ? 1 : 0);
    const needed = Math.floor(counted * ctx.stream.rules.quorumFraction) + 1;
    const votes = (dto.votes ?? {}) as Record<string, number>;
    return {
      present,
      members: counted,
      needed,
      short: Math.max(0, needed - present),
      count: Math.max(0, needed - present),
      for: votes.for ?? 0,
      against: votes.against ?? 0,
    };
  },
};

/** The chair signs (p.105) through the shared `signature` form of src/web/step-forms/case-side.ts (both signers). */
export const COMMISSION_CASE_FORMS: CaseForm[] = [tableForm, tableSubmissionForm, rowDecisionForm];
