import { CommissionEntity } from '../src/commissions/commission.entity';
import { CaseEntity } from '../src/cases/case.entity';
import { World } from '../src/demo/world';
import { Api } from '../src/demo/api-client';
import { personToken } from '../src/web/command-forms';
import { procedure } from './support/procedure';
import { startSeeded } from './support/seeded';
import { TestApp } from './support/test-app';
import { WebClient, csrfOf, givePassword } from './support/web';

const ONE_TIME = 'Бір-реттік-құпиясөз-7';
const MINE = 'Менің-жаңа-құпиясөзім-2025';

/** The hidden fields of the command form on a page (the shared path of issue 15). */
function formOf(html: string, test = 'command-form'): { _csrf: string; _idempotency: string; _version: string } {
  const form = new RegExp(`<form[^>]*data-test="${test}"[\\s\\S]*?</form>`).exec(html)?.[0];
  if (!form) throw new Error(`No ${test} form on the page`);
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1] ?? '';
  return { _csrf: csrfOf(form), _idempotency: field('_idempotency'), _version: field('_version') };
}

/** The text of a page without tags and with spaces collapsed (what a reader sees). */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\s+/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

/**
 * The commission's forms of issue 15 over real HTTP, the secretary's and the chair's side: forming the special
 * commission with the conflict check of p.100 (refused naming who), constituting it, the table (p.102), a meeting
 * inviting the p.103 parties, attendance, the decisions of p.104 (the quorum short by how many, a tie decided by the
 * chair's casting vote) and the chair's signature (p.105) — each run in-process once per submission, a stale form
 * saying what changed, and nobody of another authority reaching any of it.
 */
