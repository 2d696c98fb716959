import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One version of the official calendar; every change by an administrator creates the next one (SPEC §3). */
@Entity('calendar_versions')
export class CalendarVersionEntity {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ name: 'created_at', type: 'varchar', length: 40 })
  createdAt: string;

  @Column({ type: 'varchar', length: 200 })
  actor: string;

  @Column({ type: 'text' })
  note: string;
}

/** The years a calendar version covers: a term reaching past them is refused, never guessed. */
@Entity('calendar_years')
export class CalendarYearEntity {
  @PrimaryColumn({ name: 'version_id', type: 'integer' })
  versionId: number;

  /** The foreign key the migration declares (never loaded). */
  @ManyToOne(() => CalendarVersionEntity, { nullable: false })
  @JoinColumn({ name: 'version_id' })
  version?: CalendarVersionEntity;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'text' })
  source: string;
}

/** A day that differs from the plain Monday–Friday rule in one calendar version, with the act it comes from. */
@Entity('calendar_entries')
export class CalendarEntryEntity {
  @PrimaryColumn({ name: 'version_id', type: 'integer' })
  versionId: number;

  /** The foreign key the migration declares (never loaded). */
  @ManyToOne(() => CalendarVersionEntity, { nullable: false })
  @JoinColumn({ name: 'version_id' })
  version?: CalendarVersionEntity;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ type: 'varchar', length: 20 })
  category: string;

  @Column({ name: 'name_kk', type: 'text' })
  nameKk: string;

  @Column({ name: 'name_ru', type: 'text' })
  nameRu: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ type: 'text' })
  act: string;

  /** JSON: holiday key, movedFrom, transferredFrom/To, forecast. */
  @Column({ type: 'text' })
  details: string;
}

/**
 * One shipped year file met at start (`config/calendar/YYYY.json`), by the SHA-256 of its bytes: an unchanged
 * file is never imported again. `versionId` is the calendar version the import created (null when it changed
 * nothing, e.g. every change it brought was contested); `entries` keeps what the file said, the base against
 * which the next changed file is compared.
 */
@Entity('calendar_imports')
@Index('ix_calendar_imports_year', ['year'])
export class CalendarImportEntity {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 200 })
  file: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  revised: string | null;

  @Column({ name: 'version_id', type: 'integer', nullable: true })
  versionId: number | null;

  /** The newest calendar version when the file was met. */
  @Column({ name: 'based_on_version_id', type: 'integer', nullable: true })
  basedOnVersionId: number | null;

  /** JSON: the file's entries. */
  @Column({ type: 'text' })
  entries: string;

  /** JSON: the dates whose shipped value was applied. */
  @Column({ name: 'applied_dates', type: 'text' })
  appliedDates: string;

  @Column({ name: 'conflict_count', type: 'integer' })
  conflictCount: number;

  @Column({ name: 'imported_at', type: 'varchar', length: 40 })
  importedAt: string;
}

/** A date a changed shipped file would change, kept as an administrator corrected it because the correction is newer. */
@Entity('calendar_import_conflicts')
@Unique('uq_calendar_import_conflicts_date', ['importId', 'date'])
export class CalendarImportConflictEntity {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ name: 'import_id', type: 'integer' })
  importId: number;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 10 })
  date: string;

  /** JSON: the shipped entry, or null when the file has no entry for the date. */
  @Column({ type: 'text', nullable: true })
  shipped: string | null;

  /** JSON: the entry as the administrator left it, or null when the correction removed it. */
  @Column({ type: 'text', nullable: true })
  kept: string | null;

  @Column({ name: 'correction_version_id', type: 'integer', nullable: true })
  correctionVersionId: number | null;

  @Column({ name: 'corrected_by', type: 'varchar', length: 200, nullable: true })
  correctedBy: string | null;

  @Column({ name: 'corrected_at', type: 'varchar', length: 40, nullable: true })
  correctedAt: string | null;

  @Column({ name: 'detected_at', type: 'varchar', length: 40 })
  detectedAt: string;
}
