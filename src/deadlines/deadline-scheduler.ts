import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AppealCaseEvent } from '../../workflows';
import { Clock } from '../common/clock';
import { PeriodicWorker } from '../common/periodic-worker';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { StreamRuntime } from '../workflow-runtime/stream-runtime';
import { StreamLoader } from '../workflow-runtime/streams';
import { DEADLINE_EVENT, DeadlineEntity } from './deadline.entity';
import { DeadlinesService, LeaseLostError } from './deadlines.service';

export const SWEEP_INTERVAL_MS = 1_000;
export const LEASE_MS = 30_000;
export const CLAIM_BATCH = 500;
export const FIRE_CONCURRENCY = 64;

export interface SweepReport {
  claimed: number;
  fired: number;
  stale: number;
  skipped: number;
}

/** The scheduler's actor in the log. */
export const SCHEDULER = { id: 'scheduler', role: 'system' } as const;

/**
 * Fires due deadlines as events through the machine (SPEC §3, §9). XState does not restore `after` timers from
 * a persisted snapshot, so the terms are rows and this sweep is their clock.
 * - on start it sweeps at once, so every deadline missed during downtime fires, with its legal due time;
 * - rows are claimed with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL); each fires through the one command
 *   path (StreamRuntime.system), whose `term.fire` effect marks the row fired in the transaction that appends
 *   the event — so with several instances each fires exactly once.
 */
@Injectable()
export class DeadlineScheduler extends PeriodicWorker<SweepReport> {
  protected readonly logger = new Logger(DeadlineScheduler.name);
  private readonly instance = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private sweeps = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
    private readonly deadlines: DeadlinesService,
    private readonly loader: StreamLoader,
    private readonly runtime: StreamRuntime,
  ) {
    super(config, config.sweepIntervalMs ?? SWEEP_INTERVAL_MS);
  }

  /** One sweep: claim every due row in batches and fire each. Public for tests and bench/sweep. */
  sweep(): Promise<SweepReport> {
    return this.runOnce();
  }

  protected work(): Promise<SweepReport> {
    return this.doSweep();
  }

  protected summary(report: SweepReport) {
    return report.fired || report.stale ? { msg: 'deadlines swept', ...report } : undefined;
  }

  private async doSweep(): Promise<SweepReport> {
    const report: SweepReport = { claimed: 0, fired: 0, stale: 0, skipped: 0 };
    for (;;) {
      const owner = `${this.instance}:${++this.sweeps}`;
      const nowMs = this.clock.now().getTime();
      const claimed = await this.unitOfWork.run((m) => this.deadlines.claimDue(m, owner, nowMs, LEASE_MS, CLAIM_BATCH));
      if (claimed.length === 0) return report;
      report.claimed += claimed.length;
      // Cases are independent: fire several at once (their transactions share commits on SQLite and run in
      // parallel on PostgreSQL); the deadlines of one case fire one after the other, in due order.
      const byCase = new Map<string, DeadlineEntity[]>();
      for (const row of claimed) byCase.set(row.caseId, [...(byCase.get(row.caseId) ?? []), row]);
      const queues = [...byCase.values()];
      let next = 0;
      const worker = async () => {
        while (next < queues.length) {
          for (const row of queues[next++]) {
            try {
              report[await this.fire(row, owner)]++;
            } catch (error) {
              // The lease expires and the next sweep (here or in another instance) tries again.
              report.skipped++;
              this.logger.error({
                msg: 'deadline not fired',
                deadlineId: row.id,
                caseId: row.caseId,
                error: error instanceof Error ? error.message : String(error),
              });
            }
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(FIRE_CONCURRENCY, queues.length) }, worker));
      if (claimed.length < CLAIM_BATCH) return report;
    }
  }

  /**
   * Fires one claimed row as its machine event, with the legal due time (the first instant after the term) as
   * business time. A row the machine no longer accepts the firing of (the term was met, or moved) is closed
   * without an event.
   */
  private async fire(row: DeadlineEntity, owner: string): Promise<'fired' | 'stale' | 'skipped'> {
    try {
      return await this.unitOfWork.run(async (m) => {
        const loaded = await this.loader.loadCase(m, row.caseId, { lock: true });
        if (!loaded) return 'skipped';
        const event = { type: DEADLINE_EVENT[row.kind], at: new Date(row.dueMs + 1).toISOString() } as AppealCaseEvent;
        const firing = { deadlineId: row.id, leaseOwner: owner, law: row.law, dueAt: row.dueAt };
        // The machine's term.fire effect marks the row fired — only while this sweep still holds its lease.
        const stepped = await this.runtime.system(
          m,
          loaded.stream,
          event,
          { firing },
          { law: row.law, deadlineId: row.id },
          SCHEDULER,
        );
        if (stepped) return 'fired';
        await this.deadlines.closeStale(m, row.id, owner);
        return 'stale';
      });
    } catch (error) {
      if (error instanceof LeaseLostError) return 'skipped';
      throw error;
    }
  }
}
