import { Api } from '../../src/demo/api-client';
import { World, seedWorld } from '../../src/demo/world';
import { supertestApi } from './supertest-api';
import { ADMIN_TOKEN, TestApp, startTestApp } from './test-app';

/** The real service with the demo world (bodies, people, accounts, a cycle) built through its API. */
export async function startSeeded(
  options: Parameters<typeof startTestApp>[0] = {},
  cycle?: string,
): Promise<{ sut: TestApp; api: Api; world: World }> {
  const sut = await startTestApp(options);
  const api = supertestApi(sut);
  const world = await seedWorld(api, ADMIN_TOKEN, cycle);
  return { sut, api, world };
}
