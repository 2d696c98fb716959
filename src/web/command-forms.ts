/*
 * The shared path of every command form on the web pages (issue 15).
 *
 * HOW TO ADD A FORM (for whoever adds the next one — e.g. the commission's forms):
 *   1. Write a `CaseForm` beside the others (src/web/step-forms/*.ts): its `name` (URL part),
 *      the command file it runs (src/cases/commands/*, src/commissions/commands/*), its `view`, `read` (the posted
 *      fields → the command's DTO, plain; and the values to show again) and, if it needs them, `model` (choices)
 *      and `hints` (what a refusal names: the due date, who is in conflict, how many short of the quorum).
 *   2. Add it to CASE_FORMS in src/web/step-forms/index.ts. The routes exist already:
 *      GET/POST /case/:id/forms/:name (CommandFormsController); a commission's forms are in src/web/commission-forms/.
 *   3. The view extends "command-form.njk" and fills `{% block fields %}` with the macros of form-macros.njk
 *      (`fm.input`, `fm.textarea`, `fm.radios`, `fm.checkboxes`, `fm.documents`…); the frame adds the hidden
 *      `_csrf`, `_idempotency` and `_version`, the error summary, the term and what changed meanwhile.
 *   4. Every text in the i18n catalogue, all three languages (`commandForms.*`); the catalogue spec fails otherwise.
 * The case page links a form when the person's allowedActions offer its command now (CasePresenter.allowed).
 *
 * What the path does, the same for every form: the command runs in-process through StreamRuntime under the
 * signed-in person's account (never HTTP to itself); the idempotency key made when the form was rendered makes a
 * double submission act once; the version the form was rendered at makes a stale form say what changed meanwhile;
 * a DTO's rule or a service's refusal shows at its field and in the summary, in words, with its point of the law;
 * a refused step says why in words; success is a 303 back to the case with a confirmation and the next term.
 */
import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { createHmac, randomBytes } from 'node:crypto';
import { In } from 'typeorm';
import { AccountEntity } from '../auth/account.entity';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { permits } from '../auth/policy';
import { CaseReader, type AllowedAction } from '../cases/case-reader';
import { ConclusionStore } from '../cases/conclusions';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { Language } from '../common/i18n';
import { ReadDb } from '../database/read-db';
import { DocumentsService, sideOf, type DocumentView } from '../documents/documents.service';
import { MAX_DOCUMENT_BYTES } from '../documents/document-limits';
import { canonicalJson, sha256Hex } from '../events/canonical';
import { EventStore } from '../events/event-store';
import { MessageKey, MessageParams } from '../i18n/catalogue';
import type { CaseCommand, OpenCase } from '../workflow-runtime/command';
import { StreamRuntime } from '../workflow-runtime/stream-runtime';
import { StreamLoader, type LoadedCase } from '../workflow-runtime/streams';
import { describeReason, describeRefusal, refusalToForm, validateForm } from './forms';
import { termStanding } from './presenters/terms';
import { timelineOf } from './presenters/timeline';
import { Words, dynamicKey } from './presenters/words';
import type { WebRequest } from './web-context';
import { WebGate } from './web-gate';
import { FormErrors, WebViews } from './web-views';

/** The most documents one form takes at once (the rule set may allow fewer: the command says so, at `documents`). */
export const MAX_FORM_FILES = 20;
/** Document types a form accepts (what DocumentsService's sniffer accepts), for the browser's check before upload. */
export const ACCEPTED_DOCUMENTS = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt';

/** A posted form's fields: one value or several (checkboxes, repeated rows), always strings. */
export class FormFields {
  constructor(readonly raw: Record<string, string[]> = {}) {}

  static of(body: unknown): FormFields {
    const raw: Record<string, string[]> = {};
    if (body && typeof body === 'object') {
      for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
        const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
        raw[k] = list;
      }
    }
    return new FormFields(raw);
  }

  add(name: string, value: string): void {
    (this.raw[name] ??= []).push(value);
  }

  /** The first value, trimmed ('' when absent). */
  one(name: string): string {
    return (this.raw[name]?.[0] ?? '').trim();
  }

  all(name: string): string[] {
    return (this.raw[name] ?? []).map((v) => v.trim()).filter((v) => v !== '');
  }
}

