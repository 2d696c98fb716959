import { DateTime } from 'luxon';
import { KZ_ZONE } from '../../src/calendar/calendar-rules';
import { DeadlineScheduler } from '../../src/deadlines/deadline-scheduler';
import { Api } from '../../src/demo/api-client';
import { STORY_END, STORY_START, Story, seedStory } from '../../src/demo/story';
import { supertestApi } from './supertest-api';
import { ADMIN_TOKEN, TestApp, startTestApp } from './test-app';

/** Two days after the story's last step: Sunday 22 November 2026, 12:00 Astana — every state of SPEC §4 holds a case. */
export const STORY_NOW = DateTime.fromISO(STORY_END, { zone: KZ_ZONE })
  .plus({ days: 2 })
  .set({ hour: 12, minute: 0 })
  .toISO()!;

/**
 * The real service with the demo's story (src/demo/story.ts) written through its API on a FixedClock, the scheduler
 * swept at every step as the demo does; the clock then stands at STORY_NOW.
 */
export async function startStory(
  options: Parameters<typeof startTestApp>[0] = {},
  /** Wraps the story's client, e.g. to check every answer against the document (test/support/contract.ts). */
  wrap: (api: Api, sut: TestApp) => Api = (api) => api,
): Promise<{ sut: TestApp; api: Api; story: Story }> {
  const sut = await startTestApp({ now: DateTime.fromISO(STORY_START, { zone: KZ_ZONE }).toISO()!, ...options });
  const api = wrap(supertestApi(sut), sut);
  const scheduler = sut.app.get(DeadlineScheduler);
  const story = await seedStory(api, ADMIN_TOKEN, {
    now: () => sut.clock.now().getTime(),
    jumpTo: (at) => sut.clock.set(at),
    sweep: () => scheduler.sweep(),
  });
  sut.clock.set(STORY_NOW);
  await scheduler.sweep();
  return { sut, api, story };
}
