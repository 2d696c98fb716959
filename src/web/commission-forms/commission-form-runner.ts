import { Injectable } from '@nestjs/common';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { permits } from '../../auth/policy';
import { DomainError } from '../../common/domain-error';
import type { Language } from '../../common/i18n';
import { openCommission } from '../../commissions/commands/open-commission.command';
import { CreateCommissionDto } from '../../commissions/dto/commission.dto';
import { ReadDb } from '../../database/read-db';
import { EventStore } from '../../events/event-store';
import { StreamRuntime } from '../../workflow-runtime/stream-runtime';
import { CommandForms, FormFields, formSubmission, refusalText, newFormKey, type StaleNotice } from '../command-forms';
import { refusalToForm, validateForm } from '../forms';
import { CommissionFormsPresenter } from '../presenters/commission-forms.presenter';
import { Words } from '../presenters/words';
import { FormErrors } from '../web-views';
import type { CommissionFormContext, CommissionStepForm } from './commission-steps';

/** The idempotency key a form carries from its rendering (the shared path's shape). */

export type CommissionOutcome =
  | { kind: 'done'; location: string }
  | { kind: 'again'; status: number; errors: FormErrors; values: Record<string, unknown>; stale?: StaleNotice };

/**
 * The shared command-form path (src/web/command-forms.ts) for the special commission's stream: the same steps —
 * the command in-process through StreamRuntime under the person's account, the form's idempotency key (a double
 * submission acts once), the version the form was made at (a stale form shows what changed), the DTO's rules and the
 * machine's refusals at their fields in words with their point of the law — and a 303 back to the commission's page
 * with the confirmation. It differs from the case path only in what it loads and what "what changed" reads.
 */
@Injectable()
export class CommissionFormRunner {
  constructor(
    private readonly runtime: StreamRuntime,
    private readonly events: EventStore,
    private readonly reader: ReadDb,
    private readonly shared: CommandForms,
    readonly presenter: CommissionFormsPresenter,
  ) {}

  /** What a commission form knows (a commission of another authority: 404; a role never allowed the command: 403). */
  async context(
    form: CommissionStepForm,
    id: string,
    account: AuthenticatedAccount,
    lang: Language,
    query: Record<string, unknown> = {},
  ): Promise<CommissionFormContext> {
    const stream = await this.presenter.visible(id, account);
    if (!permits(account, form.command.action, { authorityCode: stream.row.authorityCode })) {
      throw new DomainError('forbidden', `The role ${account.role} may not do this on commission ${id}`, {
        action: form.command.action,
      });
    }
    const strings = Object.fromEntries(
      Object.entries(query)
        .filter((e): e is [string, string] => typeof e[1] === 'string')
        .map(([k, v]) => [k, v.slice(0, 200)]),
    );
    return {
      stream,
      account,
      words: new Words(lang),
      now: this.shared.now(),
      offered: this.presenter.allowed(stream, account),
      query: strings,
      presenter: this.presenter,
    };
  }

  /** The frame of the form (command-form.njk): the commission, the term its work serves, the hidden fields. */
  async frame(ctx: CommissionFormContext, form: CommissionStepForm, key = newFormKey()) {
    const { stream, words } = ctx;
    const row = stream.row;
    const [nearest] = await this.presenter.terms(
      { authorityCode: row.authorityCode, direction: row.direction, cycleCode: row.cycleCode },
      words,
    );
    return {
      caseRef: `${words.t('commission.title')} · ${words.direction(row.direction)} · ${row.cycleCode}`,
      caseHref: `/commission/${row.id}`,
      action: `/commission/${row.id}/forms/${form.name}`,
      formName: form.name,
      title: words.t(form.title),
      submitText: words.t(form.submit),
      confirm: form.confirm === true,
      danger: form.danger === true,
      documents: false,
      offered: ctx.offered.has(form.command.action),
      term: nearest
        ? {
            name: `${nearest.ref} — ${nearest.name}`,
            due: nearest.due,
            standing: { text: nearest.text, tone: nearest.tone },
          }
        : null,
      idempotencyKey: key,
      version: row.version,
    };
  }

