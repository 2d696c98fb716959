import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../src/common/clock';
import { projectRoot } from '../src/common/paths';
import { expectOk } from '../src/demo/api-client';
import { World, conclusionOf, seedWorld } from '../src/demo/world';
import { supertestApi } from './support/supertest-api';
import { ADMIN_TOKEN, TestApp, startTestApp, testDatabaseUrl } from './support/test-app';

/**
 * SPEC §3, issue 13: a newer shipped calendar file (config/calendar/YYYY.json) reaches a running deployment at its
 * next start as a new calendar version — open deadlines recomputed and recorded in each case — unless an
 * administrator's correction of the same date is newer: then the conflict is reported, not overwritten.
 */
describe('Shipped calendar files reach running deployments (SPEC §3)', () => {
  const db = testDatabaseUrl();
  const calendarDir = mkdtempSync(join(tmpdir(), 'appeals-calendar-'));
  const clock = new FixedClock(new Date('2026-11-30T05:00:00Z'));
  const warn = jest.spyOn(Logger.prototype, 'warn');
  let sut: TestApp | undefined;
  let world: World;
  let caseId: string;

  const start = async () => {
    sut = await startTestApp({ databaseUrl: db.url, dataDir: db.dir, clock, calendarDir });
    return supertestApi(sut);
  };
  const restart = async () => {
    await sut!.stop();
    return start();
  };
  const file2026 = join(calendarDir, '2026.json');
  const ship2026 = (change: (file: any) => void) => {
    const data = JSON.parse(readFileSync(file2026, 'utf8'));
    change(data);
    writeFileSync(file2026, JSON.stringify(data, null, 2) + '\n');
    return createHash('sha256').update(readFileSync(file2026)).digest('hex');
  };
  const transferDay = (date: string, act: string) => ({
    date,
    kind: 'dayOff',
    category: 'transfer',
    name: { kk: 'Ауыстырылған демалыс күні', ru: 'Перенесённый выходной день', en: 'Transferred day off' },
    act,
  });

  beforeAll(async () => {
    cpSync(join(projectRoot(), 'config', 'calendar'), calendarDir, { recursive: true });
    const api = await start();
    world = await seedWorld(api, ADMIN_TOKEN, '2026');
  });
  afterAll(async () => {
    await sut?.close();
    db.cleanup();
    rmSync(calendarDir, { recursive: true, force: true });
    warn.mockRestore();
  });

  it('first start: every shipped year is calendar version 1, each recorded with the SHA-256 of its file', async () => {
    const api = supertestApi(sut!);
    const imports = (await api.call('GET', '/api/v1/calendar/imports')).body.items;
    expect(imports.map((i: any) => i.year).sort()).toEqual([2024, 2025, 2026, 2027]);
    for (const i of imports) {
      const sha = createHash('sha256')
        .update(readFileSync(join(calendarDir, `${i.year}.json`)))
        .digest('hex');
      expect(i).toMatchObject({ sha256: sha, calendarVersion: 1, conflicts: 0 });
    }
    expect((await api.call('GET', '/api/v1/calendar/versions')).body.items).toHaveLength(1);
  });

  it('p.98: a changed shipped file is imported at start as a new calendar version, and the open D1 moves, recorded in the case', async () => {
    let api = supertestApi(sut!);
    // Delivered Monday 30 November 2026: D1 = Tue 1, Wed 2, Thu 3, Fri 4, Mon 7 December.
    const c = await expectOk(
      api.call(
        'POST',
        '/api/v1/conclusions',
        world.tokens.ascOfficer,
        conclusionOf(world, 'MZ', '2026-11-30T10:00:00+05:00'),
      ),
      'conclusion',
    );
    caseId = c.id;
    expect(c.deadlines.objection).toBe('2026-12-07T23:59:59.999+05:00');

    // A newer file ships (here: a transfer order making Friday 4 December 2026 a day off — invented for the test).
    const sha = ship2026((f) => {
      f.revised = '2026-11-30';
      f.entries.push(transferDay('2026-12-04', 'TEST: an order under the Labour Code art. 85 p.3 (hypothetical)'));
    });
    clock.set('2026-12-01T05:00:00Z');
    api = await restart();

    const versions = (await api.call('GET', '/api/v1/calendar/versions')).body.items;
    expect(versions).toHaveLength(2);
    expect(versions[0]).toMatchObject({
      id: 2,
      actor: 'system',
      note: expect.stringContaining('Shipped calendar 2026 imported'),
    });
    expect(versions[0].note).toContain('2026-12-04 added');
    const imports = (await api.call('GET', '/api/v1/calendar/imports')).body.items;
    expect(imports[0]).toMatchObject({
      year: 2026,
      sha256: sha,
      calendarVersion: 2,
      basedOnVersion: 1,
      appliedDates: ['2026-12-04'],
      conflicts: 0,
    });
    expect((await api.call('GET', '/api/v1/calendar/days/2026-12-04')).body).toMatchObject({
      working: false,
      kind: 'transfer',
      calendarVersion: 2,
    });

    const after = await api.call('GET', `/api/v1/cases/${caseId}`, world.tokens['agency:MZ']);
    expect(after.body.deadlines.objection).toBe('2026-12-08T23:59:59.999+05:00');
    const events = (await api.call('GET', `/api/v1/cases/${caseId}/events`, world.tokens.auditor)).body.items;
    const moved = events.find((e: any) => e.type === 'DEADLINES.RECOMPUTED');
    expect(moved.payload).toMatchObject({
      deadlines: { objection: '2026-12-08T23:59:59.999+05:00' },
      meta: { previous: { objection: '2026-12-07T23:59:59.999+05:00' }, calendarVersion: 2 },
    });
    expect(moved.payload.meta.reason).toContain('Shipped calendar 2026 imported');
  });

  it('an unchanged shipped file is not imported again: no new version, no new import record', async () => {
    let api = supertestApi(sut!);
    const importsBefore = (await api.call('GET', '/api/v1/calendar/imports')).body.items.length;
    api = await restart();
    expect((await api.call('GET', '/api/v1/calendar/versions')).body.items).toHaveLength(2);
    expect((await api.call('GET', '/api/v1/calendar/imports')).body.items).toHaveLength(importsBefore);
    expect((await api.call('GET', `/api/v1/cases/${caseId}`, world.tokens['agency:MZ'])).body.deadlines.objection).toBe(
      '2026-12-08T23:59:59.999+05:00',
    );
  });

  it('an administrator’s newer correction of the same date is kept and the conflict reported (logged, and read by the administrator); the file’s other changes apply', async () => {
    let api = supertestApi(sut!);
    clock.set('2026-12-02T05:00:00Z');
    const correction = {
      kind: 'dayOff',
      category: 'transfer',
      name: { kk: 'Ауыстырылған демалыс күні', ru: 'Перенесённый выходной день', en: 'Transferred day off' },
      act: 'TEST: the administrator’s act (hypothetical)',
      note: 'entered from the published order',
    };
    const put = await api.call('PUT', '/api/v1/calendar/entries/2026-12-10', ADMIN_TOKEN, correction);
    expect(put.status).toBe(200);
    const adminVersion = put.body.calendarVersion;

    // A file revised on 30 November (before the correction of 2 December) says otherwise about 10 December,
    // and also adds 11 December.
    warn.mockClear();
    const sha = ship2026((f) => {
      f.revised = '2026-11-30';
      f.entries.push(transferDay('2026-12-10', 'TEST: the shipped act (hypothetical)'));
      f.entries.push(transferDay('2026-12-11', 'TEST: another shipped act (hypothetical)'));
    });
    api = await restart();

    const day10 = (await api.call('GET', '/api/v1/calendar/days/2026-12-10')).body;
    expect(day10).toMatchObject({ working: false, act: 'TEST: the administrator’s act (hypothetical)' });
    const day11 = (await api.call('GET', '/api/v1/calendar/days/2026-12-11')).body;
    expect(day11).toMatchObject({
      working: false,
      act: 'TEST: another shipped act (hypothetical)',
      calendarVersion: adminVersion + 1,
    });

    const conflicts = await api.call('GET', '/api/v1/calendar/import-conflicts', ADMIN_TOKEN);
    expect(conflicts.status).toBe(200);
    expect(conflicts.body.items).toHaveLength(1);
    expect(conflicts.body.items[0]).toMatchObject({
      year: 2026,
      date: '2026-12-10',
      sha256: sha,
      revised: '2026-11-30',
      shipped: { act: 'TEST: the shipped act (hypothetical)' },
      kept: { act: 'TEST: the administrator’s act (hypothetical)' },
      correction: { calendarVersion: adminVersion, at: '2026-12-02T10:00:00.000+05:00' },
      now: 'kept',
    });
    expect(conflicts.body.items[0].correction.by).toBeTruthy();
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({
        msg: expect.stringContaining('calendar import conflict'),
        date: '2026-12-10',
        sha256: sha,
      }),
    );
    const imports = (await api.call('GET', '/api/v1/calendar/imports')).body.items;
    expect(imports[0]).toMatchObject({ sha256: sha, appliedDates: ['2026-12-11'], conflicts: 1 });
    const note = (await api.call('GET', '/api/v1/calendar/versions')).body.items[0].note;
    expect(note).toContain('newer correction of 2026-12-10 kept');

    // Only administrators and auditors read the conflicts.
    expect((await api.call('GET', '/api/v1/calendar/import-conflicts', world.tokens.auditor)).status).toBe(200);
    expect((await api.call('GET', '/api/v1/calendar/import-conflicts', world.tokens['agency:MZ'])).status).toBe(403);
    expect((await api.call('GET', '/api/v1/calendar/import-conflicts')).status).toBe(401);

    // The next start neither re-imports the file nor reports the conflict again.
    api = await restart();
    expect((await api.call('GET', '/api/v1/calendar/import-conflicts', ADMIN_TOKEN)).body.items).toHaveLength(1);
    expect((await api.call('GET', '/api/v1/calendar/days/2026-12-10')).body.act).toBe(
      'TEST: the administrator’s act (hypothetical)',
    );
  });

  it('a file revised after an administrator’s correction supersedes it (the shipped data is newer), and says so', async () => {
    let api = supertestApi(sut!);
    clock.set('2026-12-05T05:00:00Z');
    warn.mockClear();
    ship2026((f) => {
      f.revised = '2026-12-04';
      f.entries = f.entries.filter((e: any) => e.date !== '2026-12-10');
      f.entries.push(transferDay('2026-12-10', 'TEST: the shipped act, revised after the correction (hypothetical)'));
    });
    api = await restart();
    expect((await api.call('GET', '/api/v1/calendar/days/2026-12-10')).body.act).toBe(
      'TEST: the shipped act, revised after the correction (hypothetical)',
    );
    const note = (await api.call('GET', '/api/v1/calendar/versions')).body.items[0].note;
    expect(note).toContain('older correction of 2026-12-10 superseded');
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ msg: 'calendar import superseded an older correction', date: '2026-12-10' }),
    );
    // The earlier conflict now reads as settled by the shipped value.
    expect((await api.call('GET', '/api/v1/calendar/import-conflicts', ADMIN_TOKEN)).body.items[0]).toMatchObject({
      date: '2026-12-10',
      now: 'changed',
    });
  });

  // On PostgreSQL a start that fails inside Nest's init leaves its connection pool open (Nest closes nothing it did
  // not finish opening), which keeps Jest from exiting; the refusal itself is the same code on both databases.
  const onSqlite = !process.env.DATABASE_URL?.startsWith('postgres');
  (onSqlite ? it : it.skip)(
    'a bad shipped file stops the start with a message naming the file and the field',
    async () => {
      const good = readFileSync(file2026);
      ship2026((f) => {
        f.entries.push({ ...transferDay('2027-01-04', 'TEST'), kind: 'holiday' });
      });
      await sut!.stop();
      await expect(startTestApp({ databaseUrl: db.url, dataDir: db.dir, clock, calendarDir })).rejects.toThrow(
        /config\/calendar\/2026\.json: .*entries\[\d+\]\.date: must be a date of 2026; entries\[\d+\]\.kind/,
      );
      writeFileSync(file2026, good);
      await start();
    },
  );

  describe('a database from before shipped files were recorded by SHA-256 (an upgrade of a running deployment)', () => {
    const legacyDb = testDatabaseUrl();
    const oldDir = mkdtempSync(join(tmpdir(), 'appeals-calendar-old-'));
    const legacyClock = new FixedClock(new Date('2026-03-20T05:00:00Z'));
    let legacy: TestApp | undefined;

    afterAll(async () => {
      await legacy?.close();
      legacyDb.cleanup();
      rmSync(oldDir, { recursive: true, force: true });
    });

    it('takes the first system version as the base: this release’s 2027 (15 March in, 30 August out) arrives, a newer correction stays', async () => {
      // The 2027 file as the previous release shipped it: 30 August a holiday, no 15 March, moves citing art. 85.
      cpSync(join(projectRoot(), 'config', 'calendar'), oldDir, { recursive: true });
      const old = JSON.parse(readFileSync(join(oldDir, '2027.json'), 'utf8'));
      old.entries = old.entries.filter((e: any) => e.date !== '2027-03-15');
      old.entries.push({
        ...old.entries.find((e: any) => e.date === '2027-07-06'),
        date: '2027-08-30',
        holiday: 'constitution',
        name: { kk: 'Конституция күні', ru: 'День Конституции', en: 'Constitution Day' },
      });
      for (const e of old.entries)
        if (e.category === 'moved')
          e.act = 'Labour Code of the Republic of Kazakhstan of 23 November 2015 No. 414-V, art. 85';
      delete old.revised;
      writeFileSync(join(oldDir, '2027.json'), JSON.stringify(old, null, 2));
      legacy = await startTestApp({
        databaseUrl: legacyDb.url,
        dataDir: legacyDb.dir,
        clock: legacyClock,
        calendarDir: oldDir,
      });
      // What the previous release left: no record of the files it imported.
      await legacy.dataSource.query('DELETE FROM calendar_imports');
      // After the March 2026 news an administrator had already made 15 March 2027 a day off, citing the statement.
      legacyClock.set('2026-12-01T05:00:00Z');
      const put = await supertestApi(legacy).call('PUT', '/api/v1/calendar/entries/2027-03-15', ADMIN_TOKEN, {
        kind: 'dayOff',
        category: 'holiday',
        holiday: 'constitution',
        name: { kk: 'Конституция күні', ru: 'День Конституции', en: 'Constitution Day' },
        act: 'Statement of the Ministry of Labour and Social Protection of the Population, 18 March 2026',
        forecast: true,
        note: 'from the ministry statement',
      });
      expect(put.body.calendarVersion).toBe(2);
      await legacy.stop();

      legacy = await startTestApp({ databaseUrl: legacyDb.url, dataDir: legacyDb.dir, clock: legacyClock }); // this release's config/calendar
      const api = supertestApi(legacy);
      expect((await api.call('GET', '/api/v1/calendar/days/2027-08-30')).body).toMatchObject({
        working: true,
        calendarVersion: 3,
      });
      expect((await api.call('GET', '/api/v1/calendar/days/2027-01-04')).body.act).toContain(
        'art. 5 (when a day off and a holiday coincide',
      );
      expect((await api.call('GET', '/api/v1/calendar/days/2027-03-15')).body).toMatchObject({
        working: false,
        act: 'Statement of the Ministry of Labour and Social Protection of the Population, 18 March 2026',
      });
      const conflicts = (await api.call('GET', '/api/v1/calendar/import-conflicts', ADMIN_TOKEN)).body.items;
      expect(conflicts.map((c: any) => [c.date, c.now])).toEqual([['2027-03-15', 'kept']]);
      // 2024–2026 are as the base said: recorded, with no new version.
      const imports = (await api.call('GET', '/api/v1/calendar/imports')).body.items;
      expect(imports.map((i: any) => [i.year, i.calendarVersion]).sort()).toEqual([
        [2024, null],
        [2025, null],
        [2026, null],
        [2027, 3],
      ]);
      expect((await api.call('GET', '/api/v1/calendar/versions')).body.items).toHaveLength(3);
    });
  });
});
