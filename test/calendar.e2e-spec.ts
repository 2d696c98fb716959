import { ADMIN_TOKEN, TestApp, bearer, startTestApp } from './support/test-app';

describe('Calendar over HTTP (SPEC §3, §8)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut.close();
  });

  const deadline = (query: string) => sut.http().get(`/api/v1/calendar/deadline?${query}`);

  it('p.98: five working days across the 2024 May transfer, with the skipped days explained in three languages', async () => {
    const res = await deadline('from=2024-05-02T15:00:00%2B05:00&workingDays=5').expect(200);
    expect(res.body).toMatchObject({
      from: '2024-05-02T15:00:00.000+05:00', // every instant in an answer: Astana time, milliseconds written (issue 11)
      lastDay: '2024-05-13',
      deadline: '2024-05-13T23:59:59.999+05:00',
      calendarVersion: 1,
    });
    expect(res.body.skipped.map((s: { date: string }) => s.date)).toEqual([
      '2024-05-05',
      '2024-05-07',
      '2024-05-08',
      '2024-05-09',
      '2024-05-11',
      '2024-05-12',
    ]);
    const transfer = res.body.skipped[2];
    expect(transfer.reason).toEqual({
      kk: expect.stringContaining('2024-05-04'),
      ru: 'Выходной день перенесён с 2024-05-04',
      en: 'Day off transferred from 2024-05-04',
    });
  });

  it('p.106: fifteen calendar days ending on a day off roll to the next working day', async () => {
    const res = await deadline('from=2025-02-21T10:00:00Z&calendarDays=15').expect(200);
    expect(res.body).toMatchObject({ lastDay: '2025-03-11', nominalLastDay: '2025-03-08' });
  });

  it('an unencoded + in the offset (read as a space) is understood', async () => {
    const res = await deadline('from=2024-05-02T15:00:00+05:00&workingDays=5').expect(200);
    expect(res.body.from).toBe('2024-05-02T15:00:00.000+05:00');
  });

  it('GET /calendar/days/{date} says whether a day is working and why', async () => {
    const res = await sut.http().get('/api/v1/calendar/days/2025-01-05').expect(200);
    expect(res.body).toMatchObject({ date: '2025-01-05', working: true, kind: 'workingWeekend' });
    const off = await sut.http().get('/api/v1/calendar/days/2026-03-25').expect(200);
    expect(off.body).toMatchObject({ working: false, kind: 'moved' });
    expect(off.body.reason.ru).toContain('Наурыз');
  });

  it('GET /calendar/years/{year} lists every entry with its act', async () => {
    const res = await sut.http().get('/api/v1/calendar/years/2025').expect(200);
    expect(res.body.entries.length).toBe(17);
    expect(res.body.workingWeekendDays).toBe(1);
    for (const e of res.body.entries) expect(e.act).toBeTruthy();
  });

  it.each([
    ['from=yesterday&workingDays=5', 'from'],
    ['from=2025-02-03T10:00:00&workingDays=5', 'from'],
    ['from=2025-02-30T10:00:00Z&workingDays=5', 'from'],
    ['workingDays=5', 'from'],
    ['from=2025-02-03T10:00:00Z', 'workingDays'],
    ['from=2025-02-03T10:00:00Z&workingDays=5&calendarDays=5', 'calendarDays'],
    ['from=2025-02-03T10:00:00Z&workingDays=0', 'workingDays'],
    ['from=2025-02-03T10:00:00Z&workingDays=-3', 'workingDays'],
    ['from=2025-02-03T10:00:00Z&workingDays=367', 'workingDays'],
    ['from=2025-02-03T10:00:00Z&workingDays=2.5', 'workingDays'],
    ['from=2025-02-03T10:00:00Z&calendarDays=abc', 'calendarDays'],
    ['from=2025-02-03T10:00:00Z&workingDays=5&extra=1', 'extra'],
    ['from=2023-05-03T10:00:00Z&workingDays=5', 'from'],
    ['from=2027-12-28T10:00:00Z&workingDays=5', 'from'],
  ])('bad input %s → 400 problem+json naming %s', async (query, param) => {
    const res = await deadline(query).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.invalidParams.map((p: { name: string }) => p.name)).toContain(param);
    expect(['validation-failed', 'calendar-year-unknown']).toContain(res.body.code);
  });

  it.each([
    ['/api/v1/calendar/days/2025-13-01', 'date'],
    ['/api/v1/calendar/days/today', 'date'],
    ['/api/v1/calendar/years/1999', 'year'],
    ['/api/v1/calendar/years/abcd', 'year'],
  ])('bad path %s → 400 naming %s', async (path, param) => {
    const res = await sut.http().get(path).expect(400);
    expect(res.body.invalidParams[0].name).toBe(param);
  });

  it('31 August 2026 is a working day: from 2026 30 August is no longer a holiday, so Sunday 30 August moves nothing', async () => {
    const res = await sut.http().get('/api/v1/calendar/days/2026-08-31').expect(200);
    expect(res.body).toMatchObject({ date: '2026-08-31', working: true, kind: 'workingDay' });
    const sunday = await sut.http().get('/api/v1/calendar/days/2026-08-30').expect(200);
    expect(sunday.body).toMatchObject({ working: false, kind: 'weekend' });
    const term = await deadline('from=2026-08-28T10:00:00%2B05:00&workingDays=1').expect(200);
    expect(term.body).toMatchObject({
      lastDay: '2026-08-31',
      skipped: [{ date: '2026-08-29' }, { date: '2026-08-30' }],
    });
  });

  it('p.98: Monday 15 March 2027 is skipped as Constitution Day (from 2027), citing its act; 30 August 2027 is a working day', async () => {
    // Received Friday 12 March 2027: Sat 13, Sun 14 and Mon 15 (Constitution Day) skipped → Tuesday 16 March.
    const res = await deadline('from=2027-03-12T10:00:00%2B05:00&workingDays=1').expect(200);
    expect(res.body).toMatchObject({ lastDay: '2027-03-16', forecast: true });
    const constitution = res.body.skipped.find((s: { date: string }) => s.date === '2027-03-15');
    expect(constitution).toMatchObject({
      kind: 'holiday',
      act: expect.stringContaining('referendum of 15 March 2026'),
    });
    expect(constitution.reason).toEqual({
      kk: 'Қазақстан Республикасының Конституциясы күні — мереке, демалыс күні',
      ru: 'День Конституции Республики Казахстан — праздничный выходной день',
      en: 'Constitution Day — public holiday, day off',
    });
    const august = await sut.http().get('/api/v1/calendar/days/2027-08-30').expect(200);
    expect(august.body).toMatchObject({ working: true, kind: 'workingDay' });
  });

  it('7 January is a day off under the Labour Code art. 84 p.5, labelled as such — not a public holiday', async () => {
    const res = await sut.http().get('/api/v1/calendar/days/2026-01-07').expect(200);
    expect(res.body).toMatchObject({ working: false, kind: 'religious', act: expect.stringContaining('art. 84 p.5') });
    expect(res.body.reason).toEqual({
      kk: 'Православиелік Рождество — демалыс күні',
      ru: 'Православное Рождество — выходной день',
      en: 'Orthodox Christmas — day off',
    });
  });

  describe('run-time correction by an administrator', () => {
    // A hypothetical transfer order (the data of 2026 has none): the correction mechanism is what is tested.
    const body = {
      kind: 'dayOff',
      category: 'transfer',
      transferredFrom: '2026-09-05',
      name: { kk: 'Ауыстырылған демалыс күні', ru: 'Перенесённый выходной день', en: 'Transferred day off' },
      act: 'TEST: an order under the Labour Code of the Republic of Kazakhstan, art. 85 p.3 (hypothetical)',
      note: 'a transfer order entered by hand',
    };

    it('needs a token, and the administrator role', async () => {
      const anonymous = await sut.http().put('/api/v1/calendar/entries/2026-08-31').send(body).expect(401);
      expect(anonymous.body.code).toBe('unauthenticated');
      await sut.http().put('/api/v1/calendar/entries/2026-08-31').set(bearer('wrong-token')).send(body).expect(401);
    });

    it('names the field of a bad entry and changes nothing', async () => {
      const res = await sut
        .http()
        .put('/api/v1/calendar/entries/2026-08-31')
        .set(bearer(ADMIN_TOKEN))
        .send({ ...body, kind: 'holiday', name: { kk: 'x' } })
        .expect(400);
      const names = res.body.invalidParams.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(['kind', 'name.ru', 'name.en']));
      const versions = await sut.http().get('/api/v1/calendar/versions').expect(200);
      expect(versions.body.items).toHaveLength(1);
    });

    it('malformed JSON → 400 problem naming the body', async () => {
      const res = await sut
        .http()
        .put('/api/v1/calendar/entries/2026-08-31')
        .set(bearer(ADMIN_TOKEN))
        .set('content-type', 'application/json')
        .send('{bad')
        .expect(400);
      expect(res.body.invalidParams[0].name).toBe('body');
    });

    it('creates a new calendar version, and the next computation uses it', async () => {
      const before = await deadline('from=2026-08-28T10:00:00%2B05:00&workingDays=1').expect(200);
      expect(before.body).toMatchObject({ lastDay: '2026-08-31', calendarVersion: 1 });

      const put = await sut
        .http()
        .put('/api/v1/calendar/entries/2026-08-31')
        .set(bearer(ADMIN_TOKEN))
        .send(body)
        .expect(200);
      expect(put.body.calendarVersion).toBe(2);

      const after = await deadline('from=2026-08-28T10:00:00%2B05:00&workingDays=1').expect(200);
      expect(after.body).toMatchObject({ lastDay: '2026-09-01', calendarVersion: 2 });
      expect(after.body.skipped.map((s: { date: string }) => s.date)).toEqual([
        '2026-08-29',
        '2026-08-30',
        '2026-08-31',
      ]);

      const removed = await sut
        .http()
        .delete('/api/v1/calendar/entries/2026-08-31?note=act%20not%20confirmed')
        .set(bearer(ADMIN_TOKEN))
        .expect(200);
      expect(removed.body.calendarVersion).toBe(3);
      const back = await deadline('from=2026-08-28T10:00:00%2B05:00&workingDays=1').expect(200);
      expect(back.body).toMatchObject({ lastDay: '2026-08-31', calendarVersion: 3 });
    });

    it('adds a whole year, after which terms may reach into it', async () => {
      await deadline('from=2027-12-28T10:00:00%2B05:00&workingDays=5').expect(400);
      const res = await sut
        .http()
        .post('/api/v1/calendar/years')
        .set(bearer(ADMIN_TOKEN))
        .send({
          year: 2028,
          source: 'test: New Year only',
          entries: [
            {
              date: '2028-01-03',
              kind: 'dayOff',
              category: 'moved',
              movedFrom: '2028-01-01',
              name: { kk: 'Жаңа жыл', ru: 'Новый год', en: 'New Year' },
              act: 'Law "On holidays in the Republic of Kazakhstan", art. 5',
            },
          ],
        })
        .expect(201);
      const after = await deadline('from=2027-12-28T10:00:00%2B05:00&workingDays=5').expect(200);
      expect(after.body.calendarVersion).toBe(res.body.calendarVersion);
      // Wed 29, Thu 30, Fri 31 Dec 2027, Mon 3 Jan 2028 moved New Year day off, Tue 4 (4), Wed 5 (5).
      expect(after.body.lastDay).toBe('2028-01-05');
    });
  });

  it('serves the health check, the OpenAPI page and its JSON', async () => {
    await sut.http().get('/api/v1/health').expect(200, { status: 'ok', database: sut.dataSource.options.type });
    const json = await sut.http().get('/api/docs-json').expect(200);
    expect(Object.keys(json.body.paths)).toContain('/api/v1/calendar/deadline');
    const page = await sut.http().get('/api/docs').expect(200);
    expect(page.text).toContain('swagger-ui');
  });

  it('every response carries a request id; an unknown route is a not-found problem', async () => {
    const res = await sut.http().get('/api/v1/nowhere').set('x-request-id', 'abc-123').expect(404);
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.body).toMatchObject({ code: 'not-found', requestId: 'abc-123' });
  });

  it('problem titles follow Accept-Language (Kazakh by default)', async () => {
    const kk = await deadline('from=x&workingDays=1').unset('Accept-Language').expect(400);
    expect(kk.body.title).toBe('Сұрау деректері қате');
    const ru = await deadline('from=x&workingDays=1').set('accept-language', 'ru-RU,ru;q=0.9').expect(400);
    expect(ru.body.title).toBe('Ошибка в данных запроса');
  });
});
