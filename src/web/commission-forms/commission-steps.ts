import { DateTime } from 'luxon';
import { KZ_ZONE, localDateOf } from '../../calendar/calendar-rules';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { attendance } from '../../commissions/commands/attendance.command';
import { constitution } from '../../commissions/commands/constitution.command';
import { dissolution } from '../../commissions/commands/dissolution.command';
import { meeting } from '../../commissions/commands/meeting.command';
import { memberAdd } from '../../commissions/commands/member-add.command';
import { memberRemove } from '../../commissions/commands/member-remove.command';
import type { MessageKey } from '../../i18n/catalogue';
import type { CommissionCommand } from '../../workflow-runtime/command';
import type { LoadedCommission } from '../../workflow-runtime/streams';
import { FormFields, FormRead, personOf, personToken } from '../command-forms';
import { Candidate, CommissionFormsPresenter } from '../presenters/commission-forms.presenter';
import { Words } from '../presenters/words';

/** What a commission form knows when it is shown or posted. */
export interface CommissionFormContext {
  stream: LoadedCommission;
  account: AuthenticatedAccount;
  words: Words;
  now: string;
  /** The actions the person's allowedActions offer on the commission now. */
  offered: Set<string>;
  /** The query of the form's address (`?person=`, `?meeting=`). */
  query: Record<string, string>;
  presenter: CommissionFormsPresenter;
}

/** A form that runs a command on a special commission (served at /commission/:id/forms/:name). */
export interface CommissionStepForm {
  kind: 'commission';
  name: string;
  command: CommissionCommand<object>;
  view: string;
  title: MessageKey;
  submit: MessageKey;
  /** A step that is a button with a confirmation; `danger` paints it red (removal, dissolution). */
  confirm?: boolean;
  danger?: boolean;
  model?(ctx: CommissionFormContext): Promise<Record<string, unknown>> | Record<string, unknown>;
  read(fields: FormFields, ctx: CommissionFormContext): FormRead | Promise<FormRead>;
  /** The command's path parameters besides the commission's id (`iin`, `meetingId`). */
  params?(fields: FormFields, ctx: CommissionFormContext): Record<string, string>;
  fieldOf?(path: string): string;
  /** A refusal this form explains better than the shared words (whose conflict of interest): the text, or null. */
  explain?(
    type: string,
    rule: string | undefined,
    ctx: CommissionFormContext,
    dto: Record<string, unknown>,
  ): Promise<string | null> | string | null;
}

const lawOf = (ctx: CommissionFormContext) => (ctx.stream.row.direction === 'personnel' ? '100' : '101');

async function candidatesOf(ctx: CommissionFormContext): Promise<Candidate[]> {
  const { own, others } = await ctx.presenter.candidates(ctx.stream);
  return [...own, ...others];
}

/** p.100/p.101: a member joins, picked from the directory, with the conflict check shown beside each name. */
export const memberAddForm: CommissionStepForm = {
  kind: 'commission',
  name: 'member-add',
  command: memberAdd,
  view: 'commission-member',
  title: 'commissionForms.members.title',
  submit: 'commissionForms.members.submit',
  async model(ctx) {
    const { own, others } = await ctx.presenter.candidates(ctx.stream);
    const bodies = await ctx.presenter.bodyNames();
    const authority = ctx.words.bodyName(bodies.get(ctx.stream.row.authorityCode), ctx.stream.row.authorityCode);
    const item = (c: Candidate) => ({
      value: personToken(c.iin),
      text: c.position ? `${c.name} — ${c.position}` : c.name,
      hint: c.conflict.length
        ? ctx.words.t('commissionForms.members.conflict', { bodies: c.conflict.join(', '), point: lawOf(ctx) })
        : c.evaluated.length
          ? [
              ctx.words.t('commissionForms.members.evaluated', { bodies: c.evaluated.join(', ') }),
              ctx.words.t('commissionForms.members.clear'),
            ].join(' ')
          : ctx.words.t('commissionForms.members.clear'),
      conflict: c.conflict.length > 0,
    });
    return {
      groups: [
        { title: ctx.words.t('commissionForms.members.own', { authority }), items: own.map(item) },
        { title: ctx.words.t('commissionForms.members.others'), items: others.map(item) },
      ].filter((g) => g.items.length),
      roles: ctx.presenter.openRoles(ctx.stream).map((r) => ({ value: r, text: ctx.words.d(`memberRoles.${r}`) })),
    };
  },
  async read(fields, ctx) {
    const token = fields.one('person');
    // Any person of the directory (a sitting member too: the machine then says so, and a repeated form acts once).
    const iin = token ? personOf(token, await ctx.presenter.directory()) : undefined;
    const role = fields.one('role');
    return {
      dto: { ...(iin ? { iin } : {}), role },
      values: { person: token, role },
      ...(token && !iin ? { problems: [{ field: 'person', key: 'forms.rules.choose' }] } : {}),
    };
  },
  fieldOf: (path) => (path === 'iin' ? 'person' : path),
  async explain(type, rule, ctx, dto) {
    const iin = typeof dto.iin === 'string' ? dto.iin : '';
    const candidate = (await candidatesOf(ctx)).find((c) => c.iin === iin);
    if (type === 'member-conflict-of-interest' && candidate) {
      const bodies = candidate.conflict.length ? candidate.conflict : candidate.evaluated;
      return ctx.words.t('commissionForms.members.conflictRefused', {
        name: candidate.name,
        bodies: bodies.join(', '),
        point: lawOf(ctx),
      });
    }
    if (rule === 'notAlreadyMember') return ctx.words.t('commissionForms.refusal.alreadyMember');
    if (rule === 'roleAvailable')
      return ctx.words.t('commissionForms.refusal.roleTaken', { role: ctx.words.d(`memberRoles.${String(dto.role)}`) });
    return null;
  },
};

