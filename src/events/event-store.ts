import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { canonicalJson, eventHash, GENESIS_HASH } from './canonical';
import { EventEntity } from './event.entity';

export interface Actor {
  id: string;
  role: string;
}

export interface NewEvent {
  type: string;
  payload: Record<string, unknown>;
  /** The legal time of the fact (the receipt time of a command, the due time of a deadline). */
  businessTime: string;
}

export interface StoredEvent {
  streamId: string;
  streamType: string;
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actorId: string;
  actorRole: string;
  businessTime: string;
  recordedTime: string;
  prevHash: string;
  hash: string;
}

/**
 * The append-only event log: one hash chain per stream (a case or a commission), so streams append
 * independently. Appends run inside the caller's transaction, together with the snapshot update.
 * The hot path is a plain multi-row INSERT, not repository.save (≈8× cheaper on sqlite3).
 */
@Injectable()
export class EventStore {
  async append(
    manager: EntityManager,
    stream: { id: string; type: string; lastSeq: number; lastHash: string },
    events: NewEvent[],
    actor: Actor,
    recordedTime: string,
  ): Promise<StoredEvent[]> {
    const stored: StoredEvent[] = [];
    let prevHash = stream.lastHash;
    let seq = stream.lastSeq;
    for (const e of events) {
      seq += 1;
      const payload = JSON.parse(canonicalJson(e.payload)) as Record<string, unknown>;
      const fields = {
        streamId: stream.id,
        streamType: stream.type,
        seq,
        type: e.type,
        payload,
        actorId: actor.id,
        actorRole: actor.role,
        businessTime: e.businessTime,
        recordedTime,
        prevHash,
      };
      const hash = eventHash(fields);
      stored.push({ ...fields, hash });
      prevHash = hash;
    }
    if (stored.length === 0) return stored;
    const sqlite = manager.connection.options.type === 'sqlite';
    const placeholders = stored
      .map((_, i) =>
        sqlite
          ? '(?,?,?,?,?,?,?,?,?,?,?)'
          : `(${Array.from({ length: 11 }, (__, j) => `$${i * 11 + j + 1}`).join(',')})`,
      )
      .join(',');
    const params = stored.flatMap((e) => [
      e.streamId,
      e.seq,
      e.streamType,
      e.type,
      canonicalJson(e.payload),
      e.actorId,
      e.actorRole,
      e.businessTime,
      e.recordedTime,
      e.prevHash,
      e.hash,
    ]);
    await manager.query(
      `INSERT INTO events (stream_id, seq, stream_type, type, payload, actor_id, actor_role, business_time, recorded_time, prev_hash, hash) VALUES ${placeholders}`,
      params,
    );
    return stored;
  }

  async read(manager: EntityManager, streamId: string, upToSeq?: number): Promise<StoredEvent[]> {
    const qb = manager.createQueryBuilder(EventEntity, 'e').where('e.stream_id = :streamId', { streamId }).orderBy('e.seq', 'ASC');
    if (upToSeq !== undefined) qb.andWhere('e.seq <= :upToSeq', { upToSeq });
    const rows = await qb.getMany();
    return rows.map(toStored);
  }
}

export function toStored(row: EventEntity): StoredEvent {
  return {
    streamId: row.streamId,
    streamType: row.streamType,
    seq: Number(row.seq),
    type: row.type,
    payload: JSON.parse(row.payload),
    actorId: row.actorId,
    actorRole: row.actorRole,
    businessTime: row.businessTime,
    recordedTime: row.recordedTime,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export { GENESIS_HASH };
