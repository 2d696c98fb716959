import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { PeriodicWorker } from '../common/periodic-worker';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DeadlineEntity } from './deadline.entity';
import { DeadlinesService } from './deadlines.service';

export const SWEEP_INTERVAL_MS = 1_000;
export const LEASE_MS = 30_000;
export const CLAIM_BATCH = 200;
export const FIRE_CONCURRENCY = 16;

export interface SweepReport {
  claimed: number;
  fired: number;
  stale: number;
  skipped: number;
}

/**
 * Fires due deadlines as events through the machine (SPEC §3, §9). XState does not restore `after`
 * timers from a persisted snapshot, so the terms are rows and this sweep is their clock.
 * - on start it sweeps at once, so every deadline missed during downtime fires, with its legal due time;
 * - rows are claimed with a lease (FOR UPDATE SKIP LOCKED on PostgreSQL), and the event is appended in
 *   the same transaction that marks the row fired, so with several instances each fires exactly once.
 */
@Injectable()
export class DeadlineScheduler extends PeriodicWorker<SweepReport> {
  protected readonly logger = new Logger(DeadlineScheduler.name);
  private readonly instance = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private sweeps = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
    private readonly cases: CasesService,
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
      const claimed = await this.dataSource.transaction((m) => this.deadlines.claimDue(m, owner, nowMs, LEASE_MS, CLAIM_BATCH));
      if (claimed.length === 0) return report;
      report.claimed += claimed.length;
      // Cases are independent: fire several at once (their transactions share commits on SQLite and run in
      // parallel on PostgreSQL); the deadlines of one case fire one after the other, in due order.
      const byCase = new Map<string, DeadlineEntity[]>();
      for (const row of claimed) byCase.set(row.caseId, [...(byCase.get(row.caseId) ?? []), row]);
      const queues = [...byCase.values()];
      const fireCase = async (rows: DeadlineEntity[]) => {
        for (const row of rows) {
          try {
            const outcome = await this.cases.fireDeadline(row, owner);
            report[outcome]++;
          } catch (error) {
            // The lease expires and the next sweep (here or in another instance) tries again.
            report.skipped++;
            this.logger.error({ msg: 'deadline not fired', deadlineId: row.id, caseId: row.caseId, error: error instanceof Error ? error.message : String(error) });
          }
        }
      };
      for (let i = 0; i < queues.length; i += FIRE_CONCURRENCY) {
        await Promise.all(queues.slice(i, i + FIRE_CONCURRENCY).map(fireCase));
      }
      if (claimed.length < CLAIM_BATCH) return report;
    }
  }
}
