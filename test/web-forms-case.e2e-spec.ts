import { Story } from '../src/demo/story';
import { CaseEntity } from '../src/cases/case.entity';
import { startStory } from './support/story';
import { TestApp } from './support/test-app';
import { WebClient, csrfOf, givePassword } from './support/web';

const ONE_TIME = 'Бір-реттік-құпиясөз-7';
const MINE = 'Менің-жаңа-құпиясөзім-2025';

/** The hidden fields of the command form on a page (the shared path of issue 15). */
function formOf(html: string): { _csrf: string; _idempotency: string; _version: string } {
  const form = /<form[^>]*data-test="command-form"[\s\S]*?<\/form>/.exec(html)?.[0];
  if (!form) throw new Error('No command form on the page');
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1] ?? '';
  return { _csrf: csrfOf(form), _idempotency: field('_idempotency'), _version: field('_version') };
}

/**
 * The case-side forms of issue 15 over real HTTP, on the demo's story ("now" is Sunday 22 November 2026): each form
 * runs its command in-process under the signed-in person's account, once per submission, refuses in words with the
 * point of the law, says what changed when the case moved meanwhile, and never reaches another body's case.
 */
describe('Case-side forms over HTTP (issue 15)', () => {
  let sut: TestApp;
  let story: Story;
  const clients = new Map<string, WebClient>();

  beforeAll(async () => {
    ({ sut, story } = await startStory());
  });
  afterAll(async () => {
    await sut?.close();
  });

  async function as(token: string, userName: string, lang = 'kk'): Promise<WebClient> {
    const known = clients.get(userName);
    if (known) return known;
    await givePassword(sut, story.world.tokens[token], userName, ONE_TIME);
    const client = new WebClient(sut, { 'accept-language': lang });
    const res = await client.signIn(userName, ONE_TIME, MINE);
    expect(res.status).toBe(303);
    clients.set(userName, client);
    return client;
  }

  const id = (key: string) => story.caseIds[key];
  const row = (caseId: string) => sut.dataSource.manager.findOneByOrFail(CaseEntity, { id: caseId });
  const eventCount = async (caseId: string) => Number((await sut.dataSource.query('SELECT COUNT(*) AS n FROM events WHERE stream_id = ?', [caseId]))[0].n);

  describe('the shared path, on "notify no objection" (p.99)', () => {
    it('the case page links the form only while allowedActions offer it, with its term and the time left', async () => {
      const mio = await as('agency:MIO', 'mio.rep');
      const page = await mio.get(`/case/${id('personnel:MIO')}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`href="/case/${id('personnel:MIO')}/forms/no-objection"`);
      // A case where the body has nothing to do (closed): no form link.
      const closed = await (await as('agency:MON', 'mon.rep')).get(`/case/${id('personnel:MON')}`);
      expect(closed.text).not.toContain('/forms/');
      const form = await mio.get(`/case/${id('personnel:MIO')}/forms/no-objection`);
      expect(form.status).toBe(200);
      expect(form.text).toMatch(/data-test="form-term"[^>]*>[^<]*D1/);
    });

    it('a form without its CSRF token is refused (403) and acts not', async () => {
      const mio = await as('agency:MIO', 'mio.rep');
      const before = await eventCount(id('personnel:MIO'));
      const form = formOf((await mio.get(`/case/${id('personnel:MIO')}/forms/no-objection`)).text);
      const res = await mio.post(`/case/${id('personnel:MIO')}/forms/no-objection`, { ...form, _csrf: 'x'.repeat(43) });
      expect(res.status).toBe(403);
      expect(await eventCount(id('personnel:MIO'))).toBe(before);
    });

    it('a stale form (the case moved meanwhile) says so and shows what changed, in words, instead of acting', async () => {
      const mio = await as('agency:MIO', 'mio.rep');
      const form = formOf((await mio.get(`/case/${id('personnel:MIO')}/forms/no-objection`)).text);
      const stale = { ...form, _version: String(Number(form._version) - 1) };
      const before = await eventCount(id('personnel:MIO'));
      const res = await mio.post(`/case/${id('personnel:MIO')}/forms/no-objection`, stale);
      expect(res.status).toBe(409);
      expect(res.text).toContain('data-test="stale"');
      expect(res.text).toContain('Бұл форма ашылғаннан кейін іс өзгерді');
      // The event since that version, in words (the last event of the case: its opening or the delivery record).
      expect(res.text).toMatch(/data-test="stale"[\s\S]*<strong>[^<]+<\/strong>/);
      expect(await eventCount(id('personnel:MIO'))).toBe(before);
    });

    it('the same submission sent twice acts once; both land on the case with the confirmation and the next term', async () => {
      const mio = await as('agency:MIO', 'mio.rep');
      const caseId = id('personnel:MIO');
      const form = formOf((await mio.get(`/case/${caseId}/forms/no-objection`)).text);
      const before = await eventCount(caseId);
      const first = await mio.post(`/case/${caseId}/forms/no-objection`, { ...form, note: 'Келісеміз' });
      const second = await mio.post(`/case/${caseId}/forms/no-objection`, { ...form, note: 'Келісеміз' });
      expect(first.status).toBe(303);
      expect(second.status).toBe(303);
      expect(first.headers.location).toBe(`/case/${caseId}?done=no-objection#confirmation`);
      expect(await eventCount(caseId)).toBe(before + 1);
      expect((await row(caseId)).state).toBe('closed');
      const landed = await mio.get(first.headers.location.replace(/#.*/, ''));
      expect(landed.text).toContain('data-test="confirmation"');
      expect(landed.text).toContain('Қарсылықтың жоқтығы туралы хабарлама жіберілді.');
      expect(landed.text).toContain('Бұл іс бойынша енді ешқандай мерзім жүрмейді.');
    });

    it('a refused step is explained in words with its point of the law (the term ran out: on which date)', async () => {
      // AKM-AST: D1 ran out unanswered and the case closed (noResponse).
      const ast = await as('agency:AKM-AST', 'akm-ast.rep');
      const caseId = id('personnel:AKM-AST');
      const page = await ast.get(`/case/${caseId}/forms/no-objection`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-test="not-offered"');
      const res = await ast.post(`/case/${caseId}/forms/no-objection`, formOf(page.text));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.text).toContain('data-test="refusal"');
      expect(res.text).toMatch(/govuk-error-summary/);
      expect(res.text).toMatch(/99-тармақ|98-тармақ/);
    });

    it('another body’s case is not reachable through a form (404), neither shown nor posted', async () => {
      const mio = await as('agency:MIO', 'mio.rep');
      const other = id('personnel:MVD');
      const before = await eventCount(other);
      expect((await mio.get(`/case/${other}/forms/no-objection`)).status).toBe(404);
      const form = formOf((await mio.get(`/case/${id('personnel:MIO')}/forms/withdrawal`)).text);
      const res = await mio.post(`/case/${other}/forms/withdrawal`, form);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('MVD');
      expect(await eventCount(other)).toBe(before);
    });
  });
});
