import type { AddressInfo } from 'node:net';
import { Story } from '../../../src/demo/story';
import { giveDemoSignIn } from '../../../src/demo/web-sign-in';
import { startStory } from '../../support/story';
import { supertestApi } from '../../support/supertest-api';
import { ADMIN_TOKEN, TestApp } from '../../support/test-app';

export interface LiveStory {
  sut: TestApp;
  story: Story;
  baseUrl: string;
  /** userName → password, for the people who sign in (set as the demo does: one-time, then changed through the form). */
  passwords: Map<string, string>;
}

/** The real service with the demo's story, listening on a real port, and a user name and password per role. */
export async function startLiveStory(signIns: { userName: string; token: string }[]): Promise<LiveStory> {
  const { sut, story } = await startStory();
  await sut.app.listen(0, '127.0.0.1');
  const { port } = sut.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = supertestApi(sut);
  const passwords = new Map<string, string>();
  for (let i = 0; i < signIns.length; i += 2) {
    const pair = signIns.slice(i, i + 2);
    const given = await Promise.all(pair.map((s) => giveDemoSignIn(api, baseUrl, ADMIN_TOKEN, story.world.tokens[s.token], s.userName)));
    pair.forEach((s, k) => passwords.set(s.userName, given[k]));
  }
  return { sut, story, baseUrl, passwords };
}
