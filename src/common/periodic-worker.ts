import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

/**
 * A background job that runs every `intervalMs` while the service runs (only when `config.workers` is on),
 * once at start (so work missed during downtime is done at once), never twice at the same time in one
 * instance, and that a graceful shutdown waits for. Tests call `runOnce()` themselves.
 */
export abstract class PeriodicWorker<Report> implements OnApplicationBootstrap, OnModuleDestroy {
  protected abstract readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<Report> | undefined;

  protected constructor(
    private readonly workerConfig: AppConfig,
    private readonly intervalMs: number,
  ) {}

  /** One run of the job. */
  protected abstract work(): Promise<Report>;

  /** What to log after a run, or undefined when it did nothing worth a line. */
  protected abstract summary(report: Report): Record<string, unknown> | undefined;

  onApplicationBootstrap(): void {
    if (this.workerConfig.workers === false) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Runs the job now, or joins the run already going on. */
  runOnce(): Promise<Report> {
    if (this.running) return this.running;
    this.running = this.work().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    try {
      const line = this.summary(await this.runOnce());
      if (line) this.logger.log(line);
    } catch (error) {
      this.logger.error({
        msg: `${this.constructor.name} failed`,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
