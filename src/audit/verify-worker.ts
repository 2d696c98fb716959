/**
 * A worker thread of `verifyLedgerParallel`: keeps a read-only connection to the database open and verifies
 * the ranges of streams it is sent, one at a time, answering with what it found.
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../database/database-options';
import { StreamRange, VerifyOptions, verifyRange } from './ledger-verifier';

const { databaseUrl } = workerData as { databaseUrl: string };
let connection: Promise<DataSource> | undefined;

async function open(): Promise<DataSource> {
  const dataSource = new DataSource({
    ...databaseOptions(databaseUrl),
    migrations: [],
    migrationsRun: false,
    extra: { max: 2 },
  });
  await dataSource.initialize();
  if (dataSource.options.type === 'sqlite') await dataSource.query('PRAGMA query_only = ON');
  return dataSource;
}

parentPort!.on('message', (job: { id: number; options: VerifyOptions; range: StreamRange } | { close: true }) => {
  if ('close' in job) {
    void (connection ?? Promise.resolve(undefined)).then((ds) => ds?.destroy()).finally(() => process.exit(0));
    return;
  }
  connection ??= open();
  connection
    .then((dataSource) => verifyRange(dataSource, job.options, job.range))
    .then(
      (part) => parentPort!.postMessage({ id: job.id, ok: true, part }),
      (error: unknown) =>
        parentPort!.postMessage({
          id: job.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
});
