import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Observable, catchError, from, mergeMap } from 'rxjs';
import { DataSource } from 'typeorm';
import { canonicalJson, sha256Hex } from '../events/canonical';
import { IdempotencyKeyEntity } from '../events/event.entity';
import { Clock } from './clock';
import { DomainError } from './domain-error';

const PENDING = -1;
const DONE = 1;
/** How long a retry waits for the first request with its key to finish. */
export const IDEMPOTENCY_WAIT_MS = 10_000;
/** A reservation older than this belongs to a request that died with its process: it is taken over. */
export const IDEMPOTENCY_STALE_MS = 60_000;

/**
 * `Idempotency-Key` on every POST/PUT/DELETE (SPEC §9): a retried request with the same key and the same
 * body returns the first answer without acting again; the same key with another body is refused.
 * The key is reserved before the request acts, so a retry that arrives while the first is still running
 * waits for its answer instead of acting a second time. A refused first request frees its key (a retry
 * acts again). Keys are per account. Bearer tokens in answers are not kept (they are shown once).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest();
    const key = request.headers['idempotency-key'];
    if (request.method === 'GET' || key === undefined) return next.handle();
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw DomainError.validation([{ name: 'Idempotency-Key', reason: '1–200 visible ASCII characters' }]);
    }
    const accountId: string = request.account?.id ?? 'anonymous';
    const requestHash = sha256Hex(canonicalJson({ method: request.method, url: request.url, body: request.body ?? null }));
    return from(this.reserve(accountId, key, requestHash)).pipe(
      mergeMap((earlier) => {
        if (earlier !== undefined) {
          void context.switchToHttp().getResponse().header('idempotent-replay', 'true');
          return [earlier];
        }
        return next.handle().pipe(
          mergeMap(async (body) => {
            await this.complete(accountId, key, body);
            return body;
          }),
          catchError(async (error) => {
            await this.release(accountId, key);
            throw error;
          }),
        );
      }),
    );
  }

  /** Reserves the key; if it was used, returns the first answer (waiting for it if it is still coming). */
  private async reserve(accountId: string, key: string, requestHash: string): Promise<unknown | undefined> {
    const started = this.clock.now().getTime();
    for (;;) {
      const found = await this.dataSource.manager.findOneBy(IdempotencyKeyEntity, { accountId, key });
      if (!found) {
        try {
          await this.dataSource.manager.insert(IdempotencyKeyEntity, {
            accountId,
            key,
            requestHash,
            status: PENDING,
            response: '',
            createdAt: this.clock.now().toISOString(),
          });
          return undefined;
        } catch {
          continue; // another request with this key reserved it first: look again
        }
      }
      if (found.requestHash !== requestHash) {
        throw new DomainError('idempotency-key-reused', 'This Idempotency-Key was already used with a different request');
      }
      if (found.status === DONE) return JSON.parse(found.response);
      const now = this.clock.now().getTime();
      if (now - Date.parse(found.createdAt) > IDEMPOTENCY_STALE_MS) {
        await this.dataSource.manager.delete(IdempotencyKeyEntity, { accountId, key, status: PENDING, createdAt: found.createdAt });
        continue;
      }
      if (now - started > IDEMPOTENCY_WAIT_MS) {
        throw new DomainError('version-conflict', 'The first request with this Idempotency-Key is still running; retry later');
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  private async complete(accountId: string, key: string, body: unknown): Promise<void> {
    const stored = body && typeof body === 'object' && 'token' in body ? { ...(body as object), token: null, tokenShownOnce: true } : body;
    await this.dataSource.manager.update(IdempotencyKeyEntity, { accountId, key }, { status: DONE, response: JSON.stringify(stored ?? null) });
  }

  private async release(accountId: string, key: string): Promise<void> {
    await this.dataSource.manager.delete(IdempotencyKeyEntity, { accountId, key, status: PENDING });
  }
}
