import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One accepted action. Never updated, never deleted (SPEC §6). */
@Entity('events')
export class EventEntity {
  @PrimaryColumn({ name: 'stream_id', type: 'varchar', length: 36 }) streamId: string;
  @PrimaryColumn({ type: 'integer' }) seq: number;
  @Column({ name: 'stream_type', type: 'varchar', length: 20 }) streamType: string;
  @Column({ type: 'varchar', length: 60 }) type: string;
  @Column({ type: 'text' }) payload: string;
  @Column({ name: 'actor_id', type: 'varchar', length: 36 }) actorId: string;
  @Column({ name: 'actor_role', type: 'varchar', length: 40 }) actorRole: string;
  @Column({ name: 'business_time', type: 'varchar', length: 40 }) businessTime: string;
  @Column({ name: 'recorded_time', type: 'varchar', length: 40 }) recordedTime: string;
  @Column({ name: 'prev_hash', type: 'varchar', length: 64 }) prevHash: string;
  @Column({ type: 'varchar', length: 64 }) hash: string;
}

/** A refused action: who, what, which rule (SPEC §6). */
@Entity('refusals')
@Index('ix_refusals_stream', ['streamId'])
@Index('IDX_refusals_recorded_time', ['recordedTime'])
export class RefusalEntity {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column({ name: 'stream_id', type: 'varchar', length: 36, nullable: true }) streamId: string | null;
  @Column({ type: 'varchar', length: 200 }) command: string;
  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true }) actorId: string | null;
  @Column({ name: 'actor_role', type: 'varchar', length: 40, nullable: true }) actorRole: string | null;
  @Column({ name: 'problem_type', type: 'varchar', length: 60 }) problemType: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) law: string | null;
  @Column({ type: 'text' }) detail: string;
  @Column({ type: 'text', nullable: true }) payload: string | null;
  @Column({ name: 'recorded_time', type: 'varchar', length: 40 }) recordedTime: string;
}

@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 36 }) accountId: string;
  @PrimaryColumn({ type: 'varchar', length: 200 }) key: string;
  @Column({ name: 'request_hash', type: 'varchar', length: 64 }) requestHash: string;
  @Column({ type: 'integer' }) status: number;
  @Column({ type: 'text' }) response: string;
  @Column({ name: 'created_at', type: 'varchar', length: 40 }) createdAt: string;
}
