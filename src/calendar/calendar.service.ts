import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { isIsoDate } from '../common/validators/iso-instant';
import { DomainError, invalidParam } from '../common/domain-error';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DEFAULT_CALENDAR_DIR, ShippedCalendarYear, readShippedCalendar } from './calendar-config';
import {
  CalendarEntryEntity,
  CalendarImportConflictEntity,
  CalendarImportEntity,
  CalendarVersionEntity,
  CalendarYearEntity,
} from './calendar.entities';
import { contestedWinner, entryKey, planYearImport } from './shipped-calendar-merge';
import {
  CalendarData,
  CalendarEntry,
  CalendarYearUnknownError,
  DayInfo,
  DeadlineResult,
  Term,
  buildCalendar,
  computeDeadline,
  dayInfo,
  localDateOf,
} from './calendar-rules';
import { text } from '../i18n/text';

export interface CalendarChange {
  fromVersion: number;
  toVersion: number;
  note: string;
}

type ChangeListener = (change: CalendarChange, manager: EntityManager) => Promise<void>;

/** What starting with a shipped year file did (one per file). */
export interface ShippedYearReport {
  year: number;
  outcome: 'unchanged' | 'imported' | 'nothingToApply';
  calendarVersion?: number;
  applied: string[];
  conflicts: string[];
  superseded: string[];
}

interface Correction {
  versionId: number;
  actor: string;
  createdAt: string;
}

/** Serializes calendar imports across instances sharing one PostgreSQL database (SQLite transactions already are). */
const CALENDAR_LOCK_KEY = 7_263_001;

/**
 * The official calendar, stored and versioned in the database (SPEC §3).
 * Every change makes a new version (a full copy of the previous one plus the change), so any
 * recorded deadline can be recomputed with exactly the calendar it was computed with.
 */
