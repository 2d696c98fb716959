import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** The special commission of one (authority, direction, cycle) (p.100/p.101): a projection of its events. */
@Entity('commissions')
/** One special commission per authority, direction and cycle (p.100/p.101). */
@Unique('uq_commissions_scope', ['authorityCode', 'direction', 'cycleCode'])
export class CommissionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'authority_code', type: 'varchar', length: 40 }) authorityCode: string;
  @Column({ type: 'varchar', length: 20 }) direction: string;
  @Column({ name: 'cycle_code', type: 'varchar', length: 20 }) cycleCode: string;
  @Column({ name: 'workflow_version', type: 'integer' }) workflowVersion: number;
  @Column({ type: 'varchar', length: 40 }) state: string;
  @Column({ type: 'text' }) snapshot: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'last_hash', type: 'varchar', length: 64 }) lastHash: string;
  @Column({ name: 'created_at', type: 'varchar', length: 40 }) createdAt: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 40 }) updatedAt: string;
}
