import { Story } from '../src/demo/story';
import { formatDateTime } from '../src/i18n/time';
import { CaseEntity } from '../src/cases/case.entity';
import { startStory } from './support/story';
import { TestApp } from './support/test-app';
import { ADMIN_TOKEN, bearer } from './support/test-app';
import { WebClient, csrfOf, givePassword } from './support/web';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\n%%EOF\n`, 'utf8');

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
  const eventCount = async (caseId: string) =>
    Number(
      (
        await sut.dataSource.query(
          `SELECT COUNT(*) AS n FROM events WHERE stream_id = ${sut.dataSource.options.type === 'postgres' ? '$1' : '?'}`,
          [caseId],
        )
      )[0].n,
    );

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
      const asc = await as('agency:ASC', 'asc.rep');
      const mio = asc;
      const caseId = id('personnel:ASC');
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
      // Which date: the last instant of D1, in Astana time.
      const due = JSON.parse((await row(caseId)).snapshot).context.deadlines.objection as string;
      expect(res.text).toContain(`Мерзім ${formatDateTime(due)} аяқталды: бұл қадам енді қабылданбайды (99-тармақ)`);
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
  /** Posts a multipart form as a browser without JavaScript does: the fields (CSRF first), then the files. */
  async function postMultipart(
    client: WebClient,
    path: string,
    fields: Array<[string, string]>,
    files: Array<[string, Buffer]>,
  ) {
    let req = sut.http().post(path).set('Cookie', client.jar.header).set('accept-language', 'kk');
    for (const [k, v] of fields) req = req.field(k, v);
    for (const [name, bytes] of files) req = req.attach('files', bytes, name);
    const res = await req;
    client.jar.take(res);
    if (/text\/html/.test(String(res.headers['content-type']))) client.lastPage = res.text;
    return res;
  }

  it('forms that do not exist are 404 (a case form, a commission form, another body’s commission)', async () => {
    const officer = await as('ascOfficer', 'asc.officer');
    expect((await officer.get(`/case/${id('personnel:MT')}/forms/no-such-form`)).status).toBe(404);
    expect((await officer.get(`/commission/${story.commissionIds.personnel}/forms/no-such-form`)).status).toBe(404);
    expect((await officer.get(`/commission/${story.commissionIds.personnel}`)).status).toBe(200);
    expect((await officer.get(`/commission/${story.commissionIds.personnel}?done=withdrawal`)).text).not.toContain(
      'data-test="confirmation"',
    );
  });

  describe('p.98: the objection — disputed indicators, claimed scores on their scales, arguments, documents', () => {
    it('a field error is shown at its field and in the summary; an off-scale score names its scale and p.104; nothing acts', async () => {
      const mio = await as('agency:MIO', 'mio.rep');
      const caseId = id('personnel:MIO');
      const before = await eventCount(caseId);
      const form = formOf((await mio.get(`/case/${caseId}/forms/objection`)).text);
      const res = await postMultipart(
        mio,
        `/case/${caseId}/forms/objection`,
        [
          ['_csrf', form._csrf],
          ['_idempotency', form._idempotency],
          ['_version', form._version],
          ['disputed', '0'],
          ['item-0-claimed', '77'],
          ['item-0-argument', ''],
        ],
        [],
      );
      expect(res.status).toBe(422);
      expect(res.text).toMatch(/govuk-error-summary/);
      expect(res.text).toContain('href="#item-0-claimed"');
      expect(res.text).toContain('href="#item-0-argument"');
      expect(res.text).toContain('href="#documents"');
      expect(res.text).toMatch(/шкаласында мұндай балл жоқ: 0…\d+ \(104-тармақ\)/);
      expect(res.text).toContain('растайтын құжаттар қоса беріледі');
      expect(await eventCount(caseId)).toBe(before);
    });

    it('without JavaScript: two documents go with the form; sent twice it acts once; the case shows the objection and the next term', async () => {
      const mio = await as('agency:MIO', 'mio.rep');
      const caseId = id('personnel:MIO');
      const page = await mio.get(`/case/${caseId}/forms/objection`);
      expect(page.text).toContain('enctype="multipart/form-data"');
      const form = formOf(page.text);
      const before = await eventCount(caseId);
      const fields: Array<[string, string]> = [
        ['_csrf', form._csrf],
        ['_idempotency', form._idempotency],
        ['_version', form._version],
        ['disputed', '0'],
        ['item-0-claimed', '4'],
        ['item-0-argument', 'Резервтен тағайындау үлесі 70%: бұйрықтар қоса беріледі.'],
      ];
      const files: Array<[string, Buffer]> = [
        ['Бұйрықтар.pdf', pdf('orders MIO')],
        ['Анықтама.pdf', pdf('reference MIO')],
      ];
      const first = await postMultipart(mio, `/case/${caseId}/forms/objection`, fields, files);
      expect(first.status).toBe(303);
      const second = await postMultipart(mio, `/case/${caseId}/forms/objection`, fields, files);
      expect(second.status).toBe(303);
      expect(await eventCount(caseId)).toBe(before + 1);
      const c = await row(caseId);
      expect(c.state).toBe('objectionReceived');
      expect((JSON.parse(c.snapshot).context.documents as unknown[]).length).toBe(2);
      const landed = await mio.get(`/case/${caseId}?done=objection`);
      expect(landed.text).toContain('Қарсылық жіберілді.');
      expect(landed.text).toMatch(/data-test="next-term"[^>]*>[^<]*D2/);
    });

    it('with JavaScript: a document uploaded alone (progress) answers JSON; a wrong type is refused in words; no CSRF, no upload', async () => {
      const mvd = await as('agency:MVD', 'mvd.rep');
      const caseId = id('personnel:MVD');
      const page = await mvd.get(`/case/${caseId}/forms/withdrawal`);
      const csrf = formOf(page.text)._csrf;
      const ok = await sut
        .http()
        .post(`/case/${caseId}/upload`)
        .set('Cookie', mvd.jar.header)
        .field('_csrf', csrf)
        .attach('file', pdf('MVD extra'), 'Қосымша.pdf');
      expect(ok.status).toBe(201);
      expect(ok.body.sha256).toMatch(/^[0-9a-f]{64}$/);
      const bad = await sut
        .http()
        .post(`/case/${caseId}/upload`)
        .set('Cookie', mvd.jar.header)
        .field('_csrf', csrf)
        .attach('file', Buffer.from('MZ\x90\x00binary'), 'x.exe');
      expect(bad.status).toBe(422);
      expect(bad.body.error).toContain('бұл файл түрі қабылданбайды');
      const forged = await sut
        .http()
        .post(`/case/${caseId}/upload`)
        .set('Cookie', mvd.jar.header)
        .field('_csrf', 'y'.repeat(43))
        .attach('file', pdf('forged'), 'f.pdf');
      expect(forged.status).toBe(403);
      // Another body's case: 404, nothing stored.
      const other = await sut
        .http()
        .post(`/case/${id('personnel:MIO')}/upload`)
        .set('Cookie', mvd.jar.header)
        .field('_csrf', csrf)
        .attach('file', pdf('other'), 'o.pdf');
      expect(other.status).toBe(404);
    });
  });

  describe('withdrawal, signature, dispatch, correction, escalation and its outcome', () => {
    it('withdrawal is a button with a confirmation; the objection is withdrawn once', async () => {
      const mvd = await as('agency:MVD', 'mvd.rep');
      const caseId = id('personnel:MVD');
      const page = await mvd.get(`/case/${caseId}/forms/withdrawal`);
      expect(page.text).toContain('data-test="form-explanation"');
      const form = formOf(page.text);
      expect((await mvd.post(`/case/${caseId}/forms/withdrawal`, form)).status).toBe(303);
      expect((await mvd.post(`/case/${caseId}/forms/withdrawal`, form)).status).toBe(303);
      expect((await row(caseId)).state).not.toBe('objectionReceived');
    });

    it('p.105: the representative’s refusal needs its reason (at the field); a second answer is refused in words', async () => {
      const msh = await as('agency:MSH', 'msh.rep');
      const caseId = id('personnel:MSH');
      const page = await msh.get(`/case/${caseId}/forms/signature`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-test="not-offered"'); // MSH signed on 18 November
      const before = await eventCount(caseId);
      const bare = await msh.post(`/case/${caseId}/forms/signature`, {
        ...formOf(page.text),
        answer: 'refuse',
        refusalReason: '',
      });
      expect(bare.status).toBe(422);
      expect(bare.text).toContain('href="#refusalReason"');
      const again = await msh.post(`/case/${caseId}/forms/signature`, {
        ...formOf(bare.text),
        answer: 'refuse',
        refusalReason: 'Екінші жолмен келіспейміз',
      });
      expect(again.status).toBeGreaterThanOrEqual(400);
      expect(again.text).toContain('data-test="refusal"');
      expect(again.text).toContain('Бұл қол қою мүмкін емес');
      expect(again.text).toContain('105-тармақ');
      expect(await eventCount(caseId)).toBe(before);
    });

    it('p.105: the chair signs the table through the same form as the representative', async () => {
      const chair = await as('ascChair', 'asc.chair');
      const caseId = id('personnel:MSH');
      const page = await chair.get(`/case/${caseId}`);
      expect(page.text).toContain(`/case/${caseId}/forms/signature`);
      const form = formOf((await chair.get(`/case/${caseId}/forms/signature`)).text);
      const res = await chair.post(`/case/${caseId}/forms/signature`, { ...form, answer: 'sign' });
      expect(res.status).toBe(303);
      expect((await row(caseId)).state).toBe('dispatch');
    });

    it('p.106: the officer dispatches the results (a button with a confirmation and a note)', async () => {
      const officer = await as('ascOfficer', 'asc.officer');
      const caseId = id('personnel:MSH');
      const form = formOf((await officer.get(`/case/${caseId}/forms/dispatch`)).text);
      const res = await officer.post(`/case/${caseId}/forms/dispatch`, { ...form, note: 'Жіберілді' });
      expect(res.status).toBe(303);
      expect((await row(caseId)).state).toBe('correction');
    });

    it('p.107: the correction shows what changes before it is issued, then issues version 2', async () => {
      const officer = await as('ascOfficer', 'asc.officer');
      const caseId = id('personnel:MSH');
      const page = await officer.get(`/case/${caseId}/forms/correction`);
      expect(page.text).toContain('data-test="correction-preview"');
      expect(page.text).toMatch(/data-changed="true"[\s\S]*?HR-3/);
      const res = await officer.post(`/case/${caseId}/forms/correction`, {
        ...formOf(page.text),
        reason: 'Комиссия шешімі',
      });
      if (res.status !== 303)
        throw new Error(/data-test="refusal"[\s\S]{0,600}/.exec(res.text)?.[0] ?? res.text.slice(0, 500));
      expect(res.status).toBe(303);
      expect(JSON.parse((await row(caseId)).snapshot).context.conclusionVersion).toBe(2);
    });

    it('p.108: the Presidential Administration revises with a score off the scale (refused at the field), then within it', async () => {
      const pa = await as('pa', 'pa.officer');
      const caseId = id('personnel:MZ');
      const page = await pa.get(`/case/${caseId}/forms/escalation-outcome`);
      expect(page.status).toBe(200);
      const form = formOf(page.text);
      const bad = await pa.post(`/case/${caseId}/forms/escalation-outcome`, {
        ...form,
        outcome: 'revised',
        'score-1': '99',
        note: 'Қайта қаралды',
      });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('href="#score-1"');
      const good = await pa.post(`/case/${caseId}/forms/escalation-outcome`, {
        ...formOf(bad.text),
        outcome: 'revised',
        'score-1': '4',
        note: 'Қайта қаралды',
      });
      expect(good.status).toBe(303);
      const c = await row(caseId);
      expect(c.outcome).toBe('revised');
    });

    it('p.108: the body appeals with its reason and a document; a missing reason keeps the document uploaded with the form', async () => {
      const mt = await as('agency:MT', 'mt.rep');
      const caseId = id('it:MT');
      const page = await mt.get(`/case/${caseId}/forms/escalation`);
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/data-test="form-term"[^>]*>[^<]*D4/);
      const form = formOf(page.text);
      const bare = await postMultipart(
        mt,
        `/case/${caseId}/forms/escalation`,
        [
          ['_csrf', form._csrf],
          ['_idempotency', form._idempotency],
          ['_version', form._version],
          ['reason', ''],
        ],
        [['Шағым.pdf', pdf('MT appeal')]],
      );
      expect(bare.status).toBe(422);
      expect(bare.text).toContain('href="#reason"');
      const kept = /name="documents" value="([0-9a-f]{64})"/.exec(bare.text)?.[1];
      expect(kept).toBeDefined();
      const again = formOf(bare.text);
      const res = await postMultipart(
        mt,
        `/case/${caseId}/forms/escalation`,
        [
          ['_csrf', again._csrf],
          ['_idempotency', again._idempotency],
          ['_version', again._version],
          ['reason', 'Комиссияның шешімімен келіспейміз.'],
          ['documents', kept!],
        ],
        [],
      );
      expect(res.status).toBe(303);
      const c = await row(caseId);
      expect(c.state).toBe('escalated');
      expect(JSON.parse(c.snapshot).context.escalation.documents).toEqual([{ name: 'Шағым.pdf', sha256: kept }]);
    });

    it('the body of another case cannot reach these forms (404), and a role the law does not give the step gets 403', async () => {
      const mio = await as('agency:MIO', 'mio.rep');
      expect((await mio.get(`/case/${id('personnel:MZ')}/forms/escalation`)).status).toBe(404);
      expect((await mio.get(`/case/${id('personnel:MIO')}/forms/dispatch`)).status).toBe(403);
    });
  });
  describe('p.91–p.97: the authority issues a conclusion from its work queue (a new case)', () => {
    it('the form offers only the bodies this authority evaluates, people by name (never an IIN), and the catalogue in force', async () => {
      await sut
        .http()
        .post('/api/v1/cycles')
        .set(bearer(ADMIN_TOKEN))
        .send({ code: '2025', title: '2025 жылғы бағалау / Оценка за 2025 год', year: 2025 })
        .expect(201);
      const officer = await as('ascOfficer', 'asc.officer');
      expect((await officer.get('/')).text).toContain('href="/new-case"');
      const page = await officer.get('/new-case');
      expect(page.status).toBe(200);
      expect(page.text).toContain('value="MON|personnel"');
      expect(page.text).not.toContain('|it"');
      expect(page.text).toContain('id="score-personnel-0"');
      const iins = story.world.people.map((p) => p.iin).filter((iin) => page.text.includes(iin));
      expect(iins).toEqual([]);
      // The body's representative has no such page.
      expect((await (await as('agency:MIO', 'mio.rep')).get('/new-case')).status).toBe(403);
    });

    it('errors at their fields (no score, a score off its scale, a backdated delivery without its record: p.98), nothing opened', async () => {
      const officer = await as('ascOfficer', 'asc.officer');
      const page = await officer.get('/new-case');
      const form = formOf(page.text);
      const evaluator = /name="evaluators" type="checkbox" value="([^"]+)"/.exec(page.text)![1];
      const before = Number((await sut.dataSource.query('SELECT COUNT(*) AS n FROM cases'))[0].n);
      const none = await officer.post('/new-case', {
        ...form,
        target: 'MON|personnel',
        cycle: '2025',
        evaluators: evaluator,
      });
      expect(none.status).toBe(422);
      expect(none.text).toContain('href="#items"');
      const off = await officer.post('/new-case', {
        ...formOf(none.text),
        target: 'MON|personnel',
        cycle: '2025',
        evaluators: evaluator,
        'score-personnel-0': '9',
      });
      expect(off.status).toBe(422);
      expect(off.text).toContain('href="#score-personnel-0"');
      const late = await officer.post('/new-case', {
        ...formOf(off.text),
        target: 'MON|personnel',
        cycle: '2025',
        evaluators: evaluator,
        'score-personnel-0': '3',
        deliveredAt: '2026-11-02T10:00',
      });
      expect(late.status).toBe(422);
      expect(late.text).toContain('href="#deliveredAt"');
      expect(late.text).toMatch(/98-тармақ/);
      expect(Number((await sut.dataSource.query('SELECT COUNT(*) AS n FROM cases'))[0].n)).toBe(before);
    });

    it('issued once when sent twice; the person lands on the new case with D1 as the next term', async () => {
      const officer = await as('ascOfficer', 'asc.officer');
      const page = await officer.get('/new-case');
      const evaluator = /name="evaluators" type="checkbox" value="([^"]+)"/.exec(page.text)![1];
      const fields = {
        ...formOf(page.text),
        target: 'MON|personnel',
        cycle: '2025',
        evaluators: evaluator,
        'score-personnel-0': '3',
        'score-personnel-1': '2',
      };
      const first = await officer.post('/new-case', fields);
      const second = await officer.post('/new-case', fields);
      expect(first.status).toBe(303);
      expect(second.headers.location).toBe(first.headers.location);
      const caseId = /\/case\/([0-9a-f-]{36})/.exec(first.headers.location)![1];
      const c = await row(caseId);
      expect([c.bodyCode, c.direction, c.cycleCode, c.state]).toEqual(['MON', 'personnel', '2025', 'issued']);
      const landed = await officer.get(`/case/${caseId}?done=conclusion`);
      expect(landed.text).toContain('Қорытынды шығарылды, іс ашылды.');
      expect(landed.text).toMatch(/data-test="next-term"[^>]*>[^<]*D1/);
    });
  });
  describe('registers of a cycle as XLSX (p.106; p.92, p.94, p.96)', () => {
    it('the working body downloads the dispatched results; the transmitted register is the informatization authority’s', async () => {
      const wb = await as('workingBody', 'working.body');
      expect((await wb.get('/')).text).toContain('href="/registers"');
      const page = await wb.get('/registers');
      expect(page.status).toBe(200);
      const cycle = story.cycle;
      const xlsx = await sut
        .http()
        .get(`/registers/dispatched.xlsx?cycle=${cycle}&direction=personnel`)
        .set('Cookie', wb.jar.header)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const ExcelJS = (await import('exceljs')).default;
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as never);
      const codes = new Set<string>();
      book.worksheets[0].eachRow((r) => codes.add(r.getCell(2).text));
      expect(codes.has('AKM-ALM')).toBe(true); // dispatched on 1 October (p.106)
      expect(codes.has('MT')).toBe(false); // not dispatched yet
      expect((await wb.get(`/registers/transmitted.xlsx?cycle=${cycle}&direction=personnel`)).status).toBe(403);
      const mdai = await as('mdaiOfficer', 'mdai.officer');
      expect((await mdai.get(`/registers/transmitted.xlsx?cycle=${cycle}&direction=personnel`)).status).toBe(200);
      expect((await (await as('agency:MIO', 'mio.rep')).get('/registers')).status).toBe(403);
    });
  });
});