/** p.100: a member leaves (a confirmation page: the commission may fall back to being formed). */
export const memberRemoveForm: CommissionStepForm = {
  kind: 'commission',
  name: 'member-remove',
  command: memberRemove,
  view: 'commission-confirm',
  title: 'commissionForms.remove.submit',
  submit: 'commissionForms.remove.submit',
  confirm: true,
  danger: true,
  async model(ctx) {
    const members = await ctx.presenter.members(ctx.stream, ctx.words);
    const member = members.find((m) => personToken(m.iin) === ctx.query.person);
    return {
      heading: member ? ctx.words.t('commissionForms.remove.title', { name: member.name }) : null,
      explanation: ctx.words.t('commissionForms.remove.warning', { count: ctx.stream.snapshot.context.minMembers }),
      hidden: { person: ctx.query.person ?? '' },
    };
  },
  read: (fields) => ({ dto: {}, values: { person: fields.one('person') } }),
  params(fields, ctx) {
    const iin = personOf(
      fields.one('person'),
      ctx.stream.snapshot.context.members.map((m) => m.iin),
    );
    return { iin: iin ?? '' };
  },
  fieldOf: () => 'form-refusal',
  explain: (_type, rule, ctx) =>
    rule === 'isMember' || _type === 'validation-failed' ? ctx.words.t('commissionForms.refusal.notMember') : null,
};

/** p.100/p.101: constituted — at least five members, a chair and a secretary (a button on the commission's page). */
export const constitutionForm: CommissionStepForm = {
  kind: 'commission',
  name: 'constitution',
  command: constitution,
  view: 'commission-confirm',
  title: 'commissionForms.constitute.title',
  submit: 'commissionForms.constitute.submit',
  confirm: true,
  model: (ctx) => ({
    explanation: ctx.words.t('commissionForms.constitute.ready', { count: ctx.stream.snapshot.context.members.length }),
  }),
  read: () => ({ dto: {}, values: {} }),
  explain(_type, rule, ctx) {
    const c = ctx.stream.snapshot.context;
    if (rule === 'hasMinimumMembers')
      return ctx.words.t('commissionForms.constitute.short', { count: c.minMembers - c.members.length });
    if (rule === 'hasChairAndSecretary')
      return ctx.words.t(
        c.members.some((m) => m.role === 'chair')
          ? 'commissionForms.constitute.noSecretary'
          : 'commissionForms.constitute.noChair',
      );
    return null;
  },
};

/** The commission's work is over: dissolved (its history stays). */
export const dissolutionForm: CommissionStepForm = {
  kind: 'commission',
  name: 'dissolution',
  command: dissolution,
  view: 'commission-confirm',
  title: 'commissionForms.dissolve.title',
  submit: 'commissionForms.dissolve.submit',
  confirm: true,
  danger: true,
  model: (ctx) => ({ explanation: ctx.words.t('commissionForms.dissolve.warning') }),
  read: () => ({ dto: {}, values: {} }),
};

/** A time of day as typed: H:MM or HH:MM, 00:00–23:59. */
const TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;

/** An Astana local date and time typed into the form → the instant (null when either is not valid). */
export function astanaInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !TIME.test(time)) return null;
  const at = DateTime.fromISO(`${date}T${time.padStart(5, '0')}`, { zone: KZ_ZONE });
  return at.isValid ? at.toISO({ suppressMilliseconds: true }) : null;
}

