import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  createParamDecorator,
} from '@nestjs/common';
import { Observable, mergeMap } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Answer, IdempotencyRequest, idempotencyRequest } from './idempotency';

/**
 * `Idempotency-Key` (SPEC §9) at the HTTP edge: parses and validates the header of a write into the request
 * (per account, with the hash of what is asked), and turns a write's `Answer` into its body, marking a replay
 * with `Idempotent-Replay: true`. The key and its answer are stored by the write itself, in the same
 * transaction as what it does (src/workflow-runtime/idempotency.ts) — never here.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<{
      method: string;
      url: string;
      body: unknown;
      headers: Record<string, string | string[] | undefined>;
      account?: { id: string };
      idempotency?: IdempotencyRequest;
    }>();
    if (request.method !== 'GET' && request.account) {
      request.idempotency = idempotencyRequest(request.headers['idempotency-key'], request.account.id, request);
    }
    const delay = request.method !== 'GET' ? (this.config.faultAnswerDelayMs ?? 0) : 0;
    return next.handle().pipe(
      mergeMap(async (result: unknown): Promise<unknown> => {
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay)); // fault injection (crash test)
        if (!(result instanceof Answer)) return result;
        if (result.replayed)
          void http.getResponse<{ header(name: string, value: string): unknown }>().header('idempotent-replay', 'true');
        return result.body;
      }),
    );
  }
}

/** The request's parsed `Idempotency-Key`, if it sent one. */
export const Idempotency = createParamDecorator(
  (_: unknown, context: ExecutionContext): IdempotencyRequest | undefined =>
    context.switchToHttp().getRequest<{ idempotency?: IdempotencyRequest }>().idempotency,
);
