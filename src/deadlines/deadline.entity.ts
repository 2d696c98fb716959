import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type DeadlineKind = 'objection' | 'table' | 'result' | 'escalation';

/** One legal term of a case: D1 (p.99), D2 (p.102), D3 (p.106), D4 (p.108). */
@Entity('deadlines')
/** The sweep reads open rows by due time; a case's rows by status. */
@Index('ix_deadlines_due', ['status', 'dueMs'])
@Index('ix_deadlines_case', ['caseId', 'status'])
export class DeadlineEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'case_id', type: 'varchar', length: 36 }) caseId: string;
  @Column({ type: 'varchar', length: 20 }) kind: DeadlineKind;
  @Column({ type: 'varchar', length: 10 }) law: string;
  /** The event that started the term (its receipt time). */
  @Column({ name: 'term_from', type: 'varchar', length: 40 }) termFrom: string;
  /** JSON: { workingDays } or { calendarDays }. */
  @Column({ type: 'varchar', length: 100 }) term: string;
  /** The last valid instant of the term. */
  @Column({ name: 'due_at', type: 'varchar', length: 40 }) dueAt: string;
  @Column({
    name: 'due_ms',
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  dueMs: number;
  @Column({ name: 'calendar_version', type: 'integer' }) calendarVersion: number;
  /** open → fired (the scheduler sent its event) or closed (the event that ends the term came first). */
  @Column({ type: 'varchar', length: 10 }) status: 'open' | 'fired' | 'closed';
  @Column({ name: 'lease_owner', type: 'varchar', length: 60, nullable: true }) leaseOwner: string | null;
  @Column({
    name: 'lease_until',
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) },
  })
  leaseUntil: number | null;
  @Column({ name: 'fired_at', type: 'varchar', length: 40, nullable: true }) firedAt: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 40 }) createdAt: string;
}

export const DEADLINE_LAW: Record<DeadlineKind, string> = {
  objection: 'p.99',
  table: 'p.102',
  result: 'p.106',
  escalation: 'p.108',
};
export const DEADLINE_EVENT: Record<
  DeadlineKind,
  'DEADLINE.OBJECTION' | 'DEADLINE.TABLE' | 'DEADLINE.RESULT' | 'DEADLINE.ESCALATION'
> = {
  objection: 'DEADLINE.OBJECTION',
  table: 'DEADLINE.TABLE',
  result: 'DEADLINE.RESULT',
  escalation: 'DEADLINE.ESCALATION',
};
