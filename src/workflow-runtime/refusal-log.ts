import { Injectable, Logger } from '@nestjs/common';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { canonicalJson } from '../events/canonical';
import { RefusalEntity } from '../events/event.entity';

/** At most this many characters of a refused request's input are kept (a summary, not the payload). */
export const REFUSAL_SUMMARY_CHARS = 2_000;

/**
 * Refused actions, for auditors (SPEC §6: who, what, which rule). Every refusal of every command goes
 * through here, whatever its stream. A refusal on a stream the actor may not see is recorded against the
 * actor only (no stream id), so the stream's owner never reads it (SPEC §7).
 */
@Injectable()
export class RefusalLog {
  private readonly logger = new Logger(RefusalLog.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async record(refusal: { streamId: string | null; command: string; actor: Pick<AuthenticatedAccount, 'id' | 'role'>; error: DomainError; input: unknown }): Promise<void> {
    try {
      await this.unitOfWork.run((m) =>
        m.insert(RefusalEntity, {
          streamId: refusal.streamId,
          command: refusal.command.slice(0, 200),
          actorId: refusal.actor.id,
          actorRole: refusal.actor.role,
          problemType: refusal.error.type,
          law: typeof refusal.error.extra.law === 'string' ? refusal.error.extra.law : null,
          detail: refusal.error.detail.slice(0, 2_000),
          payload: summarize(refusal.input),
          recordedTime: this.clock.now().toISOString(),
        }),
      );
    } catch (error) {
      this.logger.error({ msg: 'could not record a refusal', error: error instanceof Error ? error.message : String(error) });
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
