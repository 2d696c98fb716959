import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './api';

/**
 * The typed client of the public API (issue 11 item 2): openapi-fetch over the types openapi-typescript generated
 * from the served document (`npm run client` → src/client/api.d.ts). A path, a parameter or a body the document does
 * not have is a compile error, so a drift between the server and its clients fails the build.
 */
export type ApiClient = Client<paths>;
export type ApiPaths = paths;
export type Schemas = components['schemas'];

/** The client of the service at `baseUrl` (e.g. http://127.0.0.1:3000), over `fetch` (or one given, e.g. in-process). */
export function createApiClient(baseUrl: string, fetchImpl?: (request: Request) => Promise<Response>): ApiClient {
  return createClient<paths>({ baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

/** The Authorization header of a bearer token. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** The data of a 2xx answer, or an error naming the step and the problem the API answered with. */
export async function dataOf<T>(
  answer: Promise<{ data?: T; error?: unknown; response: Response }>,
  what: string,
): Promise<T> {
  const { data, error, response } = await answer;
  if (!response.ok || data === undefined)
    throw new Error(`${what} failed: ${response.status} ${JSON.stringify(error ?? null)}`);
  return data;
}