/** p.103: a meeting, inviting the representatives of the objecting bodies and the employees who evaluated them. */
export const meetingForm: CommissionStepForm = {
  kind: 'commission',
  name: 'meeting',
  command: meeting,
  view: 'commission-meeting',
  title: 'commissionForms.meeting.title',
  submit: 'commissionForms.meeting.submit',
  async model(ctx) {
    const bodies = await ctx.presenter.invitees(ctx.stream, ctx.words);
    const items = bodies.flatMap((b) => [
      {
        value: `rep:${b.code}`,
        text: ctx.words.t('commissionForms.meeting.representative', { name: b.representative, body: b.body }),
        before: b.before,
      },
      ...b.evaluators.map((e) => ({
        value: `ev:${b.code}:${personToken(e.iin)}`,
        text: ctx.words.t('commissionForms.meeting.evaluator', { name: e.name, body: b.body }),
        before: b.before,
      })),
    ]);
    return {
      invitees: items,
      ticked: items.filter((i) => i.before).map((i) => i.value),
      example: localDateOf(ctx.now),
    };
  },
  async read(fields, ctx) {
    const date = fields.one('date');
    const time = fields.one('time');
    const scheduledFor = astanaInstant(date, time);
    const bodies = await ctx.presenter.invitees(ctx.stream, ctx.words);
    const chosen = fields.all('invitees');
    const invitees: Array<Record<string, string>> = [];
    for (const value of chosen) {
      const [kind, code, token] = value.split(':');
      const body = bodies.find((b) => b.code === code);
      if (!body) continue;
      if (kind === 'rep')
        invitees.push({ name: body.representative, kind: 'agencyRepresentative', bodyCode: body.code });
      const evaluator = kind === 'ev' ? body.evaluators.find((e) => personToken(e.iin) === token) : undefined;
      if (evaluator && !invitees.some((i) => i.iin === evaluator.iin))
        invitees.push({ name: evaluator.name, kind: 'evaluator', iin: evaluator.iin });
    }
    const problems: FormRead['problems'] = [];
    const timeOk = TIME.test(time);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || (scheduledFor === null && timeOk))
      problems.push({ field: 'date', key: 'commissionForms.meeting.dateInvalid' });
    if (!timeOk) problems.push({ field: 'time', key: 'commissionForms.meeting.timeInvalid' });
    if (invitees.length === 0) problems.push({ field: 'invitees', key: 'commissionForms.meeting.inviteesRequired' });
    return { dto: { scheduledFor: scheduledFor ?? '', invitees }, values: { date, time, invitees: chosen }, problems };
  },
  fieldOf: (path) => (path.startsWith('invitees') ? 'invitees' : path === 'scheduledFor' ? 'date' : path),
  explain(_type, rule, ctx) {
    if (rule === 'meetingWithinCycle') return ctx.words.t('commissionForms.meeting.withinCycle');
    if (rule === 'inviteesIdentified') return ctx.words.t('commissionForms.meeting.inviteesRequired');
    return null;
  },
};

/** The meeting an attendance form is for: the one asked for, else the first held whose attendance is not recorded. */
function meetingOf(ctx: CommissionFormContext, asked?: string) {
  const meetings = ctx.stream.snapshot.context.meetings.filter((m) => m.present === undefined);
  return (
    meetings.find((m) => m.id === asked) ??
    meetings.find((m) => Date.parse(m.scheduledFor) <= Date.parse(ctx.now)) ??
    meetings[0] ??
    null
  );
}

/** p.103/p.104: who of the members attended (the quorum of the decisions taken at the meeting). */
export const attendanceForm: CommissionStepForm = {
  kind: 'commission',
  name: 'attendance',
  command: attendance,
  view: 'commission-attendance',
  title: 'commissionForms.attendance.title',
  submit: 'commissionForms.attendance.submit',
  async model(ctx) {
    const mt = meetingOf(ctx, ctx.query.meeting);
    const members = await ctx.presenter.members(ctx.stream, ctx.words);
    const fraction = await ctx.presenter.quorumFraction();
    const q = ctx.presenter.quorum(0, members.length, fraction);
    return {
      meeting: mt ? { id: mt.id, time: ctx.words.dateTime(mt.scheduledFor) } : null,
      members: members.map((m) => ({ value: personToken(m.iin), text: `${m.name} — ${m.roleText}` })),
      hint: ctx.words.t('commissionForms.attendance.hint', {
        percent: Math.round(fraction * 100),
        members: members.length,
        needed: q.needed,
      }),
    };
  },
  read(fields, ctx) {
    const iins = ctx.stream.snapshot.context.members.map((m) => m.iin);
    const tokens = fields.all('present');
    const present = tokens.map((t) => personOf(t, iins)).filter((iin): iin is string => iin !== undefined);
    return {
      dto: { present },
      values: { present: tokens, meeting: fields.one('meeting') },
      ...(present.length !== tokens.length ? { problems: [{ field: 'present', key: 'forms.rules.choose' }] } : {}),
    };
  },
  params: (fields, ctx) => ({ meetingId: meetingOf(ctx, fields.one('meeting'))?.id ?? '' }),
  fieldOf: (path) => (path.startsWith('present') ? 'present' : path),
  explain(_type, rule, ctx) {
    if (rule === 'meetingHasBegun') return ctx.words.t('commissionForms.attendance.notBegun');
    return null;
  },
};

export const COMMISSION_STEP_FORMS: CommissionStepForm[] = [
  memberAddForm,
  memberRemoveForm,
  constitutionForm,
  dissolutionForm,
  meetingForm,
  attendanceForm,
];
