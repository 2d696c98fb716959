import { startSeeded } from '../test/support/seeded';
import { sweepBadInputs } from '../test/support/bad-input-sweep';

/**
 * npm run -s bad-input-sweep [-- N [SEED]] — fires N (default 20,000) generated bad inputs across every operation
 * of the OpenAPI document at a seeded service (SQLite, or PostgreSQL when DATABASE_URL says so) and prints how
 * many were answered 5xx, how many were wrongly refused or accepted, and which tables changed. Exit 1 on any.
 * CI runs the faster test/bad-input.e2e-spec.ts; this gives the figure for issue 12.
 */
async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? 20_000);
  const seed = Number(process.argv[3] ?? 20_251_129);
  const { sut, api, world } = await startSeeded();
  const started = Date.now();
  try {
    const r = await sweepBadInputs(sut.app, sut.dataSource, api, world, {
      requests,
      seed,
      progress: (n) => process.stderr.write(`\r${n} / ${requests}`),
    });
    process.stderr.write('\n');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `bad-input sweep on ${sut.dataSource.options.type}: ${r.requests} generated bad inputs across ${r.operations} operations in ${seconds} s (seed ${seed})\n` +
        `  answers by status: ${Object.entries(r.byStatus)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}\n` +
        `  inputs by kind: ${Object.entries(r.byKind)
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${k} ${n}`)
          .join('; ')}\n` +
        `  5xx: ${r.fiveXx}\n  wrongly answered (accepted, not problem+json, unnamed field): ${r.wrongCount}\n` +
        `  changes of state: ${r.changedTables.length}${r.changedTables.length ? ` (${r.changedTables.join(', ')})` : ''} — every table's contents compared before and after\n`,
    );
    for (const w of r.wrong) process.stdout.write(`  ✗ ${w.request}\n      ${w.why}\n`);
    process.exitCode = r.fiveXx || r.wrongCount || r.changedTables.length ? 1 : 0;
  } finally {
    await sut.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