/** A number typed into a form (a comma is a decimal point too); else the text, so the DTO names the rule. */
export function numberField(text: string): number | string | undefined {
  if (text === '') return undefined;
  const normalized = text.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : text;
}

/**
 * People are picked from the directory by an opaque token, never by IIN: an IIN is shown in full only to
 * administrators and auditors (SPEC §4), so it is not in the page's HTML either. The token is keyed per process.
 */
const PERSON_KEY = randomBytes(32);
export function personToken(iin: string): string {
  return `p${createHmac('sha256', PERSON_KEY).update(iin).digest('base64url').slice(0, 16)}`;
}
/** The IIN a token stands for among `iins` (undefined: none — the form then names the field). */
export function personOf(token: string, iins: string[]): string | undefined {
  return iins.find((iin) => personToken(iin) === token);
}

/** What a form knows when it is shown or posted. */
export interface CaseFormContext {
  stream: LoadedCase;
  account: AuthenticatedAccount;
  words: Words;
  /** The latest conclusion of the case. */
  conclusion: Awaited<ReturnType<ConclusionStore['latest']>>;
  /** What the person's allowedActions offer for this form's command now (undefined: not now). */
  offered: AllowedAction | undefined;
  now: string;
  /** The query of the form's address (e.g. `?n=` the row of a decision). */
  query: Record<string, string>;
}

export interface FormRead {
  /** The command's DTO as plain data (validated against the command's DTO class, as the API does). */
  dto: Record<string, unknown>;
  /** What the form shows again after an error. */
  values: Record<string, unknown>;
  /** Problems found while reading (e.g. a person token that matches no one), at their fields. */
  problems?: Array<{ field: string; key: MessageKey; params?: MessageParams }>;
}

/** A form that runs a command on an existing case. */
export interface CaseForm<TDto extends object = object> {
  kind: 'case';
  name: string;
  command: CaseCommand<TDto>;
  view: string;
  /** The title of the form page and its button (catalogue keys). */
  title: MessageKey;
  submit: MessageKey;
  /** Accepts documents (multipart/form-data; without JavaScript the files come with the form). */
  documents?: boolean;
  /** The form is a button with a confirmation (no field but an optional note). */
  confirm?: boolean;
  /** The command's path parameters besides the case's id (`n`, the row of a decision). */
  params?(fields: FormFields, ctx: CaseFormContext): Record<string, string>;
  read(fields: FormFields, ctx: CaseFormContext, uploaded: DocumentView[]): FormRead | Promise<FormRead>;
  model?(ctx: CaseFormContext): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** DTO path (`items[0].claimedScore`) → the field's id on the page. Default: dots and brackets become dashes. */
  fieldOf?(path: string, read: FormRead): string;
  /** What a refusal of this form names, beyond the error's own extras (`date`, `short`, `people`…). */
  hints?(ctx: CaseFormContext, dto: Record<string, unknown>): MessageParams | Promise<MessageParams>;
}

/** A form that opens a case (the authority's conclusion): no stream yet, no version. */
export interface OpeningForm<TDto extends object = object> {
  kind: 'open';
  name: string;
  command: OpenCase<TDto>;
  view: string;
  title: MessageKey;
  submit: MessageKey;
  documents?: boolean;
  read(
    fields: FormFields,
    ctx: { account: AuthenticatedAccount; words: Words; now: string },
    uploaded: DocumentView[],
  ): FormRead | Promise<FormRead>;
  model(ctx: {
    account: AuthenticatedAccount;
    words: Words;
    now: string;
    fields: FormFields;
  }): Promise<Record<string, unknown>>;
  fieldOf?(path: string, read: FormRead): string;
}

/** The refusals of the machine's guards and of the refusal types, in words (catalogue `commandForms.refusals.*`). */
const REFUSAL_KEYS: Record<string, string> = {
  beforeObjectionDeadline: 'deadline',
  beforeEscalationDeadline: 'deadline',
  hasSupportingDocuments: 'documentsRequired',
  hasDisputedItems: 'itemsRequired',
  noRowDecided: 'rowDecided',
  commissionConstituted: 'notConstituted',
  quorumMet: 'quorum',
  voteConsistent: 'votes',
  decisionCarried: 'notCarried',
  notEvaluatorOfObjectingBody: 'conflict',
  signerMaySign: 'signed',
  signatureTermPassed: 'signatureTerm',
  appealAvailable: 'noAppeal',
  escalationReasonGiven: 'reasonRequired',
  closed: 'closed',
  'deadline-passed': 'deadline',
  'commission-not-constituted': 'notConstituted',
  'quorum-not-met': 'quorum',
  'member-conflict-of-interest': 'conflict',
  'final-at-authority': 'final',
  'supporting-documents-required': 'documentsRequired',
  'calendar-year-unknown': 'calendarYear',
};