@Injectable()
export class CalendarService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(CalendarService.name);
  private readonly cache = new Map<number, CalendarData>();
  private readonly listeners: ChangeListener[] = [];

  constructor(
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An empty database gets the shipped calendar as version 1 before anything else starts. */
  async onModuleInit(): Promise<void> {
    await this.importInitial();
  }

  /**
   * Once every module is up (so the deadline listeners are registered), shipped year files that changed
   * since they were last imported reach this deployment as new calendar versions. Nest runs this hook module
   * by module, deepest first, awaiting each: CalendarModule lies below CasesModule and SchedulerModule, so the
   * import is done before the deadline scheduler's first sweep.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.importShippedChanges();
  }

  /** Lets other modules (the deadline scheduler) react, in the same transaction, to a new version. */
  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  private shipped(): ShippedCalendarYear[] {
    return readShippedCalendar(this.config.calendarDir ?? DEFAULT_CALENDAR_DIR());
  }

  /** On an empty database: every shipped year as calendar version 1, each file recorded by its SHA-256. */
  async importInitial(): Promise<void> {
    const files = this.shipped();
    if (files.length === 0) return;
    await this.unitOfWork.run(async (manager) => {
      await this.lockCalendar(manager);
      if (await this.latestVersionId(manager, false)) return;
      const note = `Official calendar imported from config/calendar: ${files.map((f) => f.data.year).join(', ')}`;
      const version = await this.newVersion(manager, undefined, 'system', note);
      for (const file of files) {
        await manager.insert(CalendarYearEntity, {
          versionId: version,
          year: file.data.year,
          source: file.data.source,
        });
        await this.insertEntries(manager, version, file.data.entries);
        await this.recordImport(
          manager,
          file,
          version,
          null,
          file.data.entries.map((e) => e.date),
          0,
        );
      }
      this.logger.log({ msg: 'calendar imported', version, years: files.map((f) => f.data.year) });
    });
  }

  /**
   * Meets every shipped year file (SPEC §3; issue 13): a file whose SHA-256 was imported last time is skipped;
   * a changed one is compared date by date with what it said before and what the calendar says now
   * (`planYearImport`), and what it changes becomes a new calendar version — open deadlines are recomputed by
   * the listeners in the same transaction — unless an administrator's correction of the same date is newer:
   * then the correction stays and the conflict is recorded, logged and listed by GET /calendar/import-conflicts.
   */
  async importShippedChanges(): Promise<ShippedYearReport[]> {
    const reports: ShippedYearReport[] = [];
    for (const file of this.shipped()) reports.push(await this.importShippedYear(file));
    return reports;
  }

  private async importShippedYear(file: ShippedCalendarYear): Promise<ShippedYearReport> {
    const year = file.data.year;
    return this.unitOfWork.run(async (manager) => {
      await this.lockCalendar(manager);
      const last = await manager.findOne(CalendarImportEntity, { where: { year }, order: { id: 'DESC' } });
      const unchanged: ShippedYearReport = { year, outcome: 'unchanged', applied: [], conflicts: [], superseded: [] };
      if (last?.sha256 === file.sha256) return unchanged;
      const latest = await this.latestVersionId(manager, true);
      if (!latest) return unchanged; // nothing shipped at first start; importInitial owns an empty database
      const current = await this.versionIn(manager, latest);
      const shipped = new Map(file.data.entries.map((e) => [e.date, e]));
      const now = this.clock.now().toISOString();

      if (!current.years.has(year)) {
        const note = `Shipped calendar ${year} imported (${this.fileLabel(file)}): a year new to this deployment`;
        const version = await this.newVersion(manager, latest, 'system', note);
        await manager.insert(CalendarYearEntity, { versionId: version, year, source: file.data.source });
        await this.insertEntries(manager, version, file.data.entries);
        await this.recordImport(manager, file, version, latest, [...shipped.keys()], 0);
        this.logger.log({ msg: 'calendar imported', version, year, sha256: file.sha256 });
        await this.notify({ fromVersion: latest, toVersion: version, note }, manager);
        return {
          year,
          outcome: 'imported',
          calendarVersion: version,
          applied: [...shipped.keys()],
          conflicts: [],
          superseded: [],
        };
      }

      const base = last
        ? new Map((JSON.parse(last.entries) as CalendarEntry[]).map((e) => [e.date, e]))
        : await this.legacyBase(manager, year);
      const ofYear = new Map([...current.entries].filter(([date]) => date.startsWith(`${year}-`)));
      const plan = planYearImport(base, ofYear, shipped);
      const apply = [...plan.apply];
      const conflicts: ((typeof plan.contested)[number] & { correction?: Correction })[] = [];
      const superseded: string[] = [];
      for (const contested of plan.contested) {
        const correction = await this.lastChangeOf(manager, contested.date);
        const winner = correction
          ? contestedWinner(file.data.revised, localDateOf(correction.createdAt))
          : 'administrator';
        if (winner === 'shipped') {
          apply.push({ date: contested.date, entry: contested.shipped });
          superseded.push(contested.date);
          this.logger.warn({
            msg: 'calendar import superseded an older correction',
            year,
            date: contested.date,
            revised: file.data.revised,
            correctedBy: correction?.actor,
            correctedAt: correction?.createdAt,
          });
        } else {
          conflicts.push({ ...contested, correction });
        }
      }
      apply.sort((a, b) => a.date.localeCompare(b.date));

      let version: number | null = null;
      let note = '';
      if (apply.length > 0) {
        note = this.importNote(
          file,
          apply,
          ofYear,
          conflicts.map((c) => c.date),
          superseded,
        );
        version = await this.newVersion(manager, latest, 'system', note);
        for (const change of apply) {
          await manager.delete(CalendarEntryEntity, { versionId: version, date: change.date });
          if (change.entry) await this.insertEntries(manager, version, [change.entry]);
        }
        await manager.update(CalendarYearEntity, { versionId: version, year }, { source: file.data.source });
      }
      const importId = await this.recordImport(
        manager,
        file,
        version,
        latest,
        apply.map((a) => a.date),
        conflicts.length,
      );
      for (const c of conflicts) {
        await manager.insert(CalendarImportConflictEntity, {
          importId,
          year,
          date: c.date,
          shipped: c.shipped ? JSON.stringify(c.shipped) : null,
          kept: c.current ? JSON.stringify(c.current) : null,
          correctionVersionId: c.correction?.versionId ?? null,
          correctedBy: c.correction?.actor ?? null,
          correctedAt: c.correction?.createdAt ?? null,
          detectedAt: now,
        });
        this.logger.warn({
          msg: 'calendar import conflict: an administrator’s newer correction was kept, the shipped value not applied',
          year,
          date: c.date,
          file: file.file,
          sha256: file.sha256,
          revised: file.data.revised ?? null,
          correctedBy: c.correction?.actor ?? null,
          correctedAt: c.correction?.createdAt ?? null,
        });
      }
      if (version) {
        this.logger.log({
          msg: 'calendar imported',
          version,
          year,
          sha256: file.sha256,
          applied: apply.map((a) => a.date),
        });
        await this.notify({ fromVersion: latest, toVersion: version, note }, manager);
      }
      return {
        year,
        outcome: version ? 'imported' : 'nothingToApply',
        ...(version ? { calendarVersion: version } : {}),
        applied: apply.map((a) => a.date),
        conflicts: conflicts.map((c) => c.date),
        superseded,
      };
    });
  }

  private fileLabel(file: ShippedCalendarYear): string {
    return `config/calendar/${file.file}, SHA-256 ${file.sha256.slice(0, 12)}…${file.data.revised ? `, revised ${file.data.revised}` : ''}`;
  }

  private importNote(
    file: ShippedCalendarYear,
    apply: { date: string; entry: CalendarEntry | null }[],
    before: ReadonlyMap<string, CalendarEntry>,
    conflicts: string[],
    superseded: string[],
  ): string {
    const what = apply.map(
      (a) =>
        `${a.date} ${!a.entry ? 'removed' : before.has(a.date) ? 'changed' : 'added'}${a.entry ? ` (${a.entry.name.en})` : ''}`,
    );
    const listed = what.length > 12 ? [...what.slice(0, 12), `and ${what.length - 12} more`] : what;
    return [
      `Shipped calendar ${file.data.year} imported (${this.fileLabel(file)}): ${listed.join('; ')}`,
      ...(superseded.length ? [`the administrator's older correction of ${superseded.join(', ')} superseded`] : []),
      ...(conflicts.length
        ? [
            `the administrator's newer correction of ${conflicts.join(', ')} kept (see GET /api/v1/calendar/import-conflicts)`,
          ]
        : []),
    ].join('. ');
  }

  private async recordImport(
    manager: EntityManager,
    file: ShippedCalendarYear,
    versionId: number | null,
    basedOnVersionId: number | null,
    applied: string[],
    conflictCount: number,
  ): Promise<number> {
    const result = await manager.insert(CalendarImportEntity, {
      year: file.data.year,
      file: file.file,
      sha256: file.sha256,
      revised: file.data.revised ?? null,
      versionId,
      basedOnVersionId,
      entries: JSON.stringify(file.data.entries),
      appliedDates: JSON.stringify(applied),
      conflictCount,
      importedAt: this.clock.now().toISOString(),
    });
    return Number(result.identifiers[0].id);
  }

  /**
   * The base of a year imported before shipped files were recorded by SHA-256: the entries of the first version
   * that held the year, if the system imported it from config/calendar; a year an administrator added has no
   * shipped base (every date of it counts as the administrator's).
   */
  private async legacyBase(manager: EntityManager, year: number): Promise<Map<string, CalendarEntry>> {
    const first = await manager.findOne(CalendarYearEntity, { where: { year }, order: { versionId: 'ASC' } });
    if (!first) return new Map();
    const version = await manager.findOneBy(CalendarVersionEntity, { id: first.versionId });
    if (version?.actor !== 'system') return new Map();
    const data = await this.versionIn(manager, first.versionId);
    return new Map([...data.entries].filter(([date]) => date.startsWith(`${year}-`)));
  }

  /** The last calendar version that changed a date's entry (who and when), walking every version in order. */
  private async lastChangeOf(manager: EntityManager, date: string): Promise<Correction | undefined> {
    const versions = await manager.find(CalendarVersionEntity, {
      select: { id: true, actor: true, createdAt: true },
      order: { id: 'ASC' },
    });
    const rows = await manager.find(CalendarEntryEntity, { where: { date } });
    const byVersion = new Map(rows.map((r) => [Number(r.versionId), entryKey(fromRow(r))]));
    let previous: string | undefined;
    let last: Correction | undefined;
    for (const v of versions) {
      const key = byVersion.get(Number(v.id)) ?? entryKey(undefined);
      if (previous !== undefined && key !== previous)
        last = { versionId: Number(v.id), actor: v.actor, createdAt: v.createdAt };
      previous = key;
    }
    return last;
  }

  private async lockCalendar(manager: EntityManager): Promise<void> {
    if (this.reader.dataSource.options.type === 'postgres')
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CALENDAR_LOCK_KEY]);
  }

  /** Shipped calendar files met at start, newest first: which content (SHA-256) made which version. */
  async imports() {
    const rows = await this.reader.manager.find(CalendarImportEntity, { order: { id: 'DESC' } });
    return rows.map((r) => ({
      id: r.id,
      year: r.year,
      file: r.file,
      sha256: r.sha256,
      revised: r.revised,
      calendarVersion: r.versionId,
      basedOnVersion: r.basedOnVersionId,
      appliedDates: JSON.parse(r.appliedDates) as string[],
      conflicts: r.conflictCount,
      importedAt: r.importedAt,
    }));
  }

  /**
   * Dates where a shipped file's change met an administrator's newer correction, newest first, each with
   * what the file says, what the administrator left, and what the calendar says now.
   */
  async importConflicts() {
    const rows = await this.reader.manager.find(CalendarImportConflictEntity, { order: { id: 'DESC' } });
    if (rows.length === 0) return [];
    const data = await this.current();
    const imports = new Map((await this.reader.manager.find(CalendarImportEntity)).map((i) => [i.id, i]));
    return rows.map((r) => {
      const shipped = r.shipped ? (JSON.parse(r.shipped) as CalendarEntry) : null;
      const kept = r.kept ? (JSON.parse(r.kept) as CalendarEntry) : null;
      const now = data.entries.get(r.date);
      const source = imports.get(r.importId);
      return {
        id: r.id,
        year: r.year,
        date: r.date,
        file: source?.file,
        sha256: source?.sha256,
        revised: source?.revised ?? null,
        shipped,
        kept,
        correction: { calendarVersion: r.correctionVersionId, by: r.correctedBy, at: r.correctedAt },
        detectedAt: r.detectedAt,
        calendarVersion: data.version,
        /** What the calendar says now: still the administrator's correction, the shipped value (adopted since), or neither. */
        now:
          entryKey(now) === entryKey(kept ?? undefined)
            ? 'kept'
            : entryKey(now) === entryKey(shipped ?? undefined)
              ? 'shipped'
              : 'changed',
      };
    });
  }

  async current(): Promise<CalendarData> {
    const latest = await this.latestVersionId(this.reader.manager, false);
    if (!latest) throw new Error('The calendar has no version: config/calendar was not imported');
    return this.version(latest);
  }

  async version(id: number): Promise<CalendarData> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const years = await this.reader.manager.find(CalendarYearEntity, { where: { versionId: id } });
    if (years.length === 0) throw new DomainError('not-found', text('refusals.calendar.noVersion', { id: String(id) }));
    const rows = await this.reader.manager.find(CalendarEntryEntity, { where: { versionId: id } });
    const data = buildCalendar(
      id,
      years.map((y) => y.year),
      rows.map(fromRow),
    );
    this.cache.set(id, data);
    return data;
  }

  /** A version read inside a transaction (e.g. the one creating it), bypassing the cache. */
  async versionIn(manager: EntityManager, id: number): Promise<CalendarData> {
    const years = await manager.find(CalendarYearEntity, { where: { versionId: id } });
    const rows = await manager.find(CalendarEntryEntity, { where: { versionId: id } });
    return buildCalendar(
      id,
      years.map((y) => y.year),
      rows.map(fromRow),
    );
  }

  async deadline(from: string, term: Term, calendar?: CalendarData): Promise<DeadlineResult> {
    return this.compute(calendar ?? (await this.current()), from, term);
  }

  /** A term computed with a given calendar version; an unknown year is refused naming `from`. */
  compute(calendar: CalendarData, from: string, term: Term): DeadlineResult {
    return asDomain(() => computeDeadline(calendar, from, term), 'from');
  }

  async day(date: string): Promise<DayInfo & { calendarVersion: number }> {
    if (!isIsoDate(date)) throw DomainError.field('date', 'refusals.calendar.existingDate');
    const data = await this.current();
    return { ...asDomain(() => dayInfo(data, date), 'date'), calendarVersion: data.version };
  }

  async year(year: number) {
    const data = await this.current();
    if (!data.years.has(year)) {
      throw new DomainError('calendar-year-unknown', text('refusals.calendar.noData', { year }), {
        invalidParams: [
          invalidParam('year', 'refusals.calendar.noYear', { year, known: [...data.years].sort().join(', ') || '—' }),
        ],
      });
    }
    const source = await this.reader.manager.findOneByOrFail(CalendarYearEntity, { versionId: data.version, year });
    const entries = [...data.entries.values()]
      .filter((e) => e.date.startsWith(`${year}-`))
      .sort((a, b) => a.date.localeCompare(b.date));
    return {
      year,
      calendarVersion: data.version,
      source: source.source,
      daysOff: entries.filter((e) => e.kind === 'dayOff').length,
      workingWeekendDays: entries.filter((e) => e.kind === 'workingDay').length,
      entries: entries.map((e) => ({ ...e, ...dayInfo(data, e.date) })),
    };
  }

  async versions(): Promise<CalendarVersionEntity[]> {
    return this.reader.manager.find(CalendarVersionEntity, { order: { id: 'DESC' } });
  }

  /** Sets (adds or replaces) the entry of one date: a new calendar version. */
  async setEntry(
    entry: CalendarEntry,
    actor: string,
    note: string,
  ): Promise<{ calendarVersion: number; entry: CalendarEntry }> {
    const version = await this.change(actor, `${entry.date}: ${note}`, async (manager, v, data) => {
      if (!data.years.has(+entry.date.slice(0, 4))) {
        throw new DomainError(
          'calendar-year-unknown',
          text('refusals.calendar.addYearFirst', { year: entry.date.slice(0, 4) }),
          {
            invalidParams: [invalidParam('date', 'refusals.calendar.hasNoYear', { year: entry.date.slice(0, 4) })],
          },
        );
      }
      await manager.delete(CalendarEntryEntity, { versionId: v, date: entry.date });
      await this.insertEntries(manager, v, [entry]);
    });
    return { calendarVersion: version, entry };
  }

  async removeEntry(date: string, actor: string, note: string): Promise<{ calendarVersion: number }> {
    const version = await this.change(actor, `${date} removed: ${note}`, async (manager, v, data) => {
      if (!data.entries.has(date)) {
        throw new DomainError('not-found', text('refusals.calendar.noEntry', { date: { date } }));
      }
      await manager.delete(CalendarEntryEntity, { versionId: v, date });
    });
    return { calendarVersion: version };
  }

  async addYear(
    year: number,
    source: string,
    entries: CalendarEntry[],
    actor: string,
  ): Promise<{ calendarVersion: number }> {
    const outside = entries.findIndex((e) => !e.date.startsWith(`${year}-`));
    if (outside >= 0) {
      throw DomainError.field(`entries[${outside}].date`, 'refusals.calendar.dateOfYear', { year });
    }
    const dates = new Set(entries.map((e) => e.date));
    if (dates.size !== entries.length) throw DomainError.field('entries', 'refusals.calendar.dateOnce');
    const version = await this.change(actor, `year ${year} added: ${source}`, async (manager, v, data) => {
      if (data.years.has(year)) {
        throw DomainError.field('year', 'refusals.calendar.yearExists', { year });
      }
      await manager.insert(CalendarYearEntity, { versionId: v, year, source });
      await this.insertEntries(manager, v, entries);
    });
    return { calendarVersion: version };
  }

  private async change(
    actor: string,
    note: string,
    apply: (manager: EntityManager, version: number, previous: CalendarData) => Promise<void>,
  ): Promise<number> {
    return this.unitOfWork.run(async (manager) => {
      await this.lockCalendar(manager);
      const latest = await this.latestVersionId(manager, true);
      if (!latest) throw new Error('The calendar has no version to change');
      const previous = await this.version(latest);
      const version = await this.newVersion(manager, latest, actor, note);
      await apply(manager, version, previous);
      await this.notify({ fromVersion: latest, toVersion: version, note }, manager);
      this.logger.log({ msg: 'calendar changed', fromVersion: latest, toVersion: version, actor });
      return version;
    });
  }

  private async notify(change: CalendarChange, manager: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener(change, manager);
  }

  /** The newest version id; `lock` serializes concurrent changes on PostgreSQL (SQLite transactions already are). */
  private async latestVersionId(manager: EntityManager, lock: boolean): Promise<number | undefined> {
    const forUpdate = lock && this.reader.dataSource.options.type === 'postgres' ? ' FOR UPDATE' : '';
    const rows: { id: number }[] = await manager.query(
      `SELECT id FROM calendar_versions WHERE id = (SELECT MAX(id) FROM calendar_versions)${forUpdate}`,
    );
    return rows.length ? Number(rows[0].id) : undefined;
  }

  private async newVersion(
    manager: EntityManager,
    previous: number | undefined,
    actor: string,
    note: string,
  ): Promise<number> {
    const result = await manager.insert(CalendarVersionEntity, {
      createdAt: this.clock.now().toISOString(),
      actor,
      note,
    });
    const version = Number(result.identifiers[0].id);
    if (previous) {
      await manager.query(
        `INSERT INTO calendar_years (version_id, year, source) SELECT $1, year, source FROM calendar_years WHERE version_id = $2`.replace(
          /\$(\d)/g,
          (_, i) => this.param(Number(i)),
        ),
        [version, previous],
      );
      await manager.query(
        `INSERT INTO calendar_entries (version_id, date, kind, category, name_kk, name_ru, name_en, act, details)
         SELECT $1, date, kind, category, name_kk, name_ru, name_en, act, details FROM calendar_entries WHERE version_id = $2`.replace(
          /\$(\d)/g,
          (_, i) => this.param(Number(i)),
        ),
        [version, previous],
      );
    }
    return version;
  }

  private param(index: number): string {
    return this.reader.dataSource.options.type === 'postgres' ? `$${index}` : '?';
  }

  private async insertEntries(manager: EntityManager, version: number, entries: CalendarEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.insert(
      CalendarEntryEntity,
      entries.map((e) => toRow(version, e)),
    );
  }
}

function toRow(versionId: number, e: CalendarEntry): CalendarEntryEntity {
  const { date, kind, category, name, act, ...details } = e;
  return Object.assign(new CalendarEntryEntity(), {
    versionId,
    date,
    kind,
    category,
    nameKk: name.kk,
    nameRu: name.ru,
    nameEn: name.en,
    act,
    details: JSON.stringify(details),
  });
}

function fromRow(row: CalendarEntryEntity): CalendarEntry {
  return {
    date: row.date,
    kind: row.kind as CalendarEntry['kind'],
    category: row.category as CalendarEntry['category'],
    name: { kk: row.nameKk, ru: row.nameRu, en: row.nameEn },
    act: row.act,
    ...(JSON.parse(row.details) as Partial<CalendarEntry>),
  };
}

/** Maps the pure rules' "unknown year" to the problem type, naming the parameter that led there. */
function asDomain<T>(compute: () => T, param: string): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof CalendarYearUnknownError) {
      throw new DomainError('calendar-year-unknown', text('refusals.calendar.noData', { year: error.year }), {
        invalidParams: [invalidParam(param, 'refusals.calendar.termNeedsYear', { year: error.year })],
        knownYears: error.knownYears,
      });
    }
    throw error;
  }
}
