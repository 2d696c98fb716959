import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { isIsoDate } from '../common/validators/iso-instant';
import { DomainError } from '../common/domain-error';
import { readCalendarConfig } from './calendar-config';
import { CalendarEntryEntity, CalendarVersionEntity, CalendarYearEntity } from './calendar.entities';
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
} from './calendar-rules';

export interface CalendarChange {
  fromVersion: number;
  toVersion: number;
  note: string;
}

type ChangeListener = (change: CalendarChange, manager: EntityManager) => Promise<void>;

/**
 * The official calendar, stored and versioned in the database (SPEC §3).
 * Every change makes a new version (a full copy of the previous one plus the change), so any
 * recorded deadline can be recomputed with exactly the calendar it was computed with.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private readonly logger = new Logger(CalendarService.name);
  private readonly cache = new Map<number, CalendarData>();
  private readonly listeners: ChangeListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.importConfigYears();
  }

  /** Lets other modules (the deadline scheduler) react, in the same transaction, to a new version. */
  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /**
   * Imports each year of `config/calendar/` the current version lacks, as a new version.
   * Years already in the database are never overwritten: administrators' corrections win.
   */
  async importConfigYears(): Promise<void> {
    const files = readCalendarConfig();
    // Read first, lock only when a year is missing: a start on a read-only database (a standby) must not write.
    const seen = await this.latestVersionId(this.dataSource.manager, false);
    const seenYears = seen ? new Set((await this.dataSource.manager.find(CalendarYearEntity, { where: { versionId: seen } })).map((y) => y.year)) : new Set<number>();
    if (files.every((f) => seenYears.has(f.year))) return;
    await this.dataSource.transaction(async (manager) => {
      const latest = await this.latestVersionId(manager, true);
      const known = latest
        ? new Set((await manager.find(CalendarYearEntity, { where: { versionId: latest } })).map((y) => y.year))
        : new Set<number>();
      const missing = files.filter((f) => !known.has(f.year));
      if (missing.length === 0) return;
      const note = `Official calendar imported from config/calendar: ${missing.map((f) => f.year).join(', ')}`;
      const version = await this.newVersion(manager, latest, 'system', note);
      for (const file of missing) {
        await manager.insert(CalendarYearEntity, { versionId: version, year: file.year, source: file.source });
        await this.insertEntries(manager, version, file.entries);
      }
      this.logger.log({ msg: 'calendar imported', version, years: missing.map((f) => f.year) });
      if (latest) await this.notify({ fromVersion: latest, toVersion: version, note }, manager);
    });
  }

  async current(): Promise<CalendarData> {
    const latest = await this.latestVersionId(this.dataSource.manager, false);
    if (!latest) throw new Error('The calendar has no version: config/calendar was not imported');
    return this.version(latest);
  }

  async version(id: number): Promise<CalendarData> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const years = await this.dataSource.manager.find(CalendarYearEntity, { where: { versionId: id } });
    if (years.length === 0) throw new DomainError('not-found', `Calendar version ${id} does not exist`);
    const rows = await this.dataSource.manager.find(CalendarEntryEntity, { where: { versionId: id } });
    const data = buildCalendar(id, years.map((y) => y.year), rows.map(fromRow));
    this.cache.set(id, data);
    return data;
  }

  /** A version read inside a transaction (e.g. the one creating it), bypassing the cache. */
  async versionIn(manager: EntityManager, id: number): Promise<CalendarData> {
    const years = await manager.find(CalendarYearEntity, { where: { versionId: id } });
    const rows = await manager.find(CalendarEntryEntity, { where: { versionId: id } });
    return buildCalendar(id, years.map((y) => y.year), rows.map(fromRow));
  }

  async deadline(from: string, term: Term, calendar?: CalendarData): Promise<DeadlineResult> {
    const data = calendar ?? (await this.current());
    return asDomain(() => computeDeadline(data, from, term), 'from');
  }

  async day(date: string): Promise<DayInfo & { calendarVersion: number }> {
    if (!isIsoDate(date)) throw DomainError.validation([{ name: 'date', reason: 'must be an existing date in the form YYYY-MM-DD' }]);
    const data = await this.current();
    return { ...asDomain(() => dayInfo(data, date), 'date'), calendarVersion: data.version };
  }

  async year(year: number) {
    const data = await this.current();
    if (!data.years.has(year)) {
      throw new DomainError('calendar-year-unknown', `The official calendar has no data for ${year}`, {
        invalidParams: [{ name: 'year', reason: `no official calendar for ${year}; known: ${[...data.years].sort().join(', ')}` }],
      });
    }
    const source = await this.dataSource.manager.findOneByOrFail(CalendarYearEntity, { versionId: data.version, year });
    const entries = [...data.entries.values()].filter((e) => e.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date));
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
    return this.dataSource.manager.find(CalendarVersionEntity, { order: { id: 'DESC' } });
  }

  /** Sets (adds or replaces) the entry of one date: a new calendar version. */
  async setEntry(entry: CalendarEntry, actor: string, note: string): Promise<{ calendarVersion: number; entry: CalendarEntry }> {
    const version = await this.change(actor, `${entry.date}: ${note}`, async (manager, v, data) => {
      if (!data.years.has(+entry.date.slice(0, 4))) {
        throw new DomainError('calendar-year-unknown', `Add the year ${entry.date.slice(0, 4)} before correcting its days`, {
          invalidParams: [{ name: 'date', reason: `the calendar has no year ${entry.date.slice(0, 4)}` }],
        });
      }
      await manager.delete(CalendarEntryEntity, { versionId: v, date: entry.date });
      await this.insertEntries(manager, v, [entry]);
    });
    return { calendarVersion: version, entry };
  }

  async removeEntry(date: string, actor: string, note: string): Promise<{ calendarVersion: number }> {
    const version = await this.change(actor, `${date} removed: ${note}`, async (manager, v, data) => {
      if (!data.entries.has(date)) {
        throw new DomainError('not-found', `The calendar has no entry for ${date}`);
      }
      await manager.delete(CalendarEntryEntity, { versionId: v, date });
    });
    return { calendarVersion: version };
  }

  async addYear(year: number, source: string, entries: CalendarEntry[], actor: string): Promise<{ calendarVersion: number }> {
    const outside = entries.findIndex((e) => !e.date.startsWith(`${year}-`));
    if (outside >= 0) {
      throw DomainError.validation([{ name: `entries[${outside}].date`, reason: `must be a date of ${year}` }]);
    }
    const dates = new Set(entries.map((e) => e.date));
    if (dates.size !== entries.length) throw DomainError.validation([{ name: 'entries', reason: 'each date may appear once' }]);
    const version = await this.change(actor, `year ${year} added: ${source}`, async (manager, v, data) => {
      if (data.years.has(year)) {
        throw DomainError.validation([{ name: 'year', reason: `${year} is already in the calendar; correct its days one by one` }]);
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
    return this.dataSource.transaction(async (manager) => {
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
    const forUpdate = lock && this.dataSource.options.type === 'postgres' ? ' FOR UPDATE' : '';
    const rows: { id: number }[] = await manager.query(
      `SELECT id FROM calendar_versions WHERE id = (SELECT MAX(id) FROM calendar_versions)${forUpdate}`,
    );
    return rows.length ? Number(rows[0].id) : undefined;
  }

  private async newVersion(manager: EntityManager, previous: number | undefined, actor: string, note: string): Promise<number> {
    const result = await manager.insert(CalendarVersionEntity, { createdAt: this.clock.now().toISOString(), actor, note });
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
    return this.dataSource.options.type === 'postgres' ? `$${index}` : '?';
  }

  private async insertEntries(manager: EntityManager, version: number, entries: CalendarEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.insert(CalendarEntryEntity, entries.map((e) => toRow(version, e)));
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
      throw new DomainError('calendar-year-unknown', error.message, {
        invalidParams: [{ name: param, reason: `the term needs the official calendar of ${error.year}, which is not loaded` }],
        knownYears: error.knownYears,
      });
    }
    throw error;
  }
}
