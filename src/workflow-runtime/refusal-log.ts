import { Inject, Injectable, Logger } from '@nestjs/common';
import { LessThan } from 'typeorm';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { PeriodicWorker } from '../common/periodic-worker';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { canonicalJson } from '../events/canonical';
import { RefusalEntity } from '../events/event.entity';

/** At most this many characters of a refused request's input are kept (a summary, not the payload). */
export const REFUSAL_SUMMARY_CHARS = 2_000;
/** At most this many refusals of one account are recorded one by one per minute; the rest are counted. */
export const REFUSALS_PER_ACCOUNT_MINUTE = 60;
/** Refusals are kept this long by default (APPEALS_REFUSAL_RETENTION_DAYS): three years of evaluation cycles. */
export const DEFAULT_REFUSAL_RETENTION_DAYS = 1_095;
const DAY_MS = 86_400_000;

/**
 * Refused actions, for auditors (SPEC §6: who, what, which rule). Every refusal of every command goes through
 * here, whatever its stream. Bounded (issue 12): a refusal keeps who, what, the rule and its law point, and a
 * summary of the input cut at REFUSAL_SUMMARY_CHARS; one account's refusals beyond REFUSALS_PER_ACCOUNT_MINUTE in
 * a minute are not stored one by one but counted, and the count is stored once that minute is over (a flood
 * costs one row a minute, not one a request); rows older than the retention are deleted daily. A refusal on a
 * stream the actor may not see is recorded against the actor only (no stream id), so the stream's owner never
 * reads it (SPEC §7).
 */
@Injectable()
export class RefusalLog extends PeriodicWorker<number> {
  protected readonly logger = new Logger(RefusalLog.name);
  /** account → the current minute's count and what was left out of it. */
  private readonly perMinute = new Map<string, { minute: number; count: number; suppressed: number; role: string }>();

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(config, DAY_MS);
  }

  async record(refusal: {
    streamId: string | null;
    command: string;
    actor: Pick<AuthenticatedAccount, 'id' | 'role'>;
    error: DomainError;
    input: unknown;
  }): Promise<void> {
    const now = this.clock.now();
    const minute = Math.floor(now.getTime() / 60_000);
    await this.flushSuppressed(minute);
    const seen = this.perMinute.get(refusal.actor.id);
    const counter =
      seen && seen.minute === minute ? seen : { minute, count: 0, suppressed: 0, role: refusal.actor.role };
    this.perMinute.set(refusal.actor.id, counter);
    if (++counter.count > REFUSALS_PER_ACCOUNT_MINUTE) {
      counter.suppressed++;
      return;
    }
    await this.insert({
      streamId: refusal.streamId,
      command: refusal.command.slice(0, 200),
      actorId: refusal.actor.id,
      actorRole: refusal.actor.role,
      problemType: refusal.error.type,
      law: typeof refusal.error.extra.law === 'string' ? refusal.error.extra.law : null,
      detail: refusal.error.detail.slice(0, 2_000),
      payload: summarize(refusal.input),
      recordedTime: now.toISOString(),
    });
  }

  /** The counts of suppressed refusals of minutes that are over, one row per account and minute. */
  async flushSuppressed(currentMinute = Math.floor(this.clock.now().getTime() / 60_000)): Promise<void> {
    for (const [actorId, c] of this.perMinute) {
      if (c.minute === currentMinute) continue;
      this.perMinute.delete(actorId);
      if (c.suppressed === 0) continue;
      await this.insert({
        streamId: null,
        command: 'refusals.suppressed',
        actorId,
        actorRole: c.role,
        problemType: 'rate-limited',
        law: null,
        detail: `${c.suppressed} further refusals of this account in the minute from ${new Date(c.minute * 60_000).toISOString()} were counted, not stored one by one`,
        payload: canonicalJson({ suppressed: c.suppressed, minute: new Date(c.minute * 60_000).toISOString() }),
        recordedTime: this.clock.now().toISOString(),
      });
    }
  }

  /** The daily purge: refusals older than the retention (APPEALS_REFUSAL_RETENTION_DAYS, default three years). */
  protected async work(): Promise<number> {
    await this.flushSuppressed();
    const days = this.config.refusalRetentionDays ?? DEFAULT_REFUSAL_RETENTION_DAYS;
    const before = new Date(this.clock.now().getTime() - days * DAY_MS).toISOString();
    const result = await this.unitOfWork.run((m) => m.delete(RefusalEntity, { recordedTime: LessThan(before) }));
    return result.affected ?? 0;
  }

  protected summary(deleted: number) {
    return deleted ? { msg: 'old refusals deleted', deleted } : undefined;
  }

  /** Runs the purge now (tests, operators). */
  purge(): Promise<number> {
    return this.runOnce();
  }

  private async insert(row: Omit<RefusalEntity, 'id'>): Promise<void> {
    try {
      await this.unitOfWork.run((m) => m.insert(RefusalEntity, row));
    } catch (error) {
      this.logger.error({
        msg: 'could not record a refusal',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** The input as canonical JSON, cut at REFUSAL_SUMMARY_CHARS (marked `…` when cut). */
export function summarize(input: unknown): string {
  let text: string;
  try {
    text = canonicalJson(input ?? null);
  } catch {
    text = JSON.stringify(String(input));
  }
  return text.length > REFUSAL_SUMMARY_CHARS ? `${text.slice(0, REFUSAL_SUMMARY_CHARS)}…` : text;
}

/** A stored summary as JSON when it is whole; a summary cut at the limit is returned as the text it is. */
export function refusalPayload(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
