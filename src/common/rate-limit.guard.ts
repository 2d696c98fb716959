import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock } from './clock';
import { DomainError } from './domain-error';

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export const DEFAULT_RATE_PER_MINUTE = 600;
export const ANONYMOUS_RATE_PER_MINUTE = 120;

/**
 * A token bucket per account (per client address for anonymous calls), in memory per instance:
 * a burst up to the per-minute budget, refilled continuously. Over it → 429 `rate-limited` with Retry-After.
 * Runs after the AuthGuard, so it knows the account.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest();
    const perMinute = request.account
      ? (this.config.rateLimitPerMinute ?? DEFAULT_RATE_PER_MINUTE)
      : Math.min(this.config.rateLimitPerMinute ?? DEFAULT_RATE_PER_MINUTE, ANONYMOUS_RATE_PER_MINUTE);
    if (perMinute <= 0) return true;
    const key = request.account ? `a:${request.account.id}` : `ip:${request.ip}`;
    const now = this.clock.now().getTime();
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, updatedMs: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.updatedMs) * perMinute) / 60_000);
    bucket.updatedMs = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      const retryAfter = Math.ceil(((1 - bucket.tokens) * 60_000) / perMinute / 1000);
      context.switchToHttp().getResponse().header('retry-after', String(retryAfter));
      throw new DomainError('rate-limited', `At most ${perMinute} requests a minute for this account; retry in ${retryAfter} s`);
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 50_000) this.evict(now);
    return true;
  }

  private evict(now: number): void {
    for (const [key, bucket] of this.buckets) if (now - bucket.updatedMs > 120_000) this.buckets.delete(key);
  }
}
