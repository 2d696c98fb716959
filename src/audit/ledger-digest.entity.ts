import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A recorded ledger digest (SPEC §6): the Merkle root over every stream's latest hash at one moment,
 * with the leaves it was built from (JSON `[{ streamId, lastSeq, lastHash }]`, sorted by streamId),
 * so a later verification can tell which stream was deleted or rewound.
 */
@Entity('ledger_digests')
export class LedgerDigestEntity {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column({ type: 'varchar', length: 64 }) root: string;
  @Column({ name: 'stream_count', type: 'integer' }) streamCount: number;
  @Column({ name: 'event_count', type: 'integer' }) eventCount: number;
  @Column({ name: 'recorded_at', type: 'varchar', length: 40 }) recordedAt: string;
  @Column({ type: 'text' }) leaves: string;
}
