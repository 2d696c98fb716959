import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { databaseFault } from './database-faults';
import { DomainError, InvalidParam, reasonIn } from './domain-error';
import { negotiateLanguage } from './i18n';
import { PROBLEM_TYPES, ProblemType, problemTypeUri } from './problem-types';
import { renderText, text } from '../i18n/text';

export interface ProblemDocument {
  type: string;
  code: ProblemType;
  title: string;
  titles: { kk: string; ru: string; en: string };
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  law?: string;
  invalidParams?: InvalidParam[];
  [extension: string]: unknown;
}

/**
 * Turns anything thrown into a domain refusal; unknown errors become `internal` with no details leaked.
 * A database that is busy, read-only, full or unreachable is the service's condition, said plainly: 503 with
 * Retry-After and a problem type naming the cause (`fault` is set so the filter logs it as such).
 */
export function toDomainError(error: unknown): { domain: DomainError; internal: boolean; fault?: boolean } {
  if (error instanceof DomainError) return { domain: error, internal: false };
  const fault = error instanceof HttpException ? null : databaseFault(error);
  if (fault) return { domain: new DomainError(fault, text(`problems.${fault}.detail`)), internal: false, fault: true };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const type: ProblemType =
      status === 404
        ? 'not-found'
        : status === 413
          ? 'payload-too-large'
          : status === 415
            ? 'unsupported-media-type'
            : status === 401
              ? 'unauthenticated'
              : status === 403
                ? 'forbidden'
                : status === 429
                  ? 'rate-limited'
                  : status < 500
                    ? 'validation-failed'
                    : 'internal';
    const detail =
      status === 404
        ? text('refusals.common.noSuchResource')
        : type === 'internal'
          ? text('problems.internal.detail')
          : error.message;
    // Nest's own 400s come from the body parser (malformed JSON, wrong content type): the field is the body.
    const extra =
      type === 'validation-failed'
        ? {
            invalidParams: [
              typeof detail === 'string'
                ? { name: 'body', reason: detail }
                : { name: 'body', reason: renderText('en', detail), text: detail },
            ],
          }
        : {};
    return { domain: new DomainError(type, detail, extra), internal: type === 'internal' };
  }
  const code = (error as { code?: string; statusCode?: number } | undefined)?.code;
  // A unique constraint hit by a concurrent action that created the same record first (PostgreSQL 23505,
  // SQLite SQLITE_CONSTRAINT): the loser is told to reload, never a 500.
  const driverCode = (error as { driverError?: { code?: string } } | undefined)?.driverError?.code ?? code;
  if (
    driverCode === '23505' ||
    (driverCode === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY KEY/.test(String((error as Error).message)))
  ) {
    return { domain: new DomainError('version-conflict', text('refusals.common.concurrentCreate')), internal: false };
  }
  const statusCode = (error as { statusCode?: number } | undefined)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    // Fastify's own refusals: malformed JSON, body too large, unsupported content type, bad multipart.
    const type: ProblemType =
      statusCode === 413 ? 'payload-too-large' : statusCode === 415 ? 'unsupported-media-type' : 'validation-failed';
    const json = code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(String((error as Error).message));
    const detail = json ? text('refusals.common.invalidJson') : String((error as Error).message ?? 'Bad request');
    const param =
      typeof detail === 'string'
        ? { name: 'body', reason: detail }
        : { name: 'body', reason: renderText('en', detail), text: detail };
    return {
      domain: new DomainError(type, detail, type === 'validation-failed' ? { invalidParams: [param] } : {}),
      internal: false,
    };
  }
  return { domain: new DomainError('internal', text('problems.internal.detail')), internal: true };
}

export function problemDocument(error: DomainError, request: FastifyRequest): ProblemDocument {
  // Issue 11: title, detail and each field's reason in the language asked for (Kazakh when none is named).
  const language = negotiateLanguage(request.headers['accept-language']);
  const titles = PROBLEM_TYPES[error.type].title;
  const { law, invalidParams, ...rest } = error.extra;
  return {
    type: problemTypeUri(error.type),
    code: error.type,
    title: titles[language],
    titles,
    status: error.status,
    detail: error.detailIn(language),
    instance: request.url,
    requestId: String(request.id),
    ...(law ? { law } : {}),
    ...(invalidParams
      ? { invalidParams: invalidParams.map((p) => ({ name: p.name, reason: reasonIn(language, p) })) }
      : {}),
    ...rest,
  };
}

/**
 * Web pages (src/web) answer their errors as HTML in the reader's language instead of problem+json;
 * the filter hands them over after logging. Provided by the WebModule under this token.
 */
export interface HtmlErrorPages {
  handles(request: FastifyRequest): boolean;
  send(error: DomainError, request: FastifyRequest, reply: FastifyReply): void;
}
export const HTML_ERROR_PAGES = Symbol('HTML_ERROR_PAGES');

/**
 * The one global filter (STYLE): RFC 9457 application/problem+json with a stable `type` per rule,
 * logged once with the request id; a 500 never shows its internals.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(@Optional() @Inject(HTML_ERROR_PAGES) private readonly pages?: HtmlErrorPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { domain, internal, fault } = toDomainError(exception);
    // Logged once, on the request's own pino logger (its lines carry `reqId`), in the one format (issue 11).
    const log = request.log ?? null;
    const write = (level: 'info' | 'warn' | 'error', fields: Record<string, unknown>) => {
      if (log) log[level]({ context: 'Problem', ...fields }, String(fields.msg));
      else this.logger[level === 'info' ? 'log' : level]({ requestId: request.id, ...fields });
    };
    if (fault) {
      write('warn', {
        msg: 'database fault',
        type: domain.type,
        error: exception instanceof Error ? exception.message : String(exception),
      });
    } else if (internal) {
      write('error', {
        msg: 'unhandled error',
        error: exception instanceof Error ? exception.stack : String(exception),
      });
    } else if (domain.status >= 400) {
      write('info', { msg: 'refused', type: domain.type, status: domain.status, url: request.url });
    }
    if (this.pages?.handles(request)) return this.pages.send(domain, request, reply);
    sendProblem(reply, problemDocument(domain, request));
  }
}

export function sendProblem(reply: FastifyReply, body: ProblemDocument): void {
  // 429 and 503 say when to come back (RFC 9110 §10.2.3): the refusal's own figure, else its type's.
  const retryAfter =
    body.retryAfterSeconds ?? (PROBLEM_TYPES[body.code] as { retryAfterSeconds?: number }).retryAfterSeconds;
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  void reply.header('content-language', negotiateLanguage(reply.request?.headers['accept-language']));
  void reply
    .status(body.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify(body));
}
