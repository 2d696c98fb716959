import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';
import { HTML_CSP } from '../table-render/render-html';

/** The disagreement table's own style hash: a table opened from a blob: URL inherits the page's policy. */
const TABLE_STYLE_HASH = /'sha256-[A-Za-z0-9+/=]+'/.exec(HTML_CSP)?.[0] ?? '';

/** The page loads only its own script and style and talks only to this service. */
export const WEB_UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self'${TABLE_STYLE_HASH ? ` ${TABLE_STYLE_HASH}` : ''}`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const FILES: Record<string, { file: string; type: string }> = {
  '/ui/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/ui/app.js': { file: 'app.js', type: 'application/javascript; charset=utf-8' },
  '/ui/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

/** The static files of the page: plain files in src/web-ui/assets, no build step (read from source in dist runs too). */
export function webUiAssetsDir(): string {
  return join(projectRoot(), 'src', 'web-ui', 'assets');
}

/**
 * Registers the read-only web interface on the Fastify instance, outside the Nest router (and so outside
 * the /api/v1 prefix): `/ui` → `/ui/`, the page, its script and its style. The page holds no data: every
 * datum comes from the API with the user's own bearer token, so these routes are public.
 */
export function registerWebUi(fastify: FastifyInstance, dir = webUiAssetsDir()): void {
  const bodies = Object.fromEntries(Object.entries(FILES).map(([route, { file }]) => [route, readFileSync(join(dir, file))]));
  const redirect = (_request: unknown, reply: { redirect: (url: string, code?: number) => unknown }) => {
    void reply.redirect('/ui/', 302);
  };
  fastify.get('/ui', redirect);
  for (const [route, { type }] of Object.entries(FILES)) {
    fastify.get(route, (_request, reply) => {
      void reply
        .header('content-type', type)
        .header('content-security-policy', WEB_UI_CSP)
        .header('cache-control', 'no-cache')
        .send(bodies[route]);
    });
  }
}

@Module({})
export class WebUiModule implements OnModuleInit {
  private readonly logger = new Logger('WebUi');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Runs in app.init(), before Fastify's ready(): routes may still be added then. */
  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter || adapter.getType() !== 'fastify') {
      this.logger.warn('The web interface needs the Fastify adapter; /ui/ is not served');
      return;
    }
    registerWebUi(adapter.getInstance<FastifyInstance>());
  }
}
