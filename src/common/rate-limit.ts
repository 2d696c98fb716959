import rateLimit from '@fastify/rate-limit';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';
import { Text, text } from '../i18n/text';

export const DEFAULT_RATE_PER_MINUTE = 600;
export const ANONYMOUS_RATE_PER_MINUTE = 120;
export const DEFAULT_RATE_PER_ADDRESS = 1200;
export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 20;

export interface RateLimits {
  /** Requests per window per bearer token (0 = off); requests without a token: at most ANONYMOUS_RATE_PER_MINUTE per address. */
  perToken: number;
  /** Requests per window per client address, whatever the token (0 = off). */
  perAddress: number;
  /** Answers 401 per window per client address before that address is answered 429 (0 = off). */
  authFailures: number;
  windowMs: number;
}

/** Probes of a load balancer or orchestrator: never limited, never counted. */
const EXEMPT = /^\/api\/v1\/health(\/|\?|$)/;

type Limiter = (
  request: FastifyRequest,
  options?: { increment?: boolean },
) => Promise<{
  isAllowed: boolean;
  isExceeded?: boolean;
  remaining?: number;
  ttl?: number;
  ttlInSeconds?: number;
  max?: number;
}>;

/** The bearer token's SHA-256 (never the token itself is kept, even in memory). */
function credentialKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? createHash('sha256').update(match[1]).digest('hex').slice(0, 32) : null;
}

/**
 * Rate limits by @fastify/rate-limit, as `onRequest` hooks — before routing, parsing and authentication, so a
 * refused request costs no database lookup (issue 11 item 6). Three counters, each a fixed window:
 * 1. failed authentications per address: once an address has had `authFailures` answers 401 in the window,
 *    its requests are answered 429 until the window ends (a flood of wrong tokens, all different, is stopped);
 * 2. requests per address, whatever the token;
 * 3. requests per bearer token (its hash), or per address for requests without one.
 * Over a limit → 429 `rate-limited` with Retry-After. Counters live in this instance's memory
 * (docs/decisions.md, "Rate limits" — why that is enough with several instances on PostgreSQL).
 */
export function installRateLimits(fastify: FastifyInstance, limits: RateLimits): void {
  if (limits.perToken <= 0 && limits.perAddress <= 0 && limits.authFailures <= 0) return;
  const cache = 50_000;
  void fastify.register(rateLimit, { global: false, cache, timeWindow: limits.windowMs });
  let limiters: { failures: Limiter; address: Limiter; credential: Limiter } | undefined;
  const build = () => {
    const create = (fastify as unknown as { createRateLimit: (this: void, options: object) => Limiter })
      .createRateLimit;
    const perToken = limits.perToken;
    return {
      failures: create({
        cache,
        timeWindow: limits.windowMs,
        max: limits.authFailures,
        keyGenerator: (r: FastifyRequest) => `fail:${r.ip}`,
      }),
      address: create({
        cache,
        timeWindow: limits.windowMs,
        max: limits.perAddress,
        keyGenerator: (r: FastifyRequest) => `ip:${r.ip}`,
      }),
      credential: create({
        cache,
        timeWindow: limits.windowMs,
        keyGenerator: (r: FastifyRequest) => {
          const key = credentialKey(r);
          return key ? `token:${key}` : `anon:${r.ip}`;
        },
        max: (_r: FastifyRequest, key: string) =>
          key.startsWith('token:') ? perToken : Math.min(perToken, ANONYMOUS_RATE_PER_MINUTE),
      }),
    };
  };
  const refuse = (seconds: number, detail: Text) => {
    throw new DomainError('rate-limited', detail, { retryAfterSeconds: Math.max(1, seconds) });
  };

  fastify.addHook('onRequest', async (request) => {
    if (EXEMPT.test(request.url)) return;
    limiters ??= build();
    if (limits.authFailures > 0) {
      const failures = await limiters.failures(request, { increment: false });
      if (!failures.isAllowed && failures.remaining === 0 && (failures.ttl ?? 0) > 0) {
        refuse(
          failures.ttlInSeconds ?? 1,
          text('refusals.misc.tooManyFailures', { seconds: failures.ttlInSeconds ?? 1 }),
        );
      }
    }
    if (limits.perAddress > 0) {
      const address = await limiters.address(request);
      if (address.isExceeded)
        refuse(
          address.ttlInSeconds ?? 1,
          text('refusals.misc.perAddress', { max: limits.perAddress, seconds: address.ttlInSeconds ?? 1 }),
        );
    }
    if (limits.perToken > 0) {
      const credential = await limiters.credential(request);
      if (credential.isExceeded) {
        refuse(
          credential.ttlInSeconds ?? 1,
          text(credentialKey(request) ? 'refusals.misc.perToken' : 'refusals.misc.perAnonymous', {
            max: credential.max ?? 0,
            seconds: credential.ttlInSeconds ?? 1,
          }),
        );
      }
    }
  });

  if (limits.authFailures > 0) {
    fastify.addHook('onResponse', async (request, reply) => {
      if (reply.statusCode === 401 && limiters) await limiters.failures(request);
    });
  }
}
