import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { AccountEntity } from '../../../src/auth/account.entity';
import { Story } from '../../../src/demo/story';
import { giveDemoSignIn } from '../../../src/demo/web-sign-in';
import { hashPassword } from '../../../src/sign-in/password-hash';
import { SessionsService } from '../../../src/sign-in/sessions.service';
import { AccountCredentialEntity } from '../../../src/sign-in/sign-in.entities';
import { SESSION_COOKIE } from '../../../src/web/web-gate';
import { startStory } from '../../support/story';
import { supertestApi } from '../../support/supertest-api';
import { ADMIN_TOKEN, TestApp } from '../../support/test-app';

export interface LiveStory {
  sut: TestApp;
  story: Story;
  baseUrl: string;
  /** userName → password. */
  passwords: Map<string, string>;
  /** Signs a person in a browser context at once (a session opened by the service, its cookie set). */
  enter(context: BrowserContext, userName: string): Promise<void>;
}

/**
 * The real service with the demo's story, listening on a real port, and a user name and password per role. One person
 * gets them the demo's way (one-time password, then the first-sign-in change through the forms: the demo's own code);
 * the others share one password hashed once (scrypt costs ~0.4 s per hash, and signing in is the foundation suite's
 * subject), and pages open with a session the service itself opens for them.
 */
export async function startLiveStory(
  signIns: { userName: string; token: string }[],
  demoWay: string,
): Promise<LiveStory> {
  const { sut, story } = await startStory();
  await sut.app.listen(0, '127.0.0.1');
  const { port } = sut.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = supertestApi(sut);
  const passwords = new Map<string, string>();
  const accountIds = new Map<string, string>();
  const shared = 'Ортақ-сынақ-құпиясөзі-2026';
  const hash = await hashPassword(shared);
  for (const s of signIns) {
    const me = await api.call('GET', '/api/v1/accounts/me', story.world.tokens[s.token]);
    accountIds.set(s.userName, me.body.id);
    if (s.userName === demoWay) {
      passwords.set(
        s.userName,
        await giveDemoSignIn(api, baseUrl, ADMIN_TOKEN, story.world.tokens[s.token], s.userName),
      );
      continue;
    }
    await sut.dataSource.manager.insert(AccountCredentialEntity, {
      accountId: me.body.id,
      userName: s.userName,
      passwordHash: hash,
      mustChange: false,
      passwordSetAt: sut.clock.now().toISOString(),
      passwordSetBy: me.body.id,
    });
    passwords.set(s.userName, shared);
  }
  const sessions = sut.app.get(SessionsService);
  return {
    sut,
    story,
    baseUrl,
    passwords,
    async enter(context, userName) {
      const accountId = accountIds.get(userName);
      if (!accountId || !(await sut.dataSource.manager.findOneBy(AccountEntity, { id: accountId })))
        throw new Error(`no account for ${userName}`);
      const { token } = await sessions.open(accountId);
      await context.addCookies([
        { name: SESSION_COOKIE, value: token, url: baseUrl, httpOnly: true, sameSite: 'Strict' },
      ]);
    },
  };
}
