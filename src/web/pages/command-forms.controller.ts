import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/domain-error';
import { CaseForm, CommandForms, FormFields, type FormOutcome, newFormKey, type OpeningForm } from '../command-forms';
import { IndicatorCatalogueService } from '../../reference/indicator-catalogue.service';
import { ReferenceService } from '../../reference/reference.service';
import { CASE_FORMS, openingForm } from '../step-forms';
import { Words } from '../presenters/words';
import { WebRequest } from '../web-context';
import { WebPage } from '../web-page';
import { FormErrors } from '../web-views';

function caseForm(name: string): CaseForm {
  const form = CASE_FORMS.find((f) => f.name === name);
  if (!form) throw new DomainError('not-found', `No form ${name}`);
  return form;
}

/**
 * The command forms of the case page (issue 15): GET shows a form, POST runs its command in-process through
 * CommandForms (src/web/command-forms.ts). Posts may be multipart (documents attached): their CSRF token is
 * checked by CommandForms before anything is stored.
 */

@ApiExcludeController()
@Controller()
export class CommandFormsController {
  private readonly conclusion: OpeningForm;

  constructor(
    private readonly forms: CommandForms,
    reference: ReferenceService,
    catalogues: IndicatorCatalogueService,
  ) {
    this.conclusion = openingForm({ reference, catalogues });
  }

  @Get('case/:id/forms/:form')
  @WebPage()
  async show(
    @Param('id') id: string,
    @Param('form') name: string,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = caseForm(name);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const ctx = await this.forms.caseContext(form, id, request.web!.session!.account, request.web!.lang, query);
    const model = {
      ...(await this.forms.frame(ctx, form)),
      ...(form.model ? await form.model(ctx) : {}),
      values: {},
      uploaded: [],
      errors: new FormErrors(ctx.words.lang),
      stale: null,
    };
    return this.forms.views.send(reply, request, form.view, model);
  }

  @Post('case/:id/forms/:form')
  @WebPage({ csrf: 'handler' })
  async submit(
    @Param('id') id: string,
    @Param('form') name: string,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = caseForm(name);
    const account = request.web!.session!.account;
    const words = new Words(request.web!.lang);
    const errors = new FormErrors(words.lang);
    const { fields, uploaded } = await this.forms.fieldsOf(request, account, errors, words);
    const ctx = await this.forms.caseContext(form, id, account, words.lang);
    const outcome: FormOutcome = await this.forms.submitCase(form, ctx, fields, uploaded, errors);
    return this.forms.answer(reply, request, outcome, async () => {
      // Shown again: a fresh key (nothing acted), the case as it is now, what the person typed and attached.
      const fresh = await this.forms.caseContext(form, id, account, words.lang);
      const again = outcome.kind === 'again' ? outcome : null;
      return {
        view: form.view,
        model: {
          ...(await this.forms.frame(fresh, form, newFormKey())),
          ...(form.model ? await form.model(fresh) : {}),
          values: again?.values ?? {},
          uploaded: again?.uploaded ?? [],
          errors,
          stale: again?.stale ?? null,
        },
      };
    });
  }

  /** One document, uploaded by the page's script with a progress bar; answers JSON (the page adds it to the form). */
  @Post('case/:id/upload')
  @WebPage({ csrf: 'handler' })
  async upload(@Param('id') id: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const { status, body } = await this.forms.upload(request, id, request.web!.session!.account, words);
    return reply
      .status(status)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(JSON.stringify(body));
  }

  /** The authority's conclusion: a new case (p.91–p.97). */
  @Get('new-case')
  @WebPage({ roles: ['authorityOfficer', 'presidentialAdministration'] })
  async newCase(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const form = this.conclusion;
    const ctx = this.openingContext(request);
    const fields = FormFields.of(request.query);
    const model = {
      ...(await form.model({ ...ctx, fields })),
      ...this.openingFrame(form, ctx.words),
      values: {},
      uploaded: [],
      errors: new FormErrors(ctx.words.lang),
    };
    return this.forms.views.send(reply, request, form.view, model);
  }

  @Post('new-case')
  @WebPage({ roles: ['authorityOfficer', 'presidentialAdministration'], csrf: 'handler' })
  async openCase(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const form = this.conclusion;
    const ctx = this.openingContext(request);
    const errors = new FormErrors(ctx.words.lang);
    const { fields, uploaded } = await this.forms.fieldsOf(request, ctx.account, errors, ctx.words);
    const outcome = await this.forms.submitOpening(form, ctx, fields, uploaded, errors);
    return this.forms.answer(reply, request, outcome, async () => ({
      view: form.view,
      model: {
        ...(await form.model({ ...ctx, fields })),
        ...this.openingFrame(form, ctx.words),
        values: outcome.kind === 'again' ? outcome.values : {},
        uploaded: outcome.kind === 'again' ? outcome.uploaded : [],
        errors,
      },
    }));
  }

  private openingContext(request: WebRequest) {
    return { account: request.web!.session!.account, words: new Words(request.web!.lang), now: this.forms.now() };
  }

  private openingFrame(form: OpeningForm, words: Words) {
    return {
      action: '/new-case',
      title: words.t(form.title),
      submitText: words.t(form.submit),
      idempotencyKey: newFormKey(),
      version: null,
      term: null,
      offered: true,
      stale: null,
      documents: form.documents === true,
    };
  }
}
