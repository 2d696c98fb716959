import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

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
