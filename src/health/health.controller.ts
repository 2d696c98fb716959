import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles';
import { databaseFault } from '../common/database-faults';
import { DomainError } from '../common/domain-error';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import { text } from '../i18n/text';
import { ApiAnswer } from '../common/api-contract';

/** How long /health/ready waits for the database before it answers `database-busy`. */
export const READY_TIMEOUT_MS = 2_000;

class RolledBack extends Error {}

/**
 * Probes for a load balancer or orchestrator (issue 12). Public, never rate-limited.
 * - live: the process answers (restart it when this fails);
 * - ready: the database answers a read AND accepts a write — a write inside a transaction that is then rolled
 *   back, so a probe changes nothing (GETs never write). A busy, read-only or unreachable database makes it
 *   503 with the problem type naming the cause and Retry-After, like every write would be answered.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The database answers a read (kept for older probes; prefer /health/ready)' })
  @ApiAnswer('Health')
  async health() {
    await this.probe(false);
    return { status: 'ok', database: this.reader.dataSource.options.type };
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers; the database is not asked' })
  @ApiAnswer('Health')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary: 'Readiness: the database answers a read and accepts a write (rolled back); 503 with the cause otherwise',
  })
  @ApiAnswer('Health')
  async ready() {
    const durability = await this.probe(true);
    return {
      status: 'ok',
      database: this.reader.dataSource.options.type,
      read: 'ok',
      write: 'ok',
      ...(durability ? { durability } : {}),
    };
  }

  /** SQLite: what the writer's connection runs with (SPEC §9: WAL and synchronous=FULL; the crash test checks it). */
  private async probe(write: boolean): Promise<{ journalMode: string; synchronous: string } | undefined> {
    let durability: { journalMode: string; synchronous: string } | undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new DomainError('database-busy', text('refusals.misc.dbNoAnswerWithin', { ms: READY_TIMEOUT_MS }))),
        READY_TIMEOUT_MS,
      );
    });
    const work = (async () => {
      await this.reader.query('SELECT 1');
      if (!write) return;
      await this.unitOfWork.run(async (m) => {
        // Rewrites the newest migration row with itself: a real write (it needs the write lock and a writable
        // database) into a table every install has, undone at once.
        await m.query('UPDATE migrations SET name = name WHERE id = (SELECT MAX(id) FROM migrations)');
        if (m.connection.options.type === 'sqlite') {
          const [{ journal_mode: journalMode }] = await m.query<{ journal_mode: string }[]>('PRAGMA journal_mode');
          const [{ synchronous }] = await m.query<{ synchronous: number }[]>('PRAGMA synchronous');
          durability = {
            journalMode,
            synchronous: ['off', 'normal', 'full', 'extra'][synchronous] ?? String(synchronous),
          };
        }
        throw new RolledBack();
      });
    })().catch((error: unknown) => {
      if (error instanceof RolledBack) return;
      if (error instanceof DomainError) throw error;
      const fault = databaseFault(error);
      throw new DomainError(
        fault ?? 'database-unavailable',
        text(write && fault ? 'refusals.misc.dbNoWrite' : 'refusals.misc.dbNoAnswer'),
      );
    });
    try {
      await Promise.race([work, timeout]);
      return durability;
    } finally {
      clearTimeout(timer);
      work.catch(() => undefined);
    }
  }
}
