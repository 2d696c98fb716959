import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import {
  PartialVerification,
  StreamRange,
  VerificationReport,
  VerifyOptions,
  mergeVerification,
  streamRanges,
  verifyLedger,
  verifyRange,
} from './ledger-verifier';

/**
 * The whole log verified on every core: the streams are split into ranges of about equal size; this thread
 * checks one range, long-lived worker threads (each with a read-only connection of its own) the others; the
 * parts are merged and the recorded digest is checked against every head. Same checks, same report as
 * `verifyLedger`.
 */
export async function verifyLedgerParallel(
  reader: DataSource,
  databaseUrl: string,
  options: VerifyOptions,
  threads = Math.min(availableParallelism(), 4),
): Promise<VerificationReport> {
  const ranges = await streamRanges((sql, params) => reader.query(sql, params), threads);
  if (ranges.length === 1) return verifyLedger(reader, options);
  const pool = poolFor(databaseUrl, ranges.length - 1);
  const parts = await Promise.all(
    ranges.map((range, i) => (i === 0 ? verifyRange(reader, options, range) : pool[i - 1].run(options, range))),
  );
  return mergeVerification(parts, options);
}

class VerifyWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<
    number,
    { resolve: (p: PartialVerification) => void; reject: (e: Error) => void }
  >();
  private next = 0;

  constructor(databaseUrl: string) {
    // Compiled (dist) the worker is JavaScript; from sources (ts-node, jest) it is loaded through ts-node.
    const fromSources = __filename.endsWith('.ts');
    this.worker = new Worker(join(__dirname, fromSources ? 'verify-worker.ts' : 'verify-worker.js'), {
      workerData: { databaseUrl },
      execArgv: fromSources ? ['-r', 'ts-node/register/transpile-only'] : [],
    });
    this.worker.unref();
    this.worker.on(
      'message',
      (message: { id: number; ok: true; part: PartialVerification } | { id: number; ok: false; error: string }) => {
        const waiter = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (message.ok) waiter?.resolve(message.part);
        else waiter?.reject(new Error(`verification worker failed: ${message.error}`));
      },
    );
    const fail = (error: Error) => {
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
      pools.clear(); // a dead worker is replaced at the next verification
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`verification worker exited with ${code}`)));
  }

  run(options: VerifyOptions, range: StreamRange): Promise<PartialVerification> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, options, range });
    });
  }

  close(): Promise<number> {
    this.worker.postMessage({ close: true });
    return new Promise((resolve) => this.worker.once('exit', resolve));
  }
}

const pools = new Map<string, VerifyWorker[]>();

function poolFor(databaseUrl: string, size: number): VerifyWorker[] {
  let pool = pools.get(databaseUrl);
  while (!pool || pool.length < size) {
    if (!pool) pools.set(databaseUrl, (pool = []));
    pool.push(new VerifyWorker(databaseUrl));
  }
  return pool;
}

/** Ends the worker threads (the service calls it on shutdown). */
export async function closeVerifyWorkers(): Promise<void> {
  const all = [...pools.values()].flat();
  pools.clear();
  await Promise.all(all.map((w) => w.close()));
}
