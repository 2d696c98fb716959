import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { canonicalJson, sha256Hex } from '../events/canonical';
import { DomainError } from './domain-error';
import { Clock } from './clock';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import { text } from '../i18n/text';

/** A request's `Idempotency-Key` (SPEC §9), per account, with the hash of what was asked. */
export interface IdempotencyRequest {
  accountId: string;
  key: string;
  requestHash: string;
}

/** What a write answers: its body, and whether it is the stored answer of an earlier request with the same key. */
export class Answer<T = unknown> {
  constructor(
    readonly body: T,
    /** The answer of an earlier request with the same key, returned without acting again. */
    readonly replayed: boolean,
  ) {}
}

/** `Idempotency-Key`: 1–200 visible ASCII characters. */
export function idempotencyRequest(
  header: string | string[] | undefined,
  accountId: string,
  request: { method: string; url: string; body: unknown },
): IdempotencyRequest | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw DomainError.field('Idempotency-Key', 'reasons.idempotencyKeyForm');
  }
  const requestHash = sha256Hex(
    canonicalJson({ method: request.method, url: request.url, body: request.body ?? null }),
  );
  return { accountId, key: header, requestHash };
}

/**
 * The answers of requests sent with an `Idempotency-Key`, written in the SAME transaction as what the request
 * did — so after a crash at any instant either both the effect and its answer are there (a retry gets the
 * answer) or neither is (a retry acts, once). A refused request records nothing: a retry acts again.
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    private readonly clock: Clock,
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** The earlier answer to this key, or undefined; the same key with another request is refused. */
  replay(
    request: IdempotencyRequest,
    found: { requestHash: string; status: number; response: string } | null,
  ): Answer | undefined {
    if (!found) return undefined;
    if (found.requestHash !== request.requestHash) {
      throw new DomainError('idempotency-key-reused', text('refusals.common.idempotencyReused'));
    }
    return new Answer(JSON.parse(found.response) as unknown, true);
  }

  async find(m: EntityManager, request: IdempotencyRequest) {
    const pg = m.connection.options.type === 'postgres';
    const [row] = await m.query<{ request_hash: string; status: number | string; response: string }[]>(
      `SELECT request_hash, status, response FROM idempotency_keys WHERE account_id = ${pg ? '$1' : '?'} AND key = ${pg ? '$2' : '?'}`,
      [request.accountId, request.key],
    );
    return row ? { requestHash: row.request_hash, status: Number(row.status), response: row.response } : null;
  }

  /** After a failure: did a concurrent request with the same key commit its answer meanwhile? */
  async findCommitted(request: IdempotencyRequest): Promise<Answer | undefined> {
    return this.replay(request, await this.find(this.reader.manager, request));
  }

  /** Records the answer inside the transaction that acted. */
  async record(m: EntityManager, request: IdempotencyRequest, status: number, body: unknown): Promise<void> {
    await m.query(
      m.connection.options.type === 'postgres'
        ? 'INSERT INTO idempotency_keys (account_id, key, request_hash, status, response, created_at) VALUES ($1, $2, $3, $4, $5, $6)'
        : 'INSERT INTO idempotency_keys (account_id, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [
        request.accountId,
        request.key,
        request.requestHash,
        status,
        JSON.stringify(body ?? null),
        this.clock.now().toISOString(),
      ],
    );
  }

  /**
   * A write that is not a workflow command (reference data, accounts, webhooks) made idempotent the same way:
   * look the key up, act, record the answer — one transaction. `stored` is what a replay returns (secrets
   * shown once are left out of it).
   */
  async write<T>(
    request: IdempotencyRequest | undefined,
    work: (m: EntityManager) => Promise<T>,
    options: { status?: number; stored?: (body: T) => unknown } = {},
  ): Promise<Answer<T>> {
    try {
      return await this.unitOfWork.run(async (m) => {
        if (request) {
          const earlier = this.replay(request, await this.find(m, request));
          if (earlier) return earlier as Answer<T>;
        }
        const body = await work(m);
        if (request) await this.record(m, request, options.status ?? 201, options.stored ? options.stored(body) : body);
        return new Answer(body, false);
      });
    } catch (error) {
      const earlier = request ? await this.findCommitted(request).catch(() => undefined) : undefined;
      if (earlier) return earlier as Answer<T>;
      throw error;
    }
  }
}
