/** Prints the schema changes TypeORM would still make after the migrations (there must be none). */
import 'reflect-metadata';
import { openDatabase } from '../src/database/database-options';

void (async () => {
  const url = process.argv[2] ?? 'sqlite::memory:';
  const ds = await openDatabase(url);
  const log = await ds.driver.createSchemaBuilder().log();
  console.log(`${url.split(':')[0]}: ${log.upQueries.length} pending`);
  for (const q of log.upQueries) console.log('  ', q.query.slice(0, 300));
  await ds.destroy();
})();