  async submit(
    form: CommissionStepForm,
    ctx: CommissionFormContext,
    fields: FormFields,
    errors: FormErrors,
  ): Promise<CommissionOutcome> {
    const { words, account, stream } = ctx;
    const read = await form.read(fields, ctx);
    for (const p of read.problems ?? []) errors.add(p.field, p.key, p.params);
    const fieldOf = (path: string) =>
      form.fieldOf ? form.fieldOf(path) : path.replace(/[.[\]]+/g, '-').replace(/-$/, '');
    const again = (status: number, stale?: StaleNotice): CommissionOutcome => ({
      kind: 'again',
      status,
      errors,
      values: read.values,
      ...(stale ? { stale } : {}),
    });
    const dto = await validateForm(form.command.dto as never, read.dto, errors, words.lang, fieldOf);
    if (!dto || errors.any) return again(422);
    const params = { id: stream.row.id, ...(form.params ? form.params(fields, ctx) : {}) };
    const submission = formSubmission(fields, account.id, {
      form: form.name,
      commission: stream.row.id,
      params,
      dto: read.dto,
    });
    const { expectedVersion } = submission;
    try {
      await this.runtime.execute(form.command, {
        account,
        streamId: stream.row.id,
        params,
        dto: dto,
        ...submission,
      });
      return {
        kind: 'done',
        location: `/commission/${stream.row.id}?done=${encodeURIComponent(form.name)}#confirmation`,
      };
    } catch (error) {
      if (!(error instanceof DomainError) || error.type === 'not-found' || error.type === 'forbidden') throw error;
      if (error.type === 'version-conflict' && expectedVersion !== undefined) {
        errors.add('form-refusal', 'commandForms.stale');
        return again(409, await this.changesSince(stream.row.id, expectedVersion, words));
      }
      const rule = typeof error.extra.rule === 'string' ? error.extra.rule : undefined;
      const own = form.explain ? await form.explain(error.type, rule, ctx, read.dto) : null;
      if (own) {
        errors.addText(
          form.fieldOf ? fieldOf(error.type === 'member-conflict-of-interest' ? 'iin' : 'form') : 'form-refusal',
          own,
        );
        return again(error.status >= 400 && error.status < 500 ? error.status : 409);
      }
      if (error.type === 'validation-failed' && error.extra.invalidParams?.length) {
        refusalToForm(error, errors, words.lang, fieldOf);
        return again(422);
      }
      errors.addText('form-refusal', refusalText(error, words));
      return again(error.status >= 400 && error.status < 500 ? error.status : 409);
    }
  }

  /** p.100/p.101: the caller's authority forms its commission for a direction and cycle (a new stream). */
  async open(
    account: AuthenticatedAccount,
    fields: FormFields,
    errors: FormErrors,
    words: Words,
  ): Promise<CommissionOutcome> {
    const values = { direction: fields.one('direction'), cycle: fields.one('cycle') };
    const dto = await validateForm(CreateCommissionDto, values, errors, words.lang);
    if (!dto) return { kind: 'again', status: 422, errors, values };
    const { idempotency } = formSubmission(fields, account.id, { form: 'commission-open', dto: values });
    try {
      const answer = await this.runtime.open(openCommission, {
        account,
        params: {},
        dto,
        ...(idempotency ? { idempotency } : {}),
      });
      return { kind: 'done', location: `/commission/${(answer.body as { id: string }).id}?done=opened#confirmation` };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.type === 'validation-failed' && error.extra.invalidParams?.length) {
        refusalToForm(error, errors, words.lang, (name) => name);
        return { kind: 'again', status: 422, errors, values };
      }
      if (error.type === 'forbidden') throw error;
      errors.addText('form-refusal', refusalText(error, words));
      return { kind: 'again', status: error.status >= 400 && error.status < 500 ? error.status : 409, errors, values };
    }
  }

  /** What changed on the commission since the version the form was made at, in words. */
  async changesSince(id: string, version: number, words: Words): Promise<StaleNotice> {
    const events = await this.events.read(this.reader.manager, id);
    const later = events.filter((e) => e.seq > version);
    const changes = [];
    for (const e of later)
      changes.push({
        title: await this.describe(e.type, e.payload as Record<string, unknown>, words),
        when: words.dateTime(e.recordedTime),
        who: words.role(e.actorRole),
        lines: [],
      });
    return { from: version, to: events.length ? events[events.length - 1].seq : version, changes };
  }

  /** One event of the commission in words (what changed; the confirmation after a form). */
  async describe(type: string, payload: Record<string, unknown>, words: Words): Promise<string> {
    switch (type) {
      case 'MEMBER.ADD':
        return words.t('commissionForms.events.memberAdded', {
          name: typeof payload.name === 'string' ? payload.name : await this.presenter.personName(String(payload.iin)),
          role: words.d(`memberRoles.${String(payload.role)}`),
        });
      case 'MEMBER.REMOVE':
        return words.t('commissionForms.events.memberRemoved', {
          name: await this.presenter.personName(String(payload.iin)),
        });
      case 'CONSTITUTE':
        return words.t('commissionForms.events.constituted');
      case 'DISSOLVE':
        return words.t('commissionForms.events.dissolved');
      case 'OBJECTION.REGISTERED':
        return words.t('commissionForms.events.objection', { body: String(payload.bodyCode) });
      case 'MEETING.SCHEDULE':
        return words.t('commissionForms.events.meeting', { time: words.dateTime(String(payload.scheduledFor)) });
      case 'MEETING.ATTENDANCE':
        return words.t('commissionForms.events.attendance', {
          count: Array.isArray(payload.present) ? payload.present.length : 0,
        });
      default:
        return words.t('commissionForms.events.opened');
    }
  }
}
