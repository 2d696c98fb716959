import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import { Clock } from './common/clock';
import { serveApiDocsPage } from './common/api-docs';
import { AppConfig } from './config/app-config';
import { MAX_DOCUMENT_BYTES } from './documents/document-limits';
import { webRouteExclusions } from './web/web.module';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** The HTTP adapter: Fastify (≈3× Express here), request ids, JSON logs without secrets. */
export function createAdapter(config: AppConfig, logStream?: { write(line: string): void }): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // X-Forwarded-For/-Proto are believed only from the proxies named in APPEALS_TRUST_PROXY (docs/operations.md).
    trustProxy: config.trustProxy ? config.trustProxy.split(',').map((entry) => entry.trim()) : false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
    },
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers["idempotency-key"]'],
            ...(logStream ? { stream: logStream } : {}),
          },
  });
  const fastify = adapter.getInstance();
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
      if (!reply.hasHeader('content-security-policy')) void reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    } else {
      void reply.header('content-security-policy', "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    }
  });
  return adapter;
}

/** Everything app-level the production server and the e2e tests share. */
export function configureApp(app: NestFastifyApplication): void {
  // The web pages (src/web) live outside the API's prefix: `/`, `/sign-in`, …
  app.setGlobalPrefix(API_PREFIX, { exclude: webRouteExclusions() });
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Appeals engine for evaluation disputes')
      .setDescription(
        'Chapter 7 of the methodology for evaluating the effectiveness of state bodies (points 98–108): ' +
          'objections, the special commission, the disagreement table, dispatch, correction and escalation. ' +
          'Errors are RFC 9457 application/problem+json; see /api/v1/problems.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { ui: false, raw: ['json'], jsonDocumentUrl: 'api/docs-json' });
  serveApiDocsPage(app, '/api/docs-json');
}

export async function createApp(config: AppConfig, options: { clock?: Clock } = {}): Promise<NestFastifyApplication> {
  const { JsonLogger } = await import('./common/json-logger');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), createAdapter(config), {
    logger: new JsonLogger(config.logLevel),
  });
  configureApp(app);
  return app;
}