describe('Commission forms over HTTP (issue 15)', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;
  let p: ReturnType<typeof procedure>;
  let caseId: string;
  let commissionId: string;
  const clients = new Map<string, WebClient>();

  beforeAll(async () => {
    // Monday 3 March 2025, 10:00 Astana: the world's cycle 2025.
    ({ sut, api, world } = await startSeeded({ now: '2025-03-03T05:00:00.000Z' }));
    p = procedure(sut, api, world);
    const issued = await p.ok(p.issue('MZ'), 'conclusion MZ');
    caseId = issued.id;
    await p.ok(p.issue('MON'), 'conclusion MON');
    p.at('2025-03-04T11:00');
    await p.ok(
      p.object(caseId, 'MZ', [
        { indicatorCode: 'HR-1', claimedScore: 5, argument: 'Тағайындаулардың 80%-ы кадрлық резервтен жүргізілді.' },
        { indicatorCode: 'HR-2', claimedScore: 4, argument: 'Текучесть рассчитана без учёта декретного отпуска.' },
      ]),
      'objection MZ',
    );
  });
  afterAll(async () => {
    await sut?.close();
  });

  async function as(token: string, userName: string, lang = 'kk'): Promise<WebClient> {
    const known = clients.get(userName);
    if (known) return known;
    await givePassword(sut, world.tokens[token], userName, ONE_TIME);
    const client = new WebClient(sut, { 'accept-language': lang });
    const res = await client.signIn(userName, ONE_TIME, MINE);
    expect(res.status).toBe(303);
    clients.set(userName, client);
    return client;
  }
  /** The clock moves on (sessions end when idle): the person signs in again. */
  async function later(local: string, token: string, userName: string): Promise<WebClient> {
    p.at(local);
    clients.delete(userName);
    return as(token, userName);
  }
  const commission = () => sut.dataSource.manager.findOneByOrFail(CommissionEntity, { id: commissionId });
  const members = async () =>
    JSON.parse((await commission()).snapshot).context.members as { iin: string; role: string }[];
  const eventCount = async (streamId: string) =>
    Number((await p.sql('SELECT COUNT(*) AS n FROM events WHERE stream_id = $1', [streamId]))[0].n);
  const person = (i: number) => personToken(world.people[i].iin);

  it(
    'p.100: the secretary forms the special commission of the authority from a form; a bad' +
      ' direction is named at its field',
    async () => {
      const secretary = await as('ascSecretary', 'asc.secretary');
      const page = await secretary.get('/new-commission');
      expect(page.status).toBe(200);
      const bad = await secretary.post('/new-commission', { ...formOf(page.text), direction: 'sport', cycle: '2025' });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('href="#direction"');
      expect(await sut.dataSource.manager.count(CommissionEntity)).toBe(0);
      const again = await secretary.get('/new-commission');
      const res = await secretary.post('/new-commission', {
        ...formOf(again.text),
        direction: 'personnel',
        cycle: '2025',
      });
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/commission\/[0-9a-f-]{36}\?done=opened#confirmation$/);
      commissionId = /commission\/([0-9a-f-]{36})/.exec(res.headers.location)![1];
      const shown = await secretary.get(res.headers.location);
      expect(shown.status).toBe(200);
      expect(shown.text).toContain('data-test="confirmation"');
      expect(shown.text).toContain(`/commission/${commissionId}/forms/member-add`);
      // Not constituted yet: says what is missing (p.100), and offers no "constitute" button.
      expect(visible(shown.text)).toContain('Құрамды бекіту үшін тағы 5 мүше қажет');
      expect(shown.text).not.toContain('data-test="constitute-form"');
    },
  );

  it(
    'p.100: the conflict check is shown before submitting, and the machine refuses the' + ' evaluator of MZ naming who',
    async () => {
      const secretary = await as('ascSecretary', 'asc.secretary');
      const form = await secretary.get(`/commission/${commissionId}/forms/member-add`);
      expect(form.status).toBe(200);
      // People 6 and 7 evaluated MZ (which objected) and MON (which did not): marked before anything is sent.
      const evaluator = world.people[6];
      const item = new RegExp(
        `value="${person(6)}"[\\s\\S]*?data-test="(conflict|clear)"[^>]*>([\\s\\S]*?)</div>`,
      ).exec(form.text);
      expect(item?.[1]).toBe('conflict');
      expect(visible(item![2])).toContain('MZ');
      expect(visible(item![2])).toContain('100-тармақ');
      expect(new RegExp(`value="${person(2)}"[\\s\\S]*?data-test="clear"`).test(form.text)).toBe(true);
      // No IIN in full on the page (SPEC §4): people are picked by an opaque token.
      expect(world.people.filter((pp) => form.text.includes(pp.iin))).toEqual([]);
      const before = await eventCount(commissionId);
      const refused = await secretary.post(`/commission/${commissionId}/forms/member-add`, {
        ...formOf(form.text),
        person: person(6),
        role: 'member',
      });
      expect(refused.status).toBe(422);
      const text = visible(refused.text);
      expect(text).toContain(`${evaluator.fullName} қарсылық білдірген MZ бағалауына қатысқан`);
      expect(text).toContain('100-тармақ');
      expect(refused.text).toContain('href="#person"');
      expect(await eventCount(commissionId)).toBe(before);
      expect(await members()).toEqual([]);
    },
  );

  it('a field left empty is named at its field and summarised; nothing is written', async () => {
    const secretary = await as('ascSecretary', 'asc.secretary');
    const form = await secretary.get(`/commission/${commissionId}/forms/member-add`);
    const before = await eventCount(commissionId);
    const res = await secretary.post(`/commission/${commissionId}/forms/member-add`, {
      ...formOf(form.text),
      role: 'chair',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('govuk-error-summary');
    expect(res.text).toContain('href="#person"');
    expect(res.text).toContain('id="person-error"');
    expect(await eventCount(commissionId)).toBe(before);
  });

  it('the same submission sent twice acts once (the form’s idempotency key)', async () => {
    const secretary = await as('ascSecretary', 'asc.secretary');
    const form = await secretary.get(`/commission/${commissionId}/forms/member-add`);
    const fields = { ...formOf(form.text), person: person(0), role: 'chair' };
    const first = await secretary.post(`/commission/${commissionId}/forms/member-add`, fields);
    const second = await secretary.post(`/commission/${commissionId}/forms/member-add`, fields);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect((await members()).map((m) => m.role)).toEqual(['chair']);
    const page = await secretary.get(first.headers.location);
    expect(visible(page.text)).toContain(`${world.people[0].fullName} комиссияға қосылды: Төраға`);
  });

  it('a stale form says what changed meanwhile instead of acting on an old state', async () => {
    const secretary = await as('ascSecretary', 'asc.secretary');
    const form = await secretary.get(`/commission/${commissionId}/forms/member-add`);
    // Meanwhile someone else adds the secretary (through the API).
    await p.ok(
      p.post(`/api/v1/commissions/${commissionId}/members`, world.tokens.ascOfficer, {
        iin: world.people[1].iin,
        role: 'secretary',
      }),
      'member',
    );
    const res = await secretary.post(`/commission/${commissionId}/forms/member-add`, {
      ...formOf(form.text),
      person: person(2),
      role: 'member',
    });
    expect(res.status).toBe(409);
    expect(res.text).toContain('data-test="stale"');
    expect(visible(res.text)).toContain(`${world.people[1].fullName} комиссияға қосылды: Хатшы`);
    expect((await members()).length).toBe(2);
  });

  it('p.100: with five members, a chair and a secretary it is constituted by one button', async () => {
    const secretary = await as('ascSecretary', 'asc.secretary');
    for (const i of [2, 3, 4]) {
      const form = await secretary.get(`/commission/${commissionId}/forms/member-add`);
      const res = await secretary.post(`/commission/${commissionId}/forms/member-add`, {
        ...formOf(form.text),
        person: person(i),
        role: 'member',
      });
      expect(res.status).toBe(303);
    }
    const page = await secretary.get(`/commission/${commissionId}`);
    expect(page.text).toContain('data-test="constitute-form"');
    const res = await secretary.post(
      `/commission/${commissionId}/forms/constitution`,
      formOf(page.text, 'constitute-form'),
    );
    expect(res.status).toBe(303);
    expect((await commission()).state).toBe('constituted');
  });

  it(
    'p.102: the table (the authority’s position per disputed item) and its submission, from' + ' the case page’s links',
    async () => {
      const secretary = await as('ascSecretary', 'asc.secretary');
      const casePage = await secretary.get(`/case/${caseId}`);
      expect(casePage.text).toContain(`/case/${caseId}/forms/table`);
      const form = await secretary.get(`/case/${caseId}/forms/table`);
      expect(form.status).toBe(200);
      const empty = await secretary.post(`/case/${caseId}/forms/table`, {
        ...formOf(form.text),
        'position-0': 'Бағалау кезінде резерв деректері ұсынылмаған.',
        'position-1': '',
      });
      expect(empty.status).toBe(422);
      expect(empty.text).toContain('href="#position-1"');
      const res = await secretary.post(`/case/${caseId}/forms/table`, {
        ...formOf(empty.text),
        'position-0': 'Бағалау кезінде резерв деректері ұсынылмаған.',
        'position-1': 'Методика не исключает декретный отпуск из расчёта.',
      });
      expect(res.status).toBe(303);
      const submission = await secretary.get(`/case/${caseId}/forms/table-submission`);
      const submitted = await secretary.post(`/case/${caseId}/forms/table-submission`, formOf(submission.text));
      expect(submitted.status).toBe(303);
      expect((await sut.dataSource.manager.findOneByOrFail(CaseEntity, { id: caseId })).state).toBe('commissionReview');
    },
  );

  let meetingFull = '';
  let meetingShort = '';
  it(
    'p.103: a meeting inviting the body’s representative and its evaluators (ticked), then its' + ' attendance',
    async () => {
      let secretary = await as('ascSecretary', 'asc.secretary');
      const page = await secretary.get(`/commission/${commissionId}`);
      expect(page.text).toContain(`/commission/${commissionId}/forms/meeting`);
      for (const [date, present] of [
        ['2025-03-05', [0, 1, 2]],
        ['2025-03-06', [1, 2]],
      ] as const) {
        secretary = await later(`${date}T09:00`, 'ascSecretary', 'asc.secretary');
        const form = await secretary.get(`/commission/${commissionId}/forms/meeting`);
        const ticked = [...form.text.matchAll(/name="invitees" type="checkbox" value="([^"]+)" checked/g)].map(
          (m) => m[1],
        );
        expect(ticked).toEqual(['rep:MZ', `ev:MZ:${person(6)}`, `ev:MZ:${person(7)}`]);
        const bad = await secretary.post(`/commission/${commissionId}/forms/meeting`, {
          ...formOf(form.text),
          date: '05.03.2025',
          time: '15:00',
        });
        expect(bad.status).toBe(422);
        expect(bad.text).toContain('href="#date"');
        const body = new URLSearchParams({ ...formOf(form.text), date, time: '15:00' });
        for (const v of ticked) body.append('invitees', v);
        const res = await sut
          .http()
          .post(`/commission/${commissionId}/forms/meeting`)
          .set('Cookie', secretary.jar.header)
          .set('content-type', 'application/x-www-form-urlencoded')
          .send(body.toString());
        expect(res.status).toBe(303);
        secretary = await later(`${date}T16:00`, 'ascSecretary', 'asc.secretary');
        const withLink = await secretary.get(`/commission/${commissionId}`);
        const href = /href="(\/commission\/[^"]+\/forms\/attendance\?meeting=[^"]+)"/.exec(withLink.text)![1];
        const attendance = await secretary.get(href.replace(/&amp;/g, '&'));
        const a = new URLSearchParams({
          ...formOf(attendance.text),
          meeting: /name="meeting" value="([^"]+)"/.exec(attendance.text)![1],
        });
        for (const i of present) a.append('present', person(i));
        const done = await sut
          .http()
          .post(`/commission/${commissionId}/forms/attendance`)
          .set('Cookie', secretary.jar.header)
          .set('content-type', 'application/x-www-form-urlencoded')
          .send(a.toString());
        expect(done.status).toBe(303);
      }
      const meetings = JSON.parse((await commission()).snapshot).context.meetings as {
        id: string;
        present: string[];
      }[];
      expect(meetings.map((m) => m.present.length)).toEqual([3, 2]);
      [meetingFull, meetingShort] = meetings.map((m) => m.id);
    },
  );

  it('p.104: a meeting short of the quorum is refused saying by how many; nothing is written', async () => {
    const secretary = await as('ascSecretary', 'asc.secretary');
    const form = await secretary.get(`/case/${caseId}/forms/row-decision?n=1`);
    expect(form.status).toBe(200);
    const before = await eventCount(caseId);
    const res = await secretary.post(`/case/${caseId}/forms/row-decision`, {
      ...formOf(form.text),
      n: '1',
      meetingId: meetingShort,
      decision: 'agree',
      'votes-for': '2',
      'votes-against': '0',
      'votes-abstained': '0',
      rationale: 'Бұйрықтармен расталды.',
    });
    expect(res.status).toBe(422);
    const text = visible(res.text);
    expect(text).toContain('кворумға 1 мүше жетпейді');
    expect(text).toContain('104-тармақ');
    expect(await eventCount(caseId)).toBe(before);
  });

  it('p.104: a tie is refused without the chair’s vote and decided by it', async () => {
    const secretary = await as('ascSecretary', 'asc.secretary');
    const form = await secretary.get(`/case/${caseId}/forms/row-decision?n=1`);
    const fields = {
      n: '1',
      meetingId: meetingFull,
      decision: 'disagree',
      'votes-for': '1',
      'votes-against': '1',
      'votes-abstained': '1',
      rationale: 'Методикада ерекшелік қарастырылмаған.',
    };
    const tie = await secretary.post(`/case/${caseId}/forms/row-decision`, { ...formOf(form.text), ...fields });
    expect(tie.status).toBe(400);
    expect(visible(tie.text)).toContain('төрағаның дауысы тек тең болғанда шешеді');
    expect(visible(tie.text)).toContain('104-тармақ');
    const res = await secretary.post(`/case/${caseId}/forms/row-decision`, {
      ...formOf(tie.text),
      ...fields,
      chairVote: 'for',
    });
    expect(res.status).toBe(303);
    const row1 = (
      JSON.parse((await sut.dataSource.manager.findOneByOrFail(CaseEntity, { id: caseId })).snapshot).context.rows as {
        n: number;
        decision?: string;
        vote?: { chairVote?: string };
      }[]
    )[0];
    expect(row1).toMatchObject({ decision: 'disagree', vote: { chairVote: 'for' } });
    const next = await secretary.get(`/case/${caseId}/forms/row-decision?n=2`);
    const agreed = await secretary.post(`/case/${caseId}/forms/row-decision`, {
      ...formOf(next.text),
      n: '2',
      meetingId: meetingFull,
      decision: 'agree',
      revisedScore: '4',
      'votes-for': '3',
      'votes-against': '0',
      'votes-abstained': '0',
      rationale: 'Текучесть пересчитана.',
    });
    expect(agreed.status).toBe(303);
    expect((await sut.dataSource.manager.findOneByOrFail(CaseEntity, { id: caseId })).state).toBe('signing');
  });

  it('p.105: the chair signs the table from the case page’s link (the shared signature form)', async () => {
    const chair = await as('ascChair', 'asc.chair');
    const casePage = await chair.get(`/case/${caseId}`);
    expect(casePage.text).toContain(`/case/${caseId}/forms/signature`);
    const form = await chair.get(`/case/${caseId}/forms/signature`);
    const res = await chair.post(`/case/${caseId}/forms/signature`, { ...formOf(form.text), answer: 'sign' });
    expect(res.status).toBe(303);
    const signatures = JSON.parse((await sut.dataSource.manager.findOneByOrFail(CaseEntity, { id: caseId })).snapshot)
      .context.signatures as { chair?: { at: string } };
    expect(signatures.chair).toBeDefined();
  });

  it(
    'p.100: removing a member (a confirmation page) leaves four: the commission falls back to' +
      ' being formed and says what is missing; then dissolved',
    async () => {
      const secretary = await later('2025-03-07T10:00', 'ascSecretary', 'asc.secretary');
      const page = await secretary.get(`/commission/${commissionId}`);
      const href = new RegExp(`href="(/commission/${commissionId}/forms/member-remove\\?person=${person(4)})"`).exec(
        page.text,
      )?.[1];
      expect(href).toBeDefined();
      const confirm = await secretary.get(href!);
      expect(visible(confirm.text)).toContain(`${world.people[4].fullName} комиссия құрамынан шығарылсын ба?`);
      const res = await secretary.post(`/commission/${commissionId}/forms/member-remove`, {
        ...formOf(confirm.text),
        person: person(4),
      });
      expect(res.status).toBe(303);
      expect((await commission()).state).toBe('forming');
      const after = await secretary.get(res.headers.location);
      expect(visible(after.text)).toContain(`${world.people[4].fullName} комиссиядан шығарылды`);
      expect(visible(after.text)).toContain('Құрамды бекіту үшін тағы 1 мүше қажет');
      expect(after.text).not.toContain('data-test="constitute-form"');
      const dissolve = await secretary.get(`/commission/${commissionId}/forms/dissolution`);
      const gone = await secretary.post(`/commission/${commissionId}/forms/dissolution`, formOf(dissolve.text));
      expect(gone.status).toBe(303);
      expect((await commission()).state).toBe('dissolved');
      const last = await secretary.get(gone.headers.location);
      expect(last.text).toContain('data-test="now-none"');
    },
  );

  it(
    'SPEC §7: a person of another authority reaches none of the forms (404), and a post of' + ' theirs acts on nothing',
    async () => {
      const other = await as('mdaiSecretary', 'mdai.secretary');
      const before = await eventCount(commissionId);
      for (const path of [
        `/commission/${commissionId}`,
        `/commission/${commissionId}/forms/member-add`,
        `/commission/${commissionId}/forms/meeting`,
        `/case/${caseId}/forms/table`,
        `/case/${caseId}/forms/row-decision`,
      ]) {
        const res = await other.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
      await other.get('/');
      const post = await other.post(`/commission/${commissionId}/forms/member-remove`, {
        _idempotency: 'x'.repeat(22),
        person: person(4),
      });
      expect(post.status).toBe(404);
      expect(await eventCount(commissionId)).toBe(before);
      expect((await members()).length).toBe(4);
      // A body's representative does not reach the commission's forms either.
      const mz = await as('agency:MZ', 'mz.rep');
      expect((await mz.get(`/commission/${commissionId}/forms/member-add`)).status).toBe(404);
      expect((await mz.get('/new-commission')).status).toBe(403);
    },
  );
});