/**
 * A refused step in words: which rule (deadline passed on which date, the commission not constituted, whose conflict
 * of interest, the quorum short by how many), its point of the law — from the error's extras and the form's hints.
 */
export function refusalText(error: DomainError, words: Words, hints: MessageParams = {}): string {
  const rule = typeof error.extra.rule === 'string' ? error.extra.rule : undefined;
  const key = (rule && REFUSAL_KEYS[rule]) ?? REFUSAL_KEYS[error.type];
  const lawMatch = error.extra.law ?? /\(?(p\.\d+(?:\/p\.\d+)?)\)?/.exec(error.detail)?.[1] ?? '';
  const law = words.law(lawMatch);
  const params: MessageParams = { date: '—', short: 1, people: '—', ...hints, law };
  let text: string;
  if (key) {
    text = words.d(`commandForms.refusals.${key}`, params);
  } else if (error.type === 'invalid-transition') {
    const stage = typeof error.extra.stage === 'string' ? words.state(error.extra.stage) : '';
    text = words.t('commandForms.refusals.notNow', { stage });
  } else {
    text = describeRefusal(words.lang, error);
  }
  return law && !text.includes(law) ? `${text} (${law})` : text;
}

/** The idempotency key a form carries from its rendering: 22 URL-safe characters. */
export const newFormKey = () => randomBytes(16).toString('base64url');
const FORM_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * What every form posts besides its own fields (issue 15): the idempotency key made when it was rendered (the same
 * submission sent twice acts once; `request` is what a retry must repeat) and the version of the stream it was made
 * at (a stale form is a version conflict). Spread into `StreamRuntime.execute` / `open`.
 */
export function formSubmission(
  fields: FormFields,
  accountId: string,
  request: unknown,
): { expectedVersion?: number; idempotency?: { accountId: string; key: string; requestHash: string } } {
  const key = fields.one('_idempotency');
  const versionText = fields.one('_version');
  return {
    ...(/^\d{1,9}$/.test(versionText) ? { expectedVersion: Number(versionText) } : {}),
    ...(FORM_KEY.test(key)
      ? { idempotency: { accountId, key: `web:${key}`, requestHash: sha256Hex(canonicalJson(request)) } }
      : {}),
  };
}

export type FormOutcome =
  | { kind: 'done'; location: string }
  | {
      kind: 'again';
      status: number;
      errors: FormErrors;
      values: Record<string, unknown>;
      stale?: StaleNotice;
      uploaded: DocumentView[];
    };

export interface StaleNotice {
  /** The version the form was made at, and the version now. */
  from: number;
  to: number;
  changes: Array<{ title: string; when: string; who: string; lines: string[] }>;
}

/**
 * Runs a form's command and answers the page: CommandFormsController calls it; the forms define only what is
 * particular to them.
 */
@Injectable()
export class CommandForms {
  constructor(
    private readonly runtime: StreamRuntime,
    private readonly cases: CaseReader,
    private readonly conclusions: ConclusionStore,
    private readonly events: EventStore,
    private readonly reader: ReadDb,
    private readonly documents: DocumentsService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly gate: WebGate,
    readonly views: WebViews,
    private readonly loader: StreamLoader,
  ) {}

  now(): string {
    return this.clock.now().toISOString();
  }

