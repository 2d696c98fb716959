import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { DomainError } from '../common/domain-error';
import { HtmlErrorPages } from '../common/problem.filter';
import { PROBLEM_TYPES } from '../common/problem-types';
import { MessageKey } from '../i18n/catalogue';
import { WebContext, WebRequest, localPath } from './web-context';
import { WebGate } from './web-gate';
import { WebViews } from './web-views';

/** The paths that are web pages (everything but the API, its documents and the old viewer's redirects under /ui). */
export function isWebPath(url: string): boolean {
  const path = url.split('?')[0];
  return !/^\/(api|ui)(\/|$)/.test(path);
}

/**
 * Errors of the web pages as HTML in the reader's language (no JSON, no stack, no request-id soup: a short
 * reference only on a 500). Not signed in → the sign-in page (303); a forced password change → the
 * password page (303); CSRF → 403 page; 404, 403, 429 and 500 → their pages.
 */
@Injectable()
export class WebErrorPages implements HtmlErrorPages {
  private readonly logger = new Logger('WebErrorPages');

  constructor(
    private readonly gate: WebGate,
    private readonly views: WebViews,
  ) {}

  handles(request: FastifyRequest): boolean {
    return isWebPath(request.url);
  }

  send(error: DomainError, request: FastifyRequest, reply: FastifyReply): void {
    this.render(error, request as WebRequest, reply).catch((failure: unknown) => {
      this.logger.error({
        msg: 'error page failed',
        requestId: request.id,
        error: failure instanceof Error ? failure.stack : String(failure),
      });
      if (!reply.sent) void reply.status(500).header('content-type', 'text/plain; charset=utf-8').send('500');
    });
  }

  private async render(error: DomainError, request: WebRequest, reply: FastifyReply): Promise<void> {
    let web: WebContext;
    try {
      web = await this.gate.contextOf(request, reply);
    } catch {
      // The database may be what failed: the page still comes, signed out, in the reader's language.
      web = {
        lang: this.gate.languageOf(request),
        session: null,
        ended: null,
        csrfToken: '',
        nonce: randomBytes(16).toString('base64'),
      };
      request.web = web;
    }
    const marker = error.extra.web;
    if (error.type === 'unauthenticated') {
      const query = new URLSearchParams();
      if (request.method === 'GET') {
        const next = localPath(request.url, '');
        if (next && next !== '/') query.set('next', next);
      }
      // Why a session that came with the request ended: timed out, or closed (signed out elsewhere, password reset).
      if (web.ended) query.set('ended', web.ended === 'unknown' ? 'closed' : web.ended);
      const search = query.toString();
      this.views.redirect(reply, `/sign-in${search ? `?${search}` : ''}`);
      return;
    }
    if (marker === 'password-change') {
      this.views.redirect(reply, '/password');
      return;
    }
    const page = this.pageOf(error, marker);
    const reference =
      page.status >= 500
        ? String(request.id)
            .replace(/[^A-Za-z0-9]/g, '')
            .slice(0, 8)
            .toUpperCase()
        : null;
    this.views.send(
      reply,
      request,
      'error',
      { title: page.title, body: page.body, problemTitle: page.problemTitle?.[web.lang] ?? null, reference },
      page.status,
    );
  }

  private pageOf(
    error: DomainError,
    marker: unknown,
  ): { status: number; title: MessageKey; body: MessageKey; problemTitle?: Record<string, string> } {
    if (marker === 'csrf') return { status: 403, title: 'errors.csrfTitle', body: 'errors.csrfBody' };
    switch (error.status) {
      case 404:
        return { status: 404, title: 'errors.notFoundTitle', body: 'errors.notFoundBody' };
      case 403:
        return { status: 403, title: 'errors.forbiddenTitle', body: 'errors.forbiddenBody' };
      case 429:
        return { status: 429, title: 'errors.tooManyTitle', body: 'errors.tooManyBody' };
    }
    if (error.status >= 500) return { status: 500, title: 'errors.internalTitle', body: 'errors.internalBody' };
    return {
      status: error.status,
      title: 'errors.badRequestTitle',
      body: 'errors.badRequestBody',
      problemTitle: PROBLEM_TYPES[error.type].title,
    };
  }
}
