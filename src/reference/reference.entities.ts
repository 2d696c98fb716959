import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Kinds of body: the evaluated agencies and the institutions of points 91–97 and 106. */
export const BODY_KINDS = [
  'agency',
  'civilServiceAuthority',
  'informatizationAuthority',
  'presidentialAdministration',
  'primeMinisterOffice',
  'workingBody',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

@Entity('bodies')
export class BodyEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) code: string;
  @Column({ name: 'name_kk', type: 'varchar', length: 500 }) nameKk: string;
  @Column({ name: 'name_ru', type: 'varchar', length: 500 }) nameRu: string;
  @Column({ name: 'name_en', type: 'varchar', length: 500, nullable: true }) nameEn: string | null;
  @Column({ type: 'varchar', length: 40 }) kind: BodyKind;
  @Column({ name: 'created_at', type: 'varchar', length: 40 }) createdAt: string;
}

@Entity('people')
export class PersonEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 }) iin: string;
  @Column({ name: 'full_name', type: 'varchar', length: 300 }) fullName: string;
  @Column({ name: 'body_code', type: 'varchar', length: 40, nullable: true }) bodyCode: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) position: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 40 }) createdAt: string;
}

@Entity('cycles')
export class CycleEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 }) code: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'integer' }) year: number;
  @Column({ name: 'created_at', type: 'varchar', length: 40 }) createdAt: string;
}

/**
 * A version of the procedure settings as an act (issue 13): `act` is the act's title, `validFrom`/`validTo` its
 * period in force (inclusive local dates), the other act fields came with migration 1763800001000.
 */
@Entity('rule_sets')
export class RuleSetEntity {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column({ type: 'varchar', length: 40, unique: true }) code: string;
  @Column({ name: 'valid_from', type: 'varchar', length: 10 }) validFrom: string;
  @Column({ name: 'valid_to', type: 'varchar', length: 10, nullable: true }) validTo: string | null;
  @Column({ type: 'text' }) rules: string;
  @Column({ type: 'text' }) act: string;
  @Column({ name: 'created_at', type: 'varchar', length: 40 }) createdAt: string;
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
  @Column({ name: 'created_by', type: 'varchar', length: 200, nullable: true }) createdBy: string | null;
}
