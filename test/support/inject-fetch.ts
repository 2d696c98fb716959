import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiClient, type ApiClient } from '../../src/client';

/**
 * `fetch` answered in-process by the app's Fastify instance (`inject`), so e2e tests use the same typed client as
 * the demo and the benches without opening a port.
 */
export function injectFetch(app: NestFastifyApplication): (request: Request) => Promise<Response> {
  const fastify = app.getHttpAdapter().getInstance();
  return async (request: Request) => {
    const url = new URL(request.url);
    const payload = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const res = await fastify.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers.entries()),
      ...(payload ? { payload } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, String(v));
    }
    const empty = res.statusCode === 204 || res.statusCode === 304;
    return new Response(empty ? null : res.rawPayload, { status: res.statusCode, headers });
  };
}

/** The typed client of a test app. */
export function typedClient(app: NestFastifyApplication): ApiClient {
  return createApiClient('http://in-process', injectFetch(app));
}
