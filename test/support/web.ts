import type { Response } from 'supertest';
import { ADMIN_TOKEN, TestApp, bearer } from './test-app';

/** A cookie jar for supertest: keeps what Set-Cookie says (Max-Age=0 deletes), sends it back. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(res: Response): this {
    const header = res.headers['set-cookie'] as unknown as string[] | undefined;
    for (const line of header ?? []) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (/;\s*Max-Age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    return this;
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The `_csrf` value of the first form on a page. */
export function csrfOf(html: string): string {
  const found = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!found) throw new Error('No _csrf field on the page');
  return found[1];
}

export async function accountIdOf(sut: TestApp, token: string): Promise<string> {
  const res = await sut.http().get('/api/v1/accounts/me').set(bearer(token)).expect(200);
  return res.body.id as string;
}

/** The administrator gives the account of `token` a user name and a one-time password (PUT …/password). */
export async function givePassword(sut: TestApp, token: string, userName: string, password: string): Promise<string> {
  const id = await accountIdOf(sut, token);
  await sut
    .http()
    .put(`/api/v1/accounts/${id}/password`)
    .set(bearer(ADMIN_TOKEN))
    .send({ userName, password })
    .expect(200);
  return id;
}

/** A browser-like client over supertest: cookies kept, forms posted with their CSRF token. */
export class WebClient {
  readonly jar = new CookieJar();
  lastPage = '';

  constructor(
    private readonly sut: TestApp,
    private readonly headers: Record<string, string> = {},
  ) {}

  async get(path: string): Promise<Response> {
    let req = this.sut.http().get(path).set('Cookie', this.jar.header);
    for (const [k, v] of Object.entries(this.headers)) req = req.set(k, v);
    const res = await req;
    this.jar.take(res);
    if (/text\/html/.test(String(res.headers['content-type']))) this.lastPage = res.text;
    return res;
  }

  /** Posts a form as the browser would, with the `_csrf` of the last page unless `fields` gives one. */
  async post(path: string, fields: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams({ _csrf: this.lastPage ? csrfOf(this.lastPage) : '', ...fields }).toString();
    let req = this.sut
      .http()
      .post(path)
      .set('Cookie', this.jar.header)
      .set('content-type', 'application/x-www-form-urlencoded');
    for (const [k, v] of Object.entries(this.headers)) req = req.set(k, v);
    const res = await req.send(body);
    this.jar.take(res);
    if (/text\/html/.test(String(res.headers['content-type']))) this.lastPage = res.text;
    return res;
  }

  /** Signs in through the form; when the password must be changed first, changes it to `newPassword`. */
  async signIn(userName: string, password: string, newPassword?: string): Promise<Response> {
    await this.get('/sign-in');
    let res = await this.post('/sign-in', { userName, password });
    if (res.status === 303 && res.headers.location === '/password' && newPassword) {
      await this.get('/password');
      res = await this.post('/password', { currentPassword: password, newPassword, confirmPassword: newPassword });
    }
    return res;
  }
}
