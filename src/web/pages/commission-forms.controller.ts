import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import type { Role } from '../../auth/roles';
import { permits } from '../../auth/policy';
import { DomainError } from '../../common/domain-error';
import { CommissionReader } from '../../commissions/commission-reader';
import { ReadDb } from '../../database/read-db';
import { EventStore } from '../../events/event-store';
import type { LoadedCommission } from '../../workflow-runtime/streams';
import { FormFields, newFormKey, personToken } from '../command-forms';
import { CommissionFormRunner, type CommissionOutcome } from '../commission-forms/commission-form-runner';
import {
  COMMISSION_STEP_FORMS,
  type CommissionFormContext,
  type CommissionStepForm,
} from '../commission-forms/commission-steps';
import { CasePresenter } from '../presenters/case.presenter';
import { Words } from '../presenters/words';
import { WebRequest } from '../web-context';
import { WebPage } from '../web-page';
import { FormErrors, WebViews } from '../web-views';

/** Who forms a special commission (the policy's `commission.open`: the authority's staff). */
const COMMISSION_STAFF: Role[] = ['authorityOfficer', 'commissionSecretary', 'presidentialAdministration'];

function stepForm(name: string): CommissionStepForm {
  const form = COMMISSION_STEP_FORMS.find((f) => f.name === name);
  if (!form) throw new DomainError('not-found', `No form ${name}`);
  return form;
}

/**
 * The special commission's pages and forms (issue 15, the commission's side): its page with what the person may do
 * now, forming a commission, and each command of the commission as a form on the shared command-form path
 * (CommissionFormRunner) — GET shows it, POST runs it in-process and answers 303 back to the page with a confirmation.
 */
@ApiExcludeController()
@Controller()
export class CommissionFormsController {
  constructor(
    private readonly views: WebViews,
    private readonly runner: CommissionFormRunner,
    private readonly commissions: CommissionReader,
    private readonly casePages: CasePresenter,
    private readonly events: EventStore,
    private readonly reader: ReadDb,
  ) {}

  /** A special commission's page (p.100–p.104), for those who may read it, with the steps the person may take now. */
  @Get('commission/:id')
  @WebPage()
  async page(
    @Param('id') id: string,
    @Query('done') done: unknown,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
  ) {
    const { lang, session } = request.web!;
    const account = session!.account;
    const words = new Words(lang);
    const loaded = await this.runner.presenter.visible(id, account); // 404 for others
    const view = this.commissions.view(loaded, account);
    const model = await this.casePages.commissionPage(id, view, account, words);
    return this.views.send(reply, request, 'commission', {
      ...model,
      now: await this.now(loaded, account, words),
      confirmation: await this.confirmation(loaded, done, words),
    });
  }

  /** p.100/p.101: form the special commission of the person's authority for a direction and a cycle. */
  @Get('new-commission')
  @WebPage({ roles: COMMISSION_STAFF })
  async newCommission(@Query() query: Record<string, unknown>, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    // From the work queue: the direction and cycle whose objections wait for a commission, chosen already.
    const picked = {
      direction: typeof query.direction === 'string' ? query.direction : '',
      cycle: typeof query.cycle === 'string' ? query.cycle : '',
    };
    return this.views.send(
      reply,
      request,
      'commission-new',
      await this.openingModel(request, words, picked, new FormErrors(words.lang)),
    );
  }

  @Post('new-commission')
  @WebPage({ roles: COMMISSION_STAFF })
  async openCommission(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const errors = new FormErrors(words.lang);
    const outcome = await this.runner.open(request.web!.session!.account, FormFields.of(request.body), errors, words);
    if (outcome.kind === 'done') return this.views.redirect(reply, outcome.location);
    return this.views.send(
      reply,
      request,
      'commission-new',
      await this.openingModel(request, words, outcome.values, errors),
      outcome.status,
    );
  }

  @Get('commission/:id/forms/:form')
  @WebPage()
  async show(
    @Param('id') id: string,
    @Param('form') name: string,
    @Query() query: Record<string, unknown>,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = stepForm(name);
    const ctx = await this.runner.context(form, id, request.web!.session!.account, request.web!.lang, query);
    return this.views.send(
      reply,
      request,
      form.view,
      await this.formModel(form, ctx, {}, new FormErrors(ctx.words.lang), null),
    );
  }

  @Post('commission/:id/forms/:form')
  @WebPage()
  async submit(
    @Param('id') id: string,
    @Param('form') name: string,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = stepForm(name);
    const account = request.web!.session!.account;
    const lang = request.web!.lang;
    const fields = FormFields.of(request.body);
    const ctx = await this.runner.context(form, id, account, lang, {
      person: fields.one('person'),
      meeting: fields.one('meeting'),
    });
    const errors = new FormErrors(lang);
    const outcome: CommissionOutcome = await this.runner.submit(form, ctx, fields, errors);
    if (outcome.kind === 'done') return this.views.redirect(reply, outcome.location);
    // Shown again: the commission as it is now, a fresh key (nothing acted), what the person chose.
    const fresh = await this.runner.context(form, id, account, lang, ctx.query);
    return this.views.send(
      reply,
      request,
      form.view,
      await this.formModel(form, fresh, outcome.values, errors, outcome.stale ?? null),
      outcome.status,
    );
  }

