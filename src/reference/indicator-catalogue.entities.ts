import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One version of the indicator catalogue of a direction, as the act that set it (issue 13). Dates are local dates. */
@Entity('indicator_catalogues')
@Unique('uq_indicator_catalogues_code', ['code'])
@Index('ix_indicator_catalogues_direction', ['direction', 'inForceFrom'])
export class IndicatorCatalogueEntity {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column({ type: 'varchar', length: 60 }) code: string;
  @Column({ type: 'varchar', length: 20 }) direction: string;
  @Column({ name: 'act_title', type: 'text' }) actTitle: string;
  @Column({ name: 'act_number', type: 'varchar', length: 60, nullable: true }) actNumber: string | null;
  @Column({ name: 'act_date', type: 'varchar', length: 10, nullable: true }) actDate: string | null;
  @Column({ name: 'adopted_on', type: 'varchar', length: 10, nullable: true }) adoptedOn: string | null;
  @Column({ name: 'repealed_by_act_number', type: 'varchar', length: 60, nullable: true }) repealedByActNumber:
    string | null;
  @Column({ name: 'repealed_by_act_date', type: 'varchar', length: 10, nullable: true }) repealedByActDate:
    string | null;
  @Column({ name: 'repeal_effective_from', type: 'varchar', length: 10, nullable: true }) repealEffectiveFrom:
    string | null;
  @Column({ name: 'repeal_recorded_at', type: 'varchar', length: 40, nullable: true }) repealRecordedAt: string | null;
  @Column({ name: 'repeal_recorded_by', type: 'varchar', length: 200, nullable: true }) repealRecordedBy: string | null;
  @Column({ name: 'in_force_from', type: 'varchar', length: 10 }) inForceFrom: string;
  @Column({ name: 'in_force_until', type: 'varchar', length: 10, nullable: true }) inForceUntil: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 40 }) createdAt: string;
  @Column({ name: 'created_by', type: 'varchar', length: 200 }) createdBy: string;
}

/** An indicator of a catalogue version: code, titles in three languages, and its scale (a maximum or allowed values). */
@Entity('catalogue_indicators')
export class CatalogueIndicatorEntity {
  @PrimaryColumn({ name: 'catalogue_id', type: 'integer' }) catalogueId: number;
  @PrimaryColumn({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ name: 'title_kk', type: 'text' }) titleKk: string;
  @Column({ name: 'title_ru', type: 'text' }) titleRu: string;
  @Column({ name: 'title_en', type: 'text' }) titleEn: string;
  @Column({ name: 'scale_max', type: 'integer', nullable: true }) scaleMax: number | null;
  /** JSON: the allowed values, ascending. */
  @Column({ name: 'scale_values', type: 'text', nullable: true }) scaleValues: string | null;
}
