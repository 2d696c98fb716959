import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** The current state of an appeal case: a projection of its events, kept in the same transaction. */
@Entity('cases')
/** One case per conclusion (body × direction × cycle): of two racing conclusions one wins (version-conflict). */
@Unique('uq_cases_conclusion', ['bodyCode', 'direction', 'cycleCode'])
@Index('ix_cases_authority', ['authorityCode', 'state'])
@Index('ix_cases_body', ['bodyCode'])
export class CaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'body_code', type: 'varchar', length: 40 }) bodyCode: string;
  @Column({ type: 'varchar', length: 20 }) direction: string;
  @Column({ name: 'cycle_code', type: 'varchar', length: 20 }) cycleCode: string;
  @Column({ name: 'authority_code', type: 'varchar', length: 40 }) authorityCode: string;
  @Column({ name: 'workflow_version', type: 'integer' }) workflowVersion: number;
  @Column({ name: 'rule_set_id', type: 'integer' }) ruleSetId: number;
  @Column({ type: 'varchar', length: 40 }) state: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) outcome: string | null;
  @Column({ name: 'overdue_count', type: 'integer', default: 0 }) overdueCount: number;
  @Column({ type: 'boolean', default: () => 'false' }) escalated: boolean;
  @Column({ type: 'text' }) snapshot: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'last_hash', type: 'varchar', length: 64 }) lastHash: string;
  @Column({ name: 'created_at', type: 'varchar', length: 40 }) createdAt: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 40 }) updatedAt: string;
}

/** One version of a conclusion (appendix 12 or 15). Corrections (p.107) add versions; none is overwritten. */
@Entity('conclusions')
export class ConclusionEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 }) caseId: string;
  @PrimaryColumn({ type: 'integer' }) version: number;
  @Column({ type: 'text' }) items: string;
  @Column({ type: 'text' }) evaluators: string;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'issued_by', type: 'varchar', length: 36 }) issuedBy: string;
  @Column({ name: 'issued_at', type: 'varchar', length: 40 }) issuedAt: string;
}