  /** What a case form knows (another body's case: 404; a role the policy never lets send the command: 403). */
  async caseContext(
    form: CaseForm,
    id: string,
    account: AuthenticatedAccount,
    lang: Language,
    query: Record<string, unknown> = {},
  ): Promise<CaseFormContext> {
    const stream = await this.cases.visible(id, account);
    const facts = {
      bodyCode: stream.row.bodyCode,
      authorityCode: stream.row.authorityCode,
      escalated: Boolean(stream.row.escalated),
    };
    if (!permits(account, form.command.action, facts)) {
      throw new DomainError('forbidden', `The role ${account.role} may not do this on case ${id}`, {
        action: form.command.action,
      });
    }
    const conclusion = await this.conclusions.latest(
      this.reader.manager,
      id,
      stream.snapshot.context.conclusionVersion,
    );
    const offered = this.cases.allowedActions(stream, account).find((a) => a.action === form.command.action);
    const strings = Object.fromEntries(
      Object.entries(query)
        .filter((e): e is [string, string] => typeof e[1] === 'string')
        .map(([k, v]) => [k, v.slice(0, 200)]),
    );
    return {
      stream,
      account,
      words: new Words(lang),
      conclusion,
      offered,
      now: this.clock.now().toISOString(),
      query: strings,
    };
  }

  /** The frame every form page has: the case, the term it runs against and the time left, the hidden fields. */
  async frame(ctx: CaseFormContext, form: CaseForm, key = newFormKey()) {
    const { stream, words } = ctx;
    const row = stream.row;
    let term: { name: string; due: string; standing: { text: string; tone: string } } | null = null;
    if (ctx.offered?.term) {
      const calendar = await this.calendar.current();
      term = {
        name: words.term(ctx.offered.term.kind),
        due: words.dateTime(ctx.offered.term.due),
        standing: words.standing(termStanding(calendar, ctx.now, ctx.offered.term.due)),
      };
    }
    return {
      caseId: row.id,
      caseRef: words.caseRef({ bodyCode: row.bodyCode, direction: row.direction, cycle: row.cycleCode }),
      caseHref: `/case/${row.id}`,
      action: `/case/${row.id}/forms/${form.name}`,
      formName: form.name,
      title: words.t(form.title),
      submitText: words.t(form.submit),
      documents: form.documents === true,
      confirm: form.confirm === true,
      offered: ctx.offered !== undefined,
      term,
      idempotencyKey: key,
      version: row.version,
      maxBytes: MAX_DOCUMENT_BYTES,
      maxMegabytes: MAX_DOCUMENT_BYTES / 1024 / 1024,
      accept: ACCEPTED_DOCUMENTS,
      uploadHref: `/case/${row.id}/upload`,
    };
  }

