import { Injectable } from '@nestjs/common';
import { AnyStateMachine } from 'xstate';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Actor, EventStore, StoredEvent } from '../events/event-store';
import { Persisted, step } from './workflow-runtime';

export interface StreamRow {
  id: string;
  version: number;
  lastHash: string;
}

export interface Refusal {
  type: string;
  law?: string;
  guard?: string;
}

/**
 * One accepted command on a workflow stream (a case or a commission), inside the caller's transaction:
 * ask the machine, append the event to the stream's hash chain, and move the projection row forward
 * with a compare-and-set on its version — so of two commands prepared on one version exactly one wins.
 */
@Injectable()
export class StreamWriter {
  constructor(private readonly events: EventStore) {}

  async apply(
    m: EntityManager,
    args: {
      table: 'cases' | 'commissions';
      streamType: 'case' | 'commission';
      row: StreamRow;
      machine: AnyStateMachine;
      snapshot: any;
      event: { type: string; at: string } & Record<string, unknown>;
      actor: Actor;
      recordedTime: string;
      whyRefused: () => Refusal;
      describe: (refusal: Refusal) => string;
      project: (next: any) => Record<string, unknown>;
    },
  ): Promise<{ next: any; persisted: Persisted; stored: StoredEvent }> {
    const stepped = args.snapshot.status === 'done' ? null : step(args.machine, args.snapshot, args.event);
    if (!stepped) {
      const refusal: Refusal =
        args.snapshot.status === 'done' ? { type: 'invalid-transition', guard: 'closed' } : args.whyRefused();
      throw new DomainError(refusal.type as never, args.describe(refusal), {
        ...(refusal.law ? { law: refusal.law } : {}),
        ...(refusal.guard ? { rule: refusal.guard } : {}),
      });
    }
    const { type, at, ...payload } = args.event;
    const [stored] = await this.events.append(
      m,
      { id: args.row.id, type: args.streamType, lastSeq: args.row.version, lastHash: args.row.lastHash },
      [{ type, payload: { at, ...payload }, businessTime: at }],
      args.actor,
      args.recordedTime,
    );
    await this.project(m, args.table, args.row, stored, stepped.persisted, args.project(stepped.snapshot), args.recordedTime);
    return { next: stepped.snapshot, persisted: stepped.persisted, stored };
  }

  /** Compare-and-set of the projection: the row moves from `row.version` to the stored event's seq, or nothing happens. */
  async project(
    m: EntityManager,
    table: 'cases' | 'commissions',
    row: StreamRow,
    stored: StoredEvent,
    persisted: Persisted,
    columns: Record<string, unknown>,
    recordedTime: string,
  ): Promise<void> {
    const sets = { ...columns, snapshot: JSON.stringify(persisted), version: stored.seq, last_hash: stored.hash, updated_at: recordedTime };
    const names = Object.keys(sets);
    const pg = m.connection.options.type === 'postgres';
    const p = (i: number) => (pg ? `$${i}` : '?');
    const sql = `UPDATE ${table} SET ${names.map((n, i) => `${n} = ${p(i + 1)}`).join(', ')} WHERE id = ${p(names.length + 1)} AND version = ${p(names.length + 2)}`;
    const params = [...names.map((n) => normalize((sets as Record<string, unknown>)[n])), row.id, row.version];
    const result = await m.queryRunner!.query(sql, params, true);
    if (result.affected !== 1) {
      throw new DomainError('version-conflict', `The ${table === 'cases' ? 'case' : 'commission'} changed while this command ran; reload it and retry`, {
        currentVersion: row.version + 1,
      });
    }
  }
}

function normalize(value: unknown): unknown {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}
