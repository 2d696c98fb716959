import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { canonicalJson, eventHash, GENESIS_HASH } from './canonical';
import { EventEntity } from './event.entity';
import { StoredEvent, StreamEventRecord } from './event-catalogue';

export interface Actor {
  id: string;
  role: string;
}

/** The head of a stream's hash chain: the last seq and hash. */
export interface StreamHead {
  id: string;
  lastSeq: number;
  lastHash: string;
}

/** A stream's event before it is chained: the record and its legal time. */
export type NewEvent = StreamEventRecord & { businessTime: string };

/**
 * The append-only event log: one hash chain per stream (a case or a commission), so streams append
 * independently. Chaining is pure (`chain`); writing is one multi-row INSERT (`insert`), so the events of a
 * command — its own and those its effects cause on other streams — cost one statement, inside the command's
 * transaction. Never updated, never deleted.
 */
@Injectable()
export class EventStore {
  /** Numbers and hashes events after the stream's head (canonical payloads, SHA-256 chained by prevHash). */
  chain(head: StreamHead, events: NewEvent[], actor: Actor, recordedTime: string): StoredEvent[] {
    let prevHash = head.lastHash;
    let seq = head.lastSeq;
    return events.map(({ businessTime, ...record }) => {
      seq += 1;
      const payload = JSON.parse(canonicalJson(record.payload)) as Record<string, unknown>;
      const fields = {
        streamId: head.id,
        streamType: record.streamType,
        seq,
        type: record.type,
        payload,
        actorId: actor.id,
        actorRole: actor.role,
        businessTime,
        recordedTime,
        prevHash,
      };
      const hash = eventHash(fields);
      prevHash = hash;
      return { ...fields, hash } as StoredEvent;
    });
  }

  /** Writes chained events in one statement. */
  async insert(manager: EntityManager, stored: readonly StoredEvent[]): Promise<void> {
    if (stored.length === 0) return;
    const pg = manager.connection.options.type === 'postgres';
    const placeholders = stored
      .map((_, i) =>
        pg ? `(${Array.from({ length: 11 }, (__, j) => `$${i * 11 + j + 1}`).join(',')})` : '(?,?,?,?,?,?,?,?,?,?,?)',
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
  }

  async read(manager: EntityManager, streamId: string, upToSeq?: number): Promise<StoredEvent[]> {
    const qb = manager
      .createQueryBuilder(EventEntity, 'e')
      .where('e.stream_id = :streamId', { streamId })
      .orderBy('e.seq', 'ASC');
    if (upToSeq !== undefined) qb.andWhere('e.seq <= :upToSeq', { upToSeq });
    const rows = await qb.getMany();
    return rows.map(toStored);
  }
}

/** A row as stored: the payload exactly as hashed (read `meta` through metaOf / machineEventOf). */
export function toStored(row: EventEntity): StoredEvent {
  return {
    streamId: row.streamId,
    streamType: row.streamType,
    seq: Number(row.seq),
    type: row.type,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    actorId: row.actorId,
    actorRole: row.actorRole,
    businessTime: row.businessTime,
    recordedTime: row.recordedTime,
    prevHash: row.prevHash,
    hash: row.hash,
  } as StoredEvent;
}

export { GENESIS_HASH };