  /** The fields of a posted form — from a multipart body, the documents in it stored first (after the CSRF check). */
  async fieldsOf(
    request: WebRequest,
    account: AuthenticatedAccount,
    errors: FormErrors,
    words: Words,
  ): Promise<{ fields: FormFields; uploaded: DocumentView[] }> {
    if (!request.isMultipart()) {
      const posted = FormFields.of(request.body);
      this.gate.checkCsrf(request, request.web!, posted.one('_csrf'));
      return { fields: posted, uploaded: [] };
    }
    const fields = new FormFields();
    const uploaded: DocumentView[] = [];
    let checked = false;
    const check = () => {
      if (!checked) this.gate.checkCsrf(request, request.web!, fields.one('_csrf'));
      checked = true;
    };
    try {
      for await (const part of request.parts({
        limits: { files: MAX_FORM_FILES, fields: 2000, parts: 2000 + MAX_FORM_FILES, fieldSize: 100_000 },
      })) {
        if (part.type === 'field') {
          if (typeof part.value === 'string') fields.add(part.fieldname, part.value);
          continue;
        }
        const file = part;
        try {
          check(); // nothing is stored before the form's CSRF token (which comes before the files) is checked
        } catch (error) {
          file.file.resume();
          throw error;
        }
        if (!file.filename) {
          file.file.resume(); // an empty file input
          continue;
        }
        try {
          uploaded.push(await this.documents.store({ stream: file.file, originalName: file.filename, account }));
        } catch (error) {
          file.file.resume();
          if (!(error instanceof DomainError)) throw error;
          errors.addText(
            'documents',
            words.t('commandForms.documentRefused', { name: file.filename, reason: uploadReason(error, words) }),
          );
        }
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const code = (error as { code?: string }).code ?? '';
      if (code === 'FST_FILES_LIMIT')
        errors.addText('documents', words.t('commandForms.tooManyFiles', { max: MAX_FORM_FILES }));
      else throw DomainError.validation([{ name: 'body', reason: 'the multipart/form-data body is malformed' }]);
    }
    check();
    return { fields, uploaded };
  }

  /**
   * Runs a case form's command: validation as the API's DTO, then the runtime with the form's idempotency key and
   * version. Returns where to go (303) or what to show again (with the errors, what changed, the documents kept).
   */
  async submitCase(
    form: CaseForm,
    ctx: CaseFormContext,
    fields: FormFields,
    uploaded: DocumentView[],
    errors: FormErrors,
  ): Promise<FormOutcome> {
    const { words, account, stream } = ctx;
    const kept = [...uploaded, ...(await this.keptDocuments(fields, account))];
    const read = await form.read(fields, ctx, kept);
    for (const p of read.problems ?? []) errors.add(p.field, p.key, p.params);
    const fieldOf = (path: string) => (form.fieldOf ? form.fieldOf(path, read) : defaultFieldOf(path));
    const again = (status: number, stale?: StaleNotice): FormOutcome => ({
      kind: 'again',
      status,
      errors,
      values: read.values,
      uploaded: kept,
      ...(stale ? { stale } : {}),
    });
    const dto = await validateForm(form.command.dto as never, read.dto, errors, words.lang, fieldOf);
    if (!dto || errors.any) return again(422);
    const submission = formSubmission(fields, account.id, { form: form.name, case: stream.row.id, dto: read.dto });
    const { expectedVersion } = submission;
    try {
      await this.runtime.execute(form.command, {
        account,
        streamId: stream.row.id,
        params: { id: stream.row.id, ...(form.params ? form.params(fields, ctx) : {}) },
        dto: dto,
        ...submission,
      });
      return { kind: 'done', location: `/case/${stream.row.id}?done=${encodeURIComponent(form.name)}#confirmation` };
    } catch (error) {
      if (!(error instanceof DomainError) || error.type === 'not-found' || error.type === 'forbidden') throw error;
      if (error.type === 'version-conflict' && expectedVersion !== undefined) {
        errors.add('form-refusal', 'commandForms.stale');
        return again(409, await this.changesSince(stream.row.id, expectedVersion, words));
      }
      if (error.type === 'validation-failed' && error.extra.invalidParams?.length) {
        refusalToForm(error, errors, words.lang, fieldOf);
        return again(422);
      }
      const hints = form.hints ? await form.hints(ctx, read.dto) : {};
      errors.addText('form-refusal', refusalText(error, words, hints));
      return again(error.status >= 400 && error.status < 500 ? error.status : 409);
    }
  }

  /** Runs the form that opens a case (no version: the case does not exist yet). */
  async submitOpening(
    form: OpeningForm,
    ctx: { account: AuthenticatedAccount; words: Words; now: string },
    fields: FormFields,
    uploaded: DocumentView[],
    errors: FormErrors,
  ): Promise<FormOutcome> {
    const kept = [...uploaded, ...(await this.keptDocuments(fields, ctx.account))];
    const read = await form.read(fields, ctx, kept);
    for (const p of read.problems ?? []) errors.add(p.field, p.key, p.params);
    const fieldOf = (path: string) => (form.fieldOf ? form.fieldOf(path, read) : defaultFieldOf(path));
    const again = (status: number): FormOutcome => ({
      kind: 'again',
      status,
      errors,
      values: read.values,
      uploaded: kept,
    });
    const dto = await validateForm(form.command.dto as never, read.dto, errors, ctx.words.lang, fieldOf);
    if (!dto || errors.any) return again(422);
    const { idempotency } = formSubmission(fields, ctx.account.id, { form: form.name, dto: read.dto });
    try {
      const answer = await this.runtime.open(form.command, {
        account: ctx.account,
        params: {},
        dto: dto,
        ...(idempotency ? { idempotency } : {}),
      });
      const id = (answer.body as { id: string }).id;
      return { kind: 'done', location: `/case/${id}?done=${encodeURIComponent(form.name)}#confirmation` };
    } catch (error) {
      if (!(error instanceof DomainError) || error.type === 'not-found') throw error;
      if (error.type === 'validation-failed' && error.extra.invalidParams?.length) {
        refusalToForm(error, errors, ctx.words.lang, fieldOf);
        return again(422);
      }
      errors.addText('form-refusal', refusalText(error, ctx.words));
      return again(error.status >= 400 && error.status < 500 ? error.status : 409);
    }
  }

  /** What changed since the version the form was made at: the events after it, in words. */
  async changesSince(id: string, version: number, words: Words): Promise<StaleNotice> {
    const events = await this.events.read(this.reader.manager, id);
    const conclusion = await this.conclusions.latest(this.reader.manager, id);
    const titleOf = (code: string) => conclusion.items.find((i) => i.code === code)?.title ?? '';
    const ids = [...new Set(events.filter((e) => e.seq > version).map((e) => e.actorId))].filter((a) =>
      /^[0-9a-f-]{36}$/i.test(a),
    );
    const accounts = ids.length
      ? await this.reader.manager.find(AccountEntity, {
          select: { id: true, displayName: true },
          where: { id: In(ids) },
        })
      : [];
    const actors = new Map(accounts.map((a) => [a.id, a.displayName]));
    const later = timelineOf(events, words, { caseId: id, actors, indicatorTitle: titleOf }).filter(
      (e) => e.seq > version,
    );
    return {
      from: version,
      to: events.length ? events[events.length - 1].seq : version,
      changes: later.map((e) => ({ title: e.title, when: e.when, who: e.who, lines: e.lines })),
    };
  }

  /** Documents uploaded earlier for this form (hidden `documents` fields): only what this person's side uploaded. */
  private async keptDocuments(fields: FormFields, account: AuthenticatedAccount): Promise<DocumentView[]> {
    const shas = [...new Set(fields.all('documents'))].filter((s) => /^[0-9a-f]{64}$/.test(s)).slice(0, 200);
    if (!shas.length || sideOf(account) === null) return [];
    const out: DocumentView[] = [];
    for (const sha of shas) {
      try {
        out.push(await this.documents.viewFor(sha, account));
      } catch {
        // not this side's: the command refuses it by name when cited; here it is simply not kept
      }
    }
    return out;
  }

  /** One document uploaded by the enhancement script (progress shown in the page); JSON in the reader's language. */
  async upload(
    request: WebRequest,
    id: string,
    account: AuthenticatedAccount,
    words: Words,
  ): Promise<{ status: number; body: unknown }> {
    const stream = await this.cases.visible(id, account);
    if (
      !permits(account, 'document.upload', { bodyCode: stream.row.bodyCode, authorityCode: stream.row.authorityCode })
    ) {
      throw new DomainError('forbidden', 'This role uploads no documents to this case');
    }
    const errors = new FormErrors(words.lang);
    const { uploaded } = await this.fieldsOf(request, account, errors, words);
    if (errors.any || uploaded.length !== 1) {
      return { status: 422, body: { error: errors.summary[0]?.text ?? words.t('commandForms.uploadOne') } };
    }
    const d = uploaded[0];
    return { status: 201, body: { sha256: d.sha256, name: d.originalName, size: d.size, mediaType: d.mediaType } };
  }

  /** Sends the outcome: the 303 to the case, or the form again with its status. */
  answer(
    reply: FastifyReply,
    request: WebRequest,
    outcome: FormOutcome,
    page: () => Promise<{ view: string; model: Record<string, unknown> }>,
  ) {
    if (outcome.kind === 'done') return this.views.redirect(reply, outcome.location);
    return page().then(({ view, model }) => this.views.send(reply, request, view, model, outcome.status));
  }
}

/** `items[0].claimedScore` → `items-0-claimedScore` (the id of the field on the page). */
export function defaultFieldOf(path: string): string {
  return path.replace(/[.[\]]+/g, '-').replace(/-$/, '');
}

function uploadReason(error: DomainError, words: Words): string {
  if (error.type === 'payload-too-large')
    return words.t('commandForms.fileTooLarge', { max: MAX_DOCUMENT_BYTES / 1024 / 1024 });
  if (error.type === 'unsupported-media-type') return words.t('commandForms.fileType');
  const param = error.extra.invalidParams?.[0];
  return param ? describeReason(words.lang, param) : describeRefusal(words.lang, error);
}

/** A key of the `commandForms.done.*` group (the confirmation after a form), for the case page. */
export const doneKey = (name: string) => dynamicKey(`commandForms.done.${name}`);
