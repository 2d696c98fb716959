import { AccountsService } from '../src/auth/accounts.service';
import { Api, expectOk } from '../src/demo/api-client';
import { World } from '../src/demo/world';
import { startSeeded } from './support/seeded';
import { supertestApi } from './support/supertest-api';
import { ADMIN_TOKEN, TestApp, startTestApp } from './support/test-app';

/**
 * Accounts can be revoked (issue 12, SPEC §7): disabled, their tokens rotated or made to expire — at once, on
 * every instance sharing the database, with no cache in between — and every change is an audited event.
 */
describe('Accounts: revocation, rotation, expiry, audit', () => {
  let sut: TestApp;
  let other: TestApp | undefined;
  let api: Api;
  let world: World;
  const me = (token: string, app = sut) =>
    app.http().get('/api/v1/accounts/me').set('Authorization', `Bearer ${token}`);
  const accountId = async (token: string) => (await me(token)).body.id as string;

  beforeAll(async () => {
    ({ sut, api, world } = await startSeeded());
  });
  afterAll(async () => {
    await other?.stop();
    await sut.close();
  });

  it('a disabled account is refused at once — also by a second instance on the same database — and can be enabled again', async () => {
    // A second instance of the service on the same database (the SQLite file / the PostgreSQL schema).
    other = await startTestApp({ databaseUrl: sut.config.databaseUrl, dataDir: sut.config.dataDir, clock: sut.clock });
    const token = world.tokens['agency:MON'];
    expect((await me(token, other)).status).toBe(200);
    const id = await accountId(token);
    const disabled = await api.call('POST', `/api/v1/accounts/${id}/disable`, ADMIN_TOKEN, {
      reason: 'Қызметкер ауысты / Сотрудник переведён',
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabledAt).toEqual(expect.any(String));
    expect((await me(token)).status).toBe(401);
    expect((await me(token, other)).status).toBe(401);
    await expectOk(
      api.call('POST', `/api/v1/accounts/${id}/enable`, ADMIN_TOKEN, { reason: 'Қайта тағайындалды / Восстановлен' }),
      'enable',
    );
    expect((await me(token, other)).status).toBe(200);
  });

  it('a rotated token: the new one works, the old one stops at once; the answer shows the secret once and is never replayed', async () => {
    const old = world.tokens['agency:MF'];
    const id = await accountId(old);
    const rotated = await api.call('POST', `/api/v1/accounts/${id}/token`, ADMIN_TOKEN, {
      reason: 'Құпия жария болды / Токен скомпрометирован',
    });
    expect(rotated.status).toBe(201);
    expect(rotated.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await me(old)).status).toBe(401);
    expect((await me(rotated.body.token)).status).toBe(200);
    world.tokens['agency:MF'] = rotated.body.token;
  });

  it('a token with an expiry stops working after it', async () => {
    const id = await accountId(world.tokens['agency:MSH']);
    const expiresAt = new Date(sut.clock.now().getTime() + 3_600_000).toISOString();
    const rotated = await expectOk(
      api.call('POST', `/api/v1/accounts/${id}/token`, ADMIN_TOKEN, {
        reason: 'Уақытша қол жеткізу / Временный доступ',
        expiresAt,
      }),
      'rotate',
    );
    expect((await me(rotated.token)).status).toBe(200);
    sut.clock.advance(3_600_001);
    expect((await me(rotated.token)).status).toBe(401);
    const past = await api.call('POST', `/api/v1/accounts/${id}/token`, ADMIN_TOKEN, {
      reason: 'Өткен мерзім / Прошедший срок',
      expiresAt: '2020-01-01T00:00:00+05:00',
    });
    expect(past.status).toBe(400);
    expect(past.body.invalidParams[0].name).toBe('expiresAt');
  });

  it('every change is an audited event of the account, with its reason and who made it — and no secret', async () => {
    const id = await accountId(world.tokens['agency:MON']);
    const history = (await expectOk(api.call('GET', `/api/v1/accounts/${id}/history`, world.tokens.auditor), 'history'))
      .items;
    expect(history.map((e: { type: string }) => e.type)).toEqual([
      'ACCOUNT.CREATED',
      'ACCOUNT.DISABLED',
      'ACCOUNT.ENABLED',
    ]);
    expect(history[1]).toMatchObject({
      actorRole: 'administrator',
      payload: { reason: 'Қызметкер ауысты / Сотрудник переведён' },
    });
    const text = JSON.stringify(history);
    expect(text).not.toContain(world.tokens['agency:MON']);
    expect(text).not.toMatch(/token_?hash/i);
    const report = await expectOk(api.call('GET', '/api/v1/audit/verify', world.tokens.auditor), 'verify');
    expect(report.ok).toBe(true);
  });

  it('the last-used time is recorded by a background flush, not by the request (a GET writes nothing)', async () => {
    const token = world.tokens.workingBody;
    const id = await accountId(token);
    await sut.app.get(AccountsService).flushLastUsed();
    const listed = (await expectOk(api.call('GET', '/api/v1/accounts', ADMIN_TOKEN), 'accounts')).items;
    expect(listed.find((a: { id: string }) => a.id === id).lastUsedAt).toEqual(expect.any(String));
    expect(listed.every((a: object) => !('tokenHash' in a))).toBe(true);
  });

  it('an administrator cannot disable their own account; only administrators change accounts', async () => {
    const adminId = await accountId(ADMIN_TOKEN);
    expect(
      (await api.call('POST', `/api/v1/accounts/${adminId}/disable`, ADMIN_TOKEN, { reason: 'өзін / себя' })).status,
    ).toBe(400);
    expect(
      (
        await api.call('POST', `/api/v1/accounts/${adminId}/disable`, world.tokens.auditor, {
          reason: 'аудитор / аудитор',
        })
      ).status,
    ).toBe(403);
  });
});

describe('APPEALS_ADMIN_TOKEN on a database that already has an administrator', () => {
  it('a changed token is refused loudly at start; with APPEALS_ADMIN_TOKEN_ROTATE=1 it becomes the administrator’s token, audited', async () => {
    const first = await startTestApp();
    await first.stop();
    const base = { databaseUrl: first.config.databaseUrl, dataDir: first.config.dataDir };
    const changed = 'Kq8vW2mZp4Xr7Ny1Tb5Hc9Ld3Fg6Js0Qe';
    await expect(startTestApp({ ...base, adminToken: changed })).rejects.toThrow(
      /APPEALS_ADMIN_TOKEN is not the token of any administrator/,
    );
    const rotated = await startTestApp({ ...base, adminToken: changed, adminTokenRotate: true });
    try {
      expect((await rotated.http().get('/api/v1/accounts/me').set('Authorization', `Bearer ${changed}`)).status).toBe(
        200,
      );
      expect(
        (await rotated.http().get('/api/v1/accounts/me').set('Authorization', `Bearer ${ADMIN_TOKEN}`)).status,
      ).toBe(401);
      const adminId = (await rotated.http().get('/api/v1/accounts/me').set('Authorization', `Bearer ${changed}`)).body
        .id;
      const history = await supertestApi(rotated).call('GET', `/api/v1/accounts/${adminId}/history`, changed);
      expect(history.body.items.map((e: { type: string; actorId: string }) => [e.type, e.actorId])).toEqual([
        ['ACCOUNT.CREATED', 'system'],
        ['ACCOUNT.TOKEN_ROTATED', 'system'],
      ]);
    } finally {
      await rotated.close();
    }
  });
});
