import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Observable, from, mergeMap, of } from 'rxjs';
import { DataSource } from 'typeorm';
import { canonicalJson, sha256Hex } from '../events/canonical';
import { IdempotencyKeyEntity } from '../events/event.entity';
import { Clock } from './clock';
import { DomainError } from './domain-error';

/**
 * `Idempotency-Key` on every POST/PUT/DELETE (SPEC §9): a retried request with the same key and the
 * same body returns the first answer without acting again; the same key with another body is refused.
 * Keys are per account. Bearer tokens in answers are not kept (they are shown once).
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
    return from(this.dataSource.manager.findOneBy(IdempotencyKeyEntity, { accountId, key })).pipe(
      mergeMap((found) => {
        if (found) {
          if (found.requestHash !== requestHash) {
            throw new DomainError('idempotency-key-reused', 'This Idempotency-Key was already used with a different request');
          }
          const reply = context.switchToHttp().getResponse();
          void reply.header('idempotent-replay', 'true');
          return of(JSON.parse(found.response));
        }
        return next.handle().pipe(
          mergeMap(async (body) => {
            await this.save(accountId, key, requestHash, body);
            return body;
          }),
        );
      }),
    );
  }

  private async save(accountId: string, key: string, requestHash: string, body: unknown): Promise<void> {
    const stored = body && typeof body === 'object' && 'token' in body ? { ...(body as object), token: null, tokenShownOnce: true } : body;
    try {
      await this.dataSource.manager.insert(IdempotencyKeyEntity, {
        accountId,
        key,
        requestHash,
        status: 0,
        response: JSON.stringify(stored ?? null),
        createdAt: this.clock.now().toISOString(),
      });
    } catch {
      // A concurrent request with the same key stored its answer first; the first answer stays.
    }
  }
}
