import { ApiClient, createApiClient } from '../client';

/**
 * The public API as the demo seeder, the benches and the e2e helpers use it: `client`, the typed client generated from
 * the served document (src/client, issue 11) — use it wherever the path is known — and `call`/`upload`, untyped
 * calls for paths built at run time (the demo's story walks many cases through one helper).
 */
/**
 * The JSON of an untyped call: whatever the served document says that path answers. Typed calls go through `client`;
 * these are for paths built at run time, and the caller states what it reads (tests assert on it).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type UntypedJson = any;

export interface ApiResponse {
  status: number;
  body: UntypedJson;
  /** The answer's headers, lower-case names (Location, ETag). */
  headers?: Record<string, string>;
}

export interface Api {
  client: ApiClient;
  call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    token?: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse>;
  upload(path: string, token: string, fileName: string, bytes: Buffer): Promise<ApiResponse>;
}

/** The API of a running service, over fetch. */
export function fetchApi(baseUrl: string): Api {
  return {
    client: createApiClient(baseUrl),
    async call(method, path, token, body, headers = {}) {
      const res = await fetch(baseUrl + path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return {
        status: res.status,
        body: text ? safeJson(text) : null,
        headers: Object.fromEntries(res.headers.entries()),
      };
    },
    async upload(path, token, fileName, bytes) {
      const form = new FormData();
      form.append('file', new Blob([bytes]), fileName);
      const res = await fetch(baseUrl + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      return { status: res.status, body: safeJson(await res.text()) };
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Fails loudly with the problem document when the API refuses a step the seeder needs. */
export async function expectOk(response: Promise<ApiResponse>, what: string): Promise<UntypedJson> {
  const r = await response;
  if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
