import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { LogController } from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AuthenticatedAccount } from './auth/authenticated-account';
import { Clock } from './common/clock';
import { completeApiDocument } from './common/api-contract';
import { serveApiDocsPage } from './common/api-docs';
import { DomainError } from './common/domain-error';
import { installJsonBodyParser } from './common/json-body';
import { PinoNestLogger, createLogger } from './common/logger';
import { checkRequestParameters } from './common/path-parameters';
import { problemDocument, sendProblem } from './common/problem.filter';
import {
  DEFAULT_AUTH_FAILURES_PER_MINUTE,
  DEFAULT_RATE_PER_ADDRESS,
  DEFAULT_RATE_PER_MINUTE,
  installRateLimits,
} from './common/rate-limit';
import { AppConfig } from './config/app-config';
import { MAX_DOCUMENT_BYTES } from './documents/document-limits';
import { webRouteExclusions } from './web/web.module';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** The longest a client may take to send a whole request (headers and body); APPEALS_REQUEST_TIMEOUT. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** Headers must be complete within this; a connection idle this long is closed; an idle keep-alive this long. */
export const HEADERS_TIMEOUT_MS = 15_000;
export const IDLE_TIMEOUT_MS = 30_000;
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/**
 * Nest's adapter with the service's JSON body parser: Nest registers its own at init, which is replaced right
 * after by one that refuses deep nesting before anything parses it (src/common/json-body.ts).
 */
class AppFastifyAdapter extends FastifyAdapter {
  override registerParserMiddleware(prefix?: string, rawBody?: boolean): void {
    super.registerParserMiddleware(prefix, rawBody);
    installJsonBodyParser(this.getInstance<FastifyInstance>(), BODY_LIMIT_BYTES);
  }
}

/**
 * Fastify's request log, one line per request when it is answered (instead of Fastify's two), with the request
 * id (from the child logger), the account id once authenticated (never the token), the route and the time taken.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const account = (request as unknown as { account?: AuthenticatedAccount }).account;
    const fields = {
      method: request.method,
      route: request.routeOptions?.url ?? null,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      account: account?.id ?? null,
      ip: request.ip,
    };
    if (error) reply.log.error({ ...fields, err: error.message }, 'request');
    else reply.log.info(fields, 'request');
  }
}

/**
 * The HTTP adapter: Fastify (≈3× Express here), request ids, one pino log line per request without secrets,
 * time limits on slow clients, rate limits before authentication.
 */
export function createAdapter(config: AppConfig, logStream?: { write(line: string): void }): FastifyAdapter {
  const logger = createLogger(config.logLevel, logStream);
  const requestTimeout = config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const adapter = new AppFastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // X-Forwarded-For/-Proto are believed only from the proxies named in APPEALS_TRUST_PROXY (docs/operations.md).
    trustProxy: config.trustProxy?.length ? config.trustProxy : false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
    },
    loggerInstance: logger,
    logController: new OneLinePerRequest(),
    // Slow clients (issue 12): the whole request within requestTimeout (a body trickling a byte every few seconds
    // is cut off), headers within HEADERS_TIMEOUT_MS, an idle socket closed; Node checks every second.
    requestTimeout,
    connectionTimeout: IDLE_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    http: { headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout), connectionsCheckingInterval: 1_000 },
    // Malformed URLs the router itself refuses (invalid percent-encoding, a path segment over 100 characters):
    // answered as problems naming the path, like every other bad input.
    frameworkErrors: (error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply) => {
      const key =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'refusals.misc.pathTooLong' : 'refusals.misc.pathEncoding';
      sendProblem(reply, problemDocument(DomainError.field('path', key), request));
    },
  } as FastifyServerOptions);
  const fastify = adapter.getInstance();
  installRateLimits(fastify, {
    perToken: config.rateLimitPerMinute ?? DEFAULT_RATE_PER_MINUTE,
    perAddress: config.rateLimitPerAddress ?? DEFAULT_RATE_PER_ADDRESS,
    authFailures: config.authFailureLimit ?? DEFAULT_AUTH_FAILURES_PER_MINUTE,
    windowMs: config.rateLimitWindowMs ?? 60_000,
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      checkRequestParameters(request);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  // Uploads (documents): one file; one byte over the limit reaches DocumentsService, which refuses it with 413.
  // Registered on the instance (what adapter.register does) for its typing; loaded before the routes serve.
  void fastify.register(multipart, { limits: { fileSize: MAX_DOCUMENT_BYTES + 1, files: 1, fields: 5, parts: 6 } });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
    // Security headers: nothing here is meant to be framed, sniffed or cached by intermediaries.
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('cross-origin-resource-policy', 'same-origin');
    if (!request.url.startsWith('/api/docs')) {
      // A handler that serves a page sets its own, stricter-fitting policy (the disagreement table's style hash).
      if (!reply.hasHeader('content-security-policy'))
        void reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    } else {
      void reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
      );
    }
  });
  return adapter;
}

/** Everything app-level the production server and the e2e tests share. */
export function configureApp(app: NestFastifyApplication): void {
  // The web pages (src/web) live outside the API's prefix: `/`, `/sign-in`, …
  app.setGlobalPrefix(API_PREFIX, { exclude: webRouteExclusions() });
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, buildApiDocument(app), {
    ui: false,
    raw: ['json'],
    jsonDocumentUrl: 'api/docs-json',
  });
  serveApiDocsPage(app, '/api/docs-json');
}

/** The OpenAPI document the service serves at /api/docs-json (also what `npm run client` generates from). */
export function buildApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const info = new DocumentBuilder()
    .setTitle('Appeals engine for evaluation disputes')
    .setDescription(
      'Chapter 7 of the methodology for evaluating the effectiveness of state bodies (points 98–108): ' +
        'objections, the special commission, the disagreement table, dispatch, correction and escalation. ' +
        'Errors are RFC 9457 application/problem+json; see /api/v1/problems.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return completeApiDocument(SwaggerModule.createDocument(app, info));
}

/** The pino logger the adapter's Fastify instance runs on, for Nest and for lines outside a request. */
export function adapterLogger(adapter: FastifyAdapter): Logger {
  return adapter.getInstance().log as unknown as Logger;
}

export async function createApp(config: AppConfig, options: { clock?: Clock } = {}): Promise<NestFastifyApplication> {
  const adapter = createAdapter(config);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger: new PinoNestLogger(adapterLogger(adapter)),
    // A failed start is thrown to main.ts, which names the database it could not open; Nest would exit first.
    abortOnError: false,
  });
  configureApp(app);
  return app;
}
