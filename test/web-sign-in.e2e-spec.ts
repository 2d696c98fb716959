import { ReadDb } from '../src/database/read-db';
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { World } from '../src/demo/world';
import { AccountCredentialEntity, SignInAttemptEntity, WebSessionEntity } from '../src/sign-in/sign-in.entities';
import { startSeeded } from './support/seeded';
import { ADMIN_TOKEN, TestApp, bearer, startTestApp } from './support/test-app';
import { WebClient, accountIdOf, csrfOf, givePassword } from './support/web';

const ONE_TIME = 'Бір-реттік-құпиясөз-7';
const MINE = 'Менің-жаңа-құпиясөзім-2025';
const MINUTE = 60_000;

describe('Web sign-in (issue 14): passwords, sessions, CSRF, lockout, timeouts', () => {
  let sut: TestApp;
  let world: World;

  beforeAll(async () => {
    ({ sut, world } = await startSeeded());
  });
  afterAll(async () => {
    await sut.close();
  });

  /** An account ready to sign in: one-time password set by the administrator, then changed by the person. */
  async function ready(tokenKey: string, userName: string): Promise<WebClient> {
    await givePassword(sut, world.tokens[tokenKey], userName, ONE_TIME);
    const client = new WebClient(sut);
    const res = await client.signIn(userName, ONE_TIME, MINE);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/?done=password');
    return client;
  }

  it('entities match migration 1763800002000 exactly: no schema change pending for its tables', async () => {
    const pending = (await sut.dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);
    expect(pending.filter((q) => /account_credentials|web_sessions|sign_in_attempts/.test(q))).toEqual([]);
  });

  it('PUT /accounts/{id}/password: bad input names the field and the rule of the password policy, and changes nothing', async () => {
    const id = await accountIdOf(sut, world.tokens.ascOfficer);
    const put = (body: object, token = ADMIN_TOKEN, account = id) =>
      sut.http().put(`/api/v1/accounts/${account}/password`).set(bearer(token)).send(body);
    const refusals: Array<[object, string, RegExp]> = [
      [{ password: ONE_TIME }, 'userName', /no user name yet/],
      [{ userName: 'a b', password: ONE_TIME }, 'userName', /letters a–z/],
      [{ userName: 'officer.asc', password: 'short-1' }, 'password', /at least 12 characters/],
      [{ userName: 'officer.asc', password: 'Password1234' }, 'password', /common password/],
      [{ userName: 'officer.asc', password: 'Officer.ASC' }, 'password', /at least 12|user name/],
      [{ userName: 'officer.asc.1', password: 'OFFICER.ASC.1' }, 'password', /not be the user name/],
    ];
    for (const [body, field, reason] of refusals) {
      const res = await put(body).expect(400);
      expect(res.body.code).toBe('validation-failed');
      expect(res.body.invalidParams).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: field, reason: expect.stringMatching(reason) })]),
      );
    }
    expect(await sut.dataSource.manager.countBy(AccountCredentialEntity, { accountId: id })).toBe(0);
    await put({ userName: 'x.y.z', password: ONE_TIME }, ADMIN_TOKEN, '00000000-0000-4000-8000-000000000000').expect(
      404,
    );
    await put({ userName: 'officer.asc', password: ONE_TIME }, world.tokens.auditor).expect(403);

    const ok = await put({ userName: 'Officer.ASC', password: ONE_TIME }).expect(200);
    expect(ok.body).toEqual({
      accountId: id,
      userName: 'officer.asc',
      mustChangePassword: true,
      passwordSetAt: expect.any(String),
    });
    expect(JSON.stringify(ok.body)).not.toContain(ONE_TIME);
    const stored = await sut.dataSource.manager.findOneByOrFail(AccountCredentialEntity, { accountId: id });
    expect(stored.passwordHash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$/);
    expect(stored.passwordHash).not.toContain(ONE_TIME);

    // Another account may not take the same user name (whatever its case).
    const other = await accountIdOf(sut, world.tokens.mdaiOfficer);
    const taken = await put({ userName: 'OFFICER.asc', password: ONE_TIME }, ADMIN_TOKEN, other).expect(400);
    expect(taken.body.invalidParams).toEqual([{ name: 'userName', reason: 'another account has this user name' }]);
  });

  it('signs in with a session cookie (HttpOnly, SameSite=Strict, no Secure over plain HTTP), stored only hashed, and forces the change of a one-time password', async () => {
    await givePassword(sut, world.tokens.ascSecretary, 'secretary.asc', ONE_TIME);
    const client = new WebClient(sut);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { userName: 'SECRETARY.asc', password: ONE_TIME });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/password');
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('appeals-session='))!;
    expect(cookie).toMatch(/; Path=\/; SameSite=Strict; Max-Age=43200; HttpOnly$/);
    expect(cookie).not.toMatch(/Secure/);
    const token = client.jar.get('appeals-session')!;
    const rows = await sut.dataSource.manager.find(WebSessionEntity);
    expect(rows.map((r) => r.idHash)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);

    // Until the password is changed, every page leads to the password page.
    expect((await client.get('/')).headers.location).toBe('/password');
    const form = await client.get('/password');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Әкімші бір реттік құпиясөз берді');
    // Field errors in the person's language (Kazakh by default), summarised at the top.
    const bad = await client.post('/password', {
      currentPassword: ONE_TIME,
      newPassword: 'қысқа',
      confirmPassword: 'басқа',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('govuk-error-summary');
    expect(bad.text).toContain('Құпиясөздер сәйкес келмейді');
    const common = await client.post('/password', {
      currentPassword: ONE_TIME,
      newPassword: 'qwerty123456',
      confirmPassword: 'qwerty123456',
    });
    expect(common.text).toContain('Бұл құпиясөз тым кең таралған');
    const done = await client.post('/password', {
      currentPassword: ONE_TIME,
      newPassword: MINE,
      confirmPassword: MINE,
    });
    expect(done.headers.location).toBe('/?done=password');
    const home = await client.get('/?done=password');
    expect(home.status).toBe(200);
    expect(home.text).toContain(world.people[1].fullName);
    expect(home.text).toContain('Комиссия хатшысы');
    expect(home.text).toContain('Құпиясөз өзгертілді');
    // Home is the work queue; who the person is, on the account page.
    const account = await client.get('/account');
    expect(account.text).toContain('Қазақстан Республикасы Мемлекеттік қызмет істері агенттігі');

    // The one-time password is gone; the new one works.
    expect((await new WebClient(sut).signIn('secretary.asc', ONE_TIME)).status).toBe(422);
    expect((await new WebClient(sut).signIn('secretary.asc', MINE)).headers.location).toBe('/');
  });

  it('the API takes only bearer tokens, the pages only the session cookie', async () => {
    const client = await ready('ascChair', 'chair.asc');
    expect((await client.get('/')).status).toBe(200);
    await sut.http().get('/api/v1/accounts/me').set('Cookie', client.jar.header).expect(401);
    const page = await sut.http().get('/').set(bearer(world.tokens.ascChair)).expect(303);
    expect(page.headers.location).toBe('/sign-in');
  });

  it('CSRF: a form without the right token is refused with a 403 page in the reader’s language, and changes nothing', async () => {
    const client = await ready('agency:MZ', 'mz.rep');
    await client.get('/');
    await client.post('/language', { lang: 'ru', next: '/' });
    await client.get('/');
    // Sign-out with a forged token: refused, still signed in.
    const forged = await client.post('/sign-out', { _csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect(forged.headers['content-type']).toMatch(/^text\/html/);
    expect(forged.text).toContain('Форма не принята');
    expect(forged.text).not.toMatch(/problem|requestId|"type"/);
    expect((await client.get('/')).status).toBe(200);
    // The password form without any token: refused, the password unchanged.
    const before = await sut.dataSource.manager.findOneByOrFail(AccountCredentialEntity, { userName: 'mz.rep' });
    const noToken = await sut.http().post('/password').set('Cookie', client.jar.header).type('form').send({
      currentPassword: MINE,
      newPassword: 'Совсем-другой-пароль-1',
      confirmPassword: 'Совсем-другой-пароль-1',
    });
    expect(noToken.status).toBe(403);
    expect(
      (await sut.dataSource.manager.findOneByOrFail(AccountCredentialEntity, { userName: 'mz.rep' })).passwordHash,
    ).toBe(before.passwordHash);
    // Before sign-in the token is the CSRF cookie's: a sign-in form posted without that cookie is refused.
    const stranger = await sut
      .http()
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(client.lastPage), userName: 'mz.rep', password: MINE });
    expect(stranger.status).toBe(403);
    expect(stranger.text).toContain('Форма қабылданбады');
  });

  it('sign-out, a password reset and a password change end sessions at once — also on another instance sharing the database', async () => {
    const client = await ready('agency:MON', 'mon.rep');
    const second = await startTestApp({
      databaseUrl: sut.config.databaseUrl,
      dataDir: sut.config.dataDir,
      clock: sut.clock,
    });
    try {
      const onSecond = (path: string) => second.http().get(path).set('Cookie', client.jar.header);
      expect((await onSecond('/')).status).toBe(200);
      await client.get('/');
      expect((await client.post('/sign-out', {})).headers.location).toBe('/sign-in?signedOut=1');
      expect((await onSecond('/')).status).toBe(303);
      expect((await client.get('/sign-in?signedOut=1')).text).toContain('Сіз жүйеден шықтыңыз');

      // The administrator resets the password: every session of the account ends at once.
      const again = new WebClient(sut);
      expect((await again.signIn('mon.rep', MINE)).headers.location).toBe('/');
      expect((await onSecondWith(second, again, '/')).status).toBe(200);
      await givePassword(sut, world.tokens['agency:MON'], 'mon.rep', ONE_TIME);
      expect((await onSecondWith(second, again, '/')).status).toBe(303);
      expect((await again.get('/')).headers.location).toBe('/sign-in?ended=closed');
      expect((await again.get('/sign-in?ended=closed')).text).toContain('Сеанс аяқталды. Қайта кіріңіз.');

      // Changing one's password ends the other sessions, not this one.
      const phone = new WebClient(sut);
      const desk = new WebClient(sut);
      expect((await desk.signIn('mon.rep', ONE_TIME, MINE)).headers.location).toBe('/?done=password');
      await phone.signIn('mon.rep', MINE);
      await desk.get('/password');
      await desk.post('/password', {
        currentPassword: MINE,
        newPassword: 'Ещё-один-пароль-2026',
        confirmPassword: 'Ещё-один-пароль-2026',
      });
      expect((await desk.get('/')).status).toBe(200);
      expect((await phone.get('/')).status).toBe(303);
    } finally {
      await second.stop();
    }
  });

  it('ends a session after 30 minutes without a request, and 12 hours after sign-in in any case', async () => {
    const client = await ready('agency:MF', 'mf.rep');
    sut.clock.advance(29 * MINUTE);
    expect((await client.get('/')).status).toBe(200);
    sut.clock.advance(29 * MINUTE);
    expect((await client.get('/')).status).toBe(200);
    sut.clock.advance(30 * MINUTE);
    const idle = await client.get('/');
    expect(idle.status).toBe(303);
    expect(idle.headers.location).toBe('/sign-in?ended=idle');
    expect((await client.get(idle.headers.location)).text).toContain('30 минут әрекетсіздіктен кейін сеанс аяқталды');

    await client.signIn('mf.rep', MINE);
    for (let elapsed = 0; elapsed < 12 * 60 - 25; elapsed += 25) {
      sut.clock.advance(25 * MINUTE);
      expect((await client.get('/')).status).toBe(200);
    }
    sut.clock.advance(25 * MINUTE);
    expect((await client.get('/')).headers.location).toBe('/sign-in?ended=absolute');
  });

  it('locks a user name after 5 failures with a doubling back-off; every attempt is recorded for auditors', async () => {
    await ready('agency:MSH', 'msh.rep');
    const client = new WebClient(sut);
    for (let i = 1; i <= 4; i++) {
      const res = await client.signIn('msh.rep', `wrong-password-${i}`);
      expect(res.status).toBe(422);
      expect(res.text).toContain('Пайдаланушы аты немесе құпиясөз қате');
      sut.clock.advance(1000);
    }
    const fifth = await client.signIn('msh.rep', 'wrong-password-5');
    expect(fifth.status).toBe(429);
    expect(fifth.text).toMatch(/Сәтсіз әрекеттер тым көп\. Қайта кіруге болатын уақыт: \d\d\.\d\d\.\d{4} \d\d:\d\d\./);
    // Locked: even the right password is refused, without being checked.
    expect((await client.signIn('msh.rep', MINE)).status).toBe(429);
    sut.clock.advance(61_000);
    // The 6th failure locks for 2 minutes.
    expect((await client.signIn('msh.rep', 'wrong-password-6')).status).toBe(429);
    sut.clock.advance(61_000);
    expect((await client.signIn('msh.rep', MINE)).status).toBe(429);
    sut.clock.advance(60_000);
    expect((await client.signIn('msh.rep', MINE)).headers.location).toBe('/');

    const attempts = await sut
      .http()
      .get('/api/v1/sign-in-attempts?userName=MSH.rep&limit=20')
      .set(bearer(world.tokens.auditor))
      .expect(200);
    expect(attempts.body.items.map((a: { outcome: string }) => a.outcome).reverse()).toEqual([
      'succeeded', // the first sign-in with the one-time password
      'wrong-password',
      'wrong-password',
      'wrong-password',
      'wrong-password',
      'wrong-password',
      'locked',
      'wrong-password',
      'locked',
      'succeeded',
    ]);
    expect(attempts.body).toMatchObject({ total: 10, limit: 20, offset: 0 });
    expect(attempts.body.items[0]).toMatchObject({
      userName: 'msh.rep',
      address: expect.stringMatching(/127\.0\.0\.1/),
      accountId: expect.any(String),
    });
    await sut.http().get('/api/v1/sign-in-attempts').set(bearer(world.tokens['agency:MZ'])).expect(403);
  });

  it('locks a client address after 20 failures within an hour, whatever the user names (behind a trusted proxy, per X-Forwarded-For)', async () => {
    const proxied = await startTestApp({ trustProxy: 'loopback', clock: sut.clock });
    try {
      const from = (address: string) => new WebClient(proxied, { 'X-Forwarded-For': address });
      for (let i = 1; i <= 19; i++)
        expect((await from('10.1.1.1').signIn(`nobody.${i}`, 'some-password-123')).status).toBe(422);
      expect((await from('10.1.1.1').signIn('nobody.20', 'some-password-123')).status).toBe(429);
      // Another address is not locked.
      expect((await from('10.2.2.2').signIn('nobody.21', 'some-password-123')).status).toBe(422);
      const recorded = await proxied.dataSource.manager.countBy(SignInAttemptEntity, { address: '10.1.1.1' });
      expect(recorded).toBe(20);
    } finally {
      await proxied.close();
    }
  });

  it('Secure cookies with the __Host- prefix when a trusted proxy says https, never on an untrusted X-Forwarded-Proto', async () => {
    const untrusted = await sut.http().get('/sign-in').set('X-Forwarded-Proto', 'https');
    expect(String(untrusted.headers['set-cookie'])).toMatch(/^appeals-csrf=[^;]+; Path=\/; SameSite=Strict; HttpOnly$/);
    const proxied = await startTestApp({ trustProxy: 'loopback', clock: sut.clock });
    try {
      const owner = await proxied.http().get('/api/v1/accounts/me').set(bearer(ADMIN_TOKEN)).expect(200);
      await proxied
        .http()
        .put(`/api/v1/accounts/${owner.body.id}/password`)
        .set(bearer(ADMIN_TOKEN))
        .send({ userName: 'admin', password: ONE_TIME })
        .expect(200);
      const client = new WebClient(proxied, { 'X-Forwarded-Proto': 'https' });
      const page = await client.get('/sign-in');
      expect(String(page.headers['set-cookie'])).toMatch(
        /^__Host-appeals-csrf=[^;]+; Path=\/; SameSite=Strict; HttpOnly; Secure$/,
      );
      const signedIn = await client.post('/sign-in', { userName: 'admin', password: ONE_TIME });
      expect(
        (signedIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('__Host-appeals-session=')),
      ).toMatch(/; HttpOnly; Secure$/);
      expect((await client.get('/password')).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('pages carry a CSP allowing only this service and the one inline script by its nonce; names are escaped', async () => {
    const created = await sut
      .http()
      .post('/api/v1/accounts')
      .set(bearer(ADMIN_TOKEN))
      .send({ role: 'auditor', displayName: '<img src=x onerror=alert(1)> Аудитор' })
      .expect(201);
    await givePassword(sut, created.body.token, 'auditor.two', ONE_TIME);
    const client = new WebClient(sut);
    await client.signIn('auditor.two', ONE_TIME, MINE);
    const home = await client.get('/');
    const csp = String(home.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(csp).toBe(
      `default-src 'none'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    );
    expect([...home.text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].map((m) => m[0])).toEqual([
      `<script nonce="${nonce}">`,
    ]);
    expect(home.headers['cache-control']).toBe('no-store');
    expect(home.text).toContain('&lt;img src=x onerror=alert(1)&gt; Аудитор');
    expect(home.text).not.toContain('<img src=x');
    expect(home.text).not.toMatch(/https?:\/\//);
  });

  it('serves the built assets under hashed names, brotli or gzip, cached for a year as immutable', async () => {
    const page = await sut.http().get('/sign-in').expect(200);
    const css = /href="(\/assets\/app-[0-9a-f]{12}\.css)"/.exec(page.text)![1];
    const js = /src="(\/assets\/enhance-[0-9a-f]{12}\.js)"/.exec(page.text)![1];
    // Fastify's inject gives the bytes as sent (supertest would decompress them).
    const fetch = (url: string, encoding: string) =>
      sut.app
        .getHttpAdapter()
        .getInstance()
        .inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
    const plain = await fetch(css, 'identity');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await fetch(css, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
    const gz = await fetch(css, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
    const text = plain.rawPayload.toString('utf8');
    expect(text).not.toMatch(/GDS Transport|@font-face|govuk-crest|url\(/);
    expect(text).toContain('system-ui');
    const module = await sut.http().get(js).expect(200);
    expect(module.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(module.text).toMatch(/^import \{ initAll \} from '\.\/govuk-frontend-[0-9a-f]{12}\.js';/m);
    const missing = await sut.http().get('/assets/app-000000000000.css').expect(404);
    expect(missing.headers['content-type']).toMatch(/^text\/html/);
  });

  it('answers a missing page with a 404 page in the reader’s language (cookie, then Accept-Language), never JSON', async () => {
    const ru = await sut.http().get('/no-such-page').set('Accept-Language', 'ru-RU,ru;q=0.9,en;q=0.8').expect(404);
    expect(ru.headers['content-type']).toMatch(/^text\/html/);
    expect(ru.text).toContain('Страница не найдена');
    expect(ru.text).toContain('<html lang="ru"');
    const kk = await sut.http().get('/no-such-page').set('Accept-Language', 'en-US,en;q=0.9').expect(404);
    expect(kk.text).toContain('Бет табылмады');
    const en = await sut
      .http()
      .get('/no-such-page')
      .set('Accept-Language', 'ru')
      .set('Cookie', 'appeals-lang=en')
      .expect(404);
    expect(en.text).toContain('Page not found');
    // The API keeps its problem+json.
    expect((await sut.http().get('/api/v1/no-such-thing').expect(404)).headers['content-type']).toMatch(
      /problem\+json/,
    );
  });
});

describe('Web error page on a failure of the service', () => {
  it('shows a 500 page with a short reference, in the reader’s language, and nothing of the internals', async () => {
    const { sut, world } = await startSeeded();
    try {
      await givePassword(sut, world.tokens.auditor, 'auditor', ONE_TIME);
      const client = new WebClient(sut, { 'Accept-Language': 'ru' });
      await client.signIn('auditor', ONE_TIME, MINE);
      expect((await client.get('/')).status).toBe(200);
      // Both connections go (the reads have one of their own on SQLite).
      const reader = sut.app.get(ReadDb).dataSource;
      if (reader !== sut.dataSource) await reader.destroy();
      await sut.dataSource.destroy();
      const res = await client.get('/');
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      // The database is what failed: the page cannot know the person; it still comes, in the reader's language.
      expect(res.text).toContain('Извините, в работе сервиса произошёл сбой');
      expect(res.text).toMatch(/Номер обращения: [A-Z0-9]{8}</);
      expect(res.text).not.toMatch(/Error|stack|at \w+ \(|typeorm|sqlite|requestId/i);
    } finally {
      await sut.stop().catch(() => undefined);
    }
  });
});

async function onSecondWith(second: TestApp, client: WebClient, path: string) {
  return second.http().get(path).set('Cookie', client.jar.header);
}
