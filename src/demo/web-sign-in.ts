import { randomBytes } from 'node:crypto';
import { bearer, dataOf } from '../client';
import { Api } from './api-client';

/** The people of the demo who sign in to the web pages: one per role, and two more agencies with work waiting. */
export const DEMO_SIGN_INS: { userName: string; token: string }[] = [
  { userName: 'admin', token: 'admin' },
  { userName: 'auditor', token: 'auditor' },
  { userName: 'asc.officer', token: 'ascOfficer' },
  { userName: 'asc.secretary', token: 'ascSecretary' },
  { userName: 'asc.chair', token: 'ascChair' },
  { userName: 'mdai.officer', token: 'mdaiOfficer' },
  { userName: 'mz.rep', token: 'agency:MZ' },
  { userName: 'mio.rep', token: 'agency:MIO' },
  { userName: 'mt.rep', token: 'agency:MT' },
  { userName: 'pa.officer', token: 'pa' },
  { userName: 'working.body', token: 'workingBody' },
];

/** A password people can read off a terminal: 4 groups of 4 letters and digits (80 bits), never a common one. */
export function demoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** A browser's cookies for one service, enough for our own cookies (`name=value`, Max-Age=0 deletes). */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (/;\s*Max-Age=0\b/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? '';

/**
 * Gives an account a user name and a password people can sign in with directly: the administrator sets a one-time
 * password (PUT /api/v1/accounts/{id}/password), then — as the person would at the first sign-in — the demo signs in
 * through the web form and chooses the final password on the password page.
 */
export async function giveDemoSignIn(
  api: Api,
  baseUrl: string,
  adminToken: string,
  accountToken: string,
  userName: string,
): Promise<string> {
  const me = await dataOf(
    api.client.GET('/api/v1/accounts/me', { headers: bearer(accountToken) }),
    `account of ${userName}`,
  );
  const oneTime = demoPassword();
  const set = { params: { path: { id: me.id } }, body: { userName, password: oneTime }, headers: bearer(adminToken) };
  await dataOf(api.client.PUT('/api/v1/accounts/{id}/password', set), `password of ${userName}`);
  const password = demoPassword();
  const jar = new Jar();
  const form = async (path: string, fields: Record<string, string>) => {
    const page = await fetch(baseUrl + path, { headers: { cookie: jar.header }, redirect: 'manual' });
    jar.take(page);
    const res = await fetch(baseUrl + path, {
      method: 'POST',
      headers: { cookie: jar.header, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfOf(await page.text()), ...fields }).toString(),
      redirect: 'manual',
    });
    jar.take(res);
    if (res.status !== 303) throw new Error(`${path} for ${userName}: ${res.status}`);
    return res.headers.get('location');
  };
  const next = await form('/sign-in', { userName, password: oneTime });
  if (next !== '/password') throw new Error(`sign-in of ${userName} led to ${next}, not to the password page`);
  await form('/password', { currentPassword: oneTime, newPassword: password, confirmPassword: password });
  return password;
}
