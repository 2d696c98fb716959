import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

/**
 * Serves the interactive OpenAPI page at /api/docs from the swagger-ui-dist package (no CDN: nothing
 * downloads at run time). Served directly, because @nestjs/swagger's own UI needs a @fastify/static
 * major that conflicts with @nestjs/platform-fastify 11 (docs/decisions.md).
 */
export function serveApiDocsPage(app: NestFastifyApplication, jsonUrl: string): void {
  const dist = dirname(require.resolve('swagger-ui-dist/package.json'));
  const fastify = app.getHttpAdapter().getInstance();
  const page = `<!doctype html>
<html lang="kk"><head><meta charset="utf-8"><title>Appeals engine — API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/swagger-ui-standalone-preset.js"></script>
<script>window.ui = SwaggerUIBundle({ url: ${JSON.stringify(jsonUrl)}, dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });</script>
</body></html>`;
  fastify.get('/api/docs', (_request, reply) => {
    void reply.header('content-type', 'text/html; charset=utf-8').send(page);
  });
  for (const [file, type] of Object.entries(ASSETS)) {
    const body = readFileSync(join(dist, file));
    fastify.get(`/api/docs/${file}`, (_request, reply) => {
      void reply.header('content-type', type).header('cache-control', 'public, max-age=86400').send(body);
    });
  }
}
