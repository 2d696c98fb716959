/** A minimal HTTP client over the public API, used by the demo seeder (and by the e2e tests through supertest). */
export interface ApiResponse {
  status: number;
  body: any;
  /** The answer's headers, lower-case names (Location, ETag). */
  headers?: Record<string, string>;
}

export interface Api {
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, token?: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  upload(path: string, token: string, fileName: string, bytes: Buffer): Promise<ApiResponse>;
}

/** The API of a running service, over fetch. */
export function fetchApi(baseUrl: string): Api {
  return {
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
      return { status: res.status, body: text ? safeJson(text) : null };
    },
    async upload(path, token, fileName, bytes) {
      const form = new FormData();
      form.append('file', new Blob([bytes]), fileName);
      const res = await fetch(baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
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
export async function expectOk(response: Promise<ApiResponse>, what: string): Promise<any> {
  const r = await response;
  if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
