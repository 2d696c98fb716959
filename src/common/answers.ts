import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  StreamableFile,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { Observable, map } from 'rxjs';
import { KZ_ZONE } from '../calendar/calendar-rules';
import { Answer } from './idempotency';

/**
 * The uniform shape of answers (issue 11 item 3), applied in one place for every API route:
 * - every instant is written in Astana time with its offset (`2026-11-20T11:00:00.000+05:00`; Asia/Almaty through
 *   luxon, so an instant before March 2024 keeps +06:00) — except recorded data quoted exactly as hashed
 *   (`@RecordedAnswer()`: events, the export bundle, an account's history), which a verifier must see byte for byte;
 * - a create answers 201 with `Location` (`@Created(body => path)`);
 * - a case or commission answers with `ETag: "version"` (`@VersionTag()`), which If-Match accepts.
 */
const RECORDED = 'answers:recorded';
const CREATED = 'answers:created';
const VERSION_TAG = 'answers:version-tag';

export const RecordedAnswer = () => SetMetadata(RECORDED, true);
export const Created = <T>(location: (body: T, params: Record<string, string>) => string) =>
  SetMetadata(CREATED, location);
export const VersionTag = () => SetMetadata(VERSION_TAG, true);

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Members quoted as signed, never rewritten: the rows of the disagreement table (a case's `table.rows`, a replayed
 * state's `context.rows`) are what p.105 signatures hash, so a client recomputes the signed SHA-256 from them.
 */
const QUOTED_AS_SIGNED = new Set(['rows']);

/** Every ISO instant in a JSON value, rewritten in Astana time with its offset (milliseconds always written). */
export function inAstanaTime(value: unknown): unknown {
  if (typeof value === 'string') {
    if (!INSTANT.test(value)) return value;
    const instant = DateTime.fromISO(value, { setZone: true });
    return instant.isValid ? instant.setZone(KZ_ZONE).toISO({ suppressMilliseconds: false }) : value;
  }
  if (value instanceof Date) return DateTime.fromJSDate(value).setZone(KZ_ZONE).toISO({ suppressMilliseconds: false });
  if (Array.isArray(value)) return value.map(inAstanaTime);
  // Plain objects and entities (their Date columns too); never bytes, a stream or a file answer.
  if (value && typeof value === 'object' && !isBytesOrStream(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, QUOTED_AS_SIGNED.has(k) ? v : inAstanaTime(v)]),
    );
  }
  return value;
}

function isBytesOrStream(value: object): boolean {
  return (
    value instanceof StreamableFile ||
    ArrayBuffer.isView(value) ||
    typeof (value as { pipe?: unknown }).pipe === 'function'
  );
}

@Injectable()
export class AnswersInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!request.url.startsWith('/api/')) return next.handle();
    const reply = http.getResponse<FastifyReply>();
    const targets = [context.getHandler(), context.getClass()];
    const recorded = this.reflector.getAllAndOverride<boolean>(RECORDED, targets);
    const created = this.reflector.getAllAndOverride<(body: unknown, params: Record<string, string>) => string>(
      CREATED,
      targets,
    );
    const versionTag = this.reflector.getAllAndOverride<boolean>(VERSION_TAG, targets);
    return next.handle().pipe(
      map((result: unknown) => {
        const answer = result instanceof Answer ? (result as Answer<unknown>) : null;
        const body: unknown = answer ? answer.body : result;
        if (body && typeof body === 'object') {
          const params = (request.params ?? {}) as Record<string, string>;
          if (created) void reply.header('location', created(body, params));
          const version = (body as { version?: unknown }).version;
          if (versionTag && typeof version === 'number') void reply.header('etag', `"${version}"`);
        }
        if (recorded) return result;
        const shaped = inAstanaTime(body);
        return answer ? new Answer(shaped, answer.replayed) : shaped;
      }),
    );
  }
}
