import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The old read-only viewer at `/ui/` (a pasted bearer token, no actions) is replaced by the web application at `/`
 * (issue 14). Its addresses are kept, so bookmarks and links people saved still arrive: every `/ui…` path is a
 * permanent redirect to the home page (the work queue, or the sign-in page for a visitor).
 */
export function registerOldViewerRedirects(fastify: FastifyInstance): void {
  const toHome = (_request: unknown, reply: FastifyReply) => {
    void reply.header('cache-control', 'no-cache').redirect('/', 301);
  };
  fastify.get('/ui', toHome);
  fastify.get('/ui/*', toHome);
}

@Module({})
export class WebUiModule implements OnModuleInit {
  private readonly logger = new Logger('WebUi');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Runs in app.init(), before Fastify's ready(): routes may still be added then. */
  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter || adapter.getType() !== 'fastify') {
      this.logger.warn('The old viewer’s redirects need the Fastify adapter; /ui/ is not served');
      return;
    }
    registerOldViewerRedirects(adapter.getInstance<FastifyInstance>());
  }
}