  private async formModel(
    form: CommissionStepForm,
    ctx: CommissionFormContext,
    values: Record<string, unknown>,
    errors: FormErrors,
    stale: unknown,
  ) {
    return {
      ...(await this.runner.frame(ctx, form, newFormKey())),
      ...(form.model ? await form.model(ctx) : {}),
      values,
      uploaded: [],
      errors,
      stale,
    };
  }

  private async openingModel(request: WebRequest, words: Words, values: Record<string, unknown>, errors: FormErrors) {
    const account = request.web!.session!.account;
    const presenter = this.runner.presenter;
    const cycles = await presenter.cycles();
    const existing = [];
    for (const k of await this.commissions.list(account)) {
      existing.push({
        href: `/commission/${k.id}`,
        text: `${words.t('commission.title')} · ${words.direction(k.direction)} · ${k.cycle}`,
        state: words.d(`commissionStates.${k.state}`),
      });
    }
    return {
      title: words.t('commissionForms.open.title'),
      action: '/new-commission',
      idempotencyKey: newFormKey(),
      directions: ['personnel', 'it'].map((d) => ({ value: d, text: words.direction(d) })),
      cycles: cycles.map((c) => ({ value: c, text: c })),
      values: { direction: values.direction ?? '', cycle: values.cycle || cycles[0] || '' },
      existing,
      errors,
    };
  }

  /** The confirmation after a form: the commission's latest event in words, when it is what that form does. */
  private async confirmation(loaded: LoadedCommission, done: unknown, words: Words) {
    const id = loaded.row.id;
    if (typeof done !== 'string') return null;
    const expected = done === 'opened' ? null : COMMISSION_STEP_FORMS.find((f) => f.name === done)?.command.event;
    if (done !== 'opened' && !expected) return null;
    const events = await this.events.read(this.reader.manager, id);
    const last = [...events].reverse().find((e) => (expected ? e.type === expected : true));
    if (!last) return null;
    const text =
      done === 'opened'
        ? words.t('commissionForms.done.opened')
        : await this.runner.describe(last.type, last.payload as Record<string, unknown>, words);
    const [next] = await this.runner.presenter.terms(
      { authorityCode: loaded.row.authorityCode, direction: loaded.row.direction, cycleCode: loaded.row.cycleCode },
      words,
    );
    return {
      title: words.t('commissionForms.done.title'),
      text,
      next: next ? words.t('commissionForms.runsAgainst', { term: `${next.ref} — ${next.name}`, due: next.due }) : null,
      standing: next ? { text: next.text, tone: next.tone } : null,
    };
  }

  /** "What you can do now" on the commission: the steps the person's allowedActions offer, the terms they serve. */
  private async now(loaded: LoadedCommission, account: AuthenticatedAccount, words: Words) {
    const presenter = this.runner.presenter;
    const id = loaded.row.id;
    const offered = presenter.allowed(loaded, account);
    const c = loaded.snapshot.context;
    const row = loaded.row;
    const staff = permits(account, 'commission.member-add', { authorityCode: row.authorityCode });
    const members = staff ? await presenter.members(loaded, words) : [];
    const now = Date.parse(presenter.now());
    const chair = c.members.some((m) => m.role === 'chair');
    const secretary = c.members.some((m) => m.role === 'secretary');
    return {
      staff,
      terms: staff
        ? await presenter.terms(
            { authorityCode: row.authorityCode, direction: row.direction, cycleCode: row.cycleCode },
            words,
          )
        : [],
      addMember: offered.has('commission.member-add') ? `/commission/${id}/forms/member-add` : null,
      remove: offered.has('commission.member-remove')
        ? members.map((m) => ({
            name: m.name,
            role: m.roleText,
            href: `/commission/${id}/forms/member-remove?person=${personToken(m.iin)}`,
          }))
        : [],
      constitute: offered.has('commission.constitution')
        ? {
            action: `/commission/${id}/forms/constitution`,
            idempotencyKey: newFormKey(),
            version: row.version,
            text: words.t('commissionForms.constitute.ready', { count: c.members.length }),
          }
        : null,
      missing:
        staff && loaded.row.state === 'forming' && !offered.has('commission.constitution')
          ? [
              ...(c.members.length < c.minMembers
                ? [words.t('commissionForms.constitute.short', { count: c.minMembers - c.members.length })]
                : []),
              ...(chair ? [] : [words.t('commissionForms.constitute.noChair')]),
              ...(secretary ? [] : [words.t('commissionForms.constitute.noSecretary')]),
            ]
          : [],
      meeting: offered.has('commission.meeting') ? `/commission/${id}/forms/meeting` : null,
      attendance: offered.has('commission.attendance')
        ? c.meetings
            .filter((m) => m.present === undefined && Date.parse(m.scheduledFor) <= now)
            .map((m) => ({
              text: words.t('commissionForms.attendance.link', { time: words.dateTime(m.scheduledFor) }),
              href: `/commission/${id}/forms/attendance?meeting=${m.id}`,
            }))
        : [],
      dissolve: offered.has('commission.dissolution') ? `/commission/${id}/forms/dissolution` : null,
    };
  }
}
