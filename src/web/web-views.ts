import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { Role } from '../auth/roles';
import { LANGUAGES, Language } from '../common/i18n';
import { projectRoot } from '../common/paths';
import { MessageKey, MessageParams, lawPoint, t } from '../i18n/catalogue';
import { formatDate, formatDateTime, isoInAstana } from '../i18n/time';
import { WebAssets } from './web-assets';
import { WebContext, WebRequest } from './web-context';

/** The Content-Security-Policy of every page: only this service, and the one inline script by its nonce. */
export function pageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The sections of the service a role reaches from the header (the page it is on is marked current). */
export function navigationOf(lang: Language, role: Role, currentPath: string) {
  const path = currentPath.split('?')[0];
  const items: Array<{ href: string; key: MessageKey; roles?: Role[] }> = [
    { href: '/', key: 'nav.queue' },
    { href: '/calendar', key: 'nav.calendar' },
    { href: '/audit', key: 'nav.audit', roles: ['auditor', 'administrator'] },
    { href: '/admin', key: 'nav.admin', roles: ['administrator', 'auditor'] },
    { href: '/account', key: 'nav.account' },
  ];
  const current = (href: string) =>
    href === '/'
      ? path === '/' || path.startsWith('/case/') || path.startsWith('/commission/')
      : path === href || path.startsWith(`${href}/`);
  return items
    .filter((item) => !item.roles || item.roles.includes(role))
    .map((item) => ({ href: item.href, text: t(lang, item.key), ...(current(item.href) ? { current: true } : {}) }));
}

/** A form's errors: summarised at the top (links to the fields) and shown at each field, in the reader's language. */
export class FormErrors {
  private readonly items: Array<{ field: string; text: string }> = [];

  constructor(private readonly lang: Language) {}

  add(field: string, key: MessageKey, params?: MessageParams): this {
    this.items.push({ field, text: t(this.lang, key, params) });
    return this;
  }

  /** A message already in the reader's language (composed by the caller). */
  addText(field: string, text: string): this {
    this.items.push({ field, text });
    return this;
  }

  get any(): boolean {
    return this.items.length > 0;
  }

  /** For govukErrorSummary's errorList. */
  get summary(): Array<{ text: string; href: string }> {
    return this.items.map(({ field, text }) => ({ text, href: `#${field}` }));
  }

  /** For a component's errorMessage (undefined: no error at that field). */
  of(field: string): { text: string; visuallyHiddenText: string } | undefined {
    const item = this.items.find((i) => i.field === field);
    return item ? { text: item.text, visuallyHiddenText: t(this.lang, 'layout.errorPrefix') } : undefined;
  }
}

/**
 * Renders the Nunjucks views of src/web/views with GOV.UK Frontend's macros (`govuk/components/…`), and
 * sends them with the page CSP. Every view gets the reader's language and `t()`, the signed-in person,
 * the CSRF token for its forms, the nonce, the asset URLs and the Astana time filters.
 */
@Injectable()
export class WebViews {
  private readonly env: nunjucks.Environment;

  constructor(private readonly assets: WebAssets) {
    const root = projectRoot();
    this.env = new nunjucks.Environment(
      new nunjucks.FileSystemLoader(
        [join(root, 'src', 'web', 'views'), join(root, 'node_modules', 'govuk-frontend', 'dist')],
        { noCache: false },
      ),
      { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
    );
    this.env.addFilter('dateTime', (value: string | Date) => formatDateTime(value));
    this.env.addFilter('date', (value: string | Date) => formatDate(value));
    this.env.addFilter('isoAstana', (value: string | Date) => isoInAstana(value));
    this.env.addFilter('selectItems', (items: Array<{ value: string; text: string }>, selected: string) =>
      items.map((i) => ({ ...i, selected: i.value === selected })),
    );
    this.env.addFilter(
      'options',
      (choices: Array<{ value: string; text: string }>, selected?: string, blank?: string) => [
        ...(blank !== undefined ? [{ value: '', text: blank, selected: !selected }] : []),
        ...choices.map((c) => ({ value: c.value, text: c.text, selected: c.value === selected })),
      ],
    );
    this.env.addFilter('radioItems', (items: Array<{ value: string; text: string; selected?: boolean }>) =>
      items.map(({ selected, ...i }) => ({ ...i, checked: !!selected })),
    );
    this.env.addFilter('cycleItems', (cycles: string[], selected: string) =>
      cycles.map((c) => ({ value: c, text: c, selected: c === selected })),
    );
    this.env.addGlobal('asset', (name: string) => this.assets.url(name));
    this.env.addGlobal('languages', LANGUAGES);
  }

  /** The HTML of a view with the common context of every page. */
  html(view: string, web: WebContext, currentPath: string, data: Record<string, unknown> = {}): string {
    const lang = web.lang;
    const account = web.session?.account ?? null;
    return this.env.render(`${view}.njk`, {
      navigation: account ? navigationOf(lang, account.role, currentPath) : null,
      ...data,
      lang,
      t: (key: MessageKey, params?: MessageParams) => t(lang, key, params),
      lawPoint: (point: number | string) => lawPoint(lang, point),
      account: web.session?.account ?? null,
      userName: web.session?.userName ?? null,
      mustChangePassword: web.session?.mustChangePassword ?? false,
      csrfToken: web.csrfToken,
      cspNonce: web.nonce,
      currentPath,
    });
  }

  send(
    reply: FastifyReply,
    request: WebRequest,
    view: string,
    data: Record<string, unknown> = {},
    status = 200,
  ): FastifyReply {
    const web = request.web;
    if (!web) throw new Error('A page was rendered without its WebContext (is the handler marked @WebPage?)');
    const body = this.html(view, web, request.url, data);
    return reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', pageCsp(web.nonce))
      .header('cache-control', 'no-store')
      .header('content-language', web.lang)
      .send(body);
  }

  /** After a form: 303 See Other, so reloading the next page never posts the form again. */
  redirect(reply: FastifyReply, location: string): FastifyReply {
    return reply.status(303).header('location', location).header('cache-control', 'no-store').send();
  }
}
