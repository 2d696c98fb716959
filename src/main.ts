import 'reflect-metadata';
import { createApp } from './bootstrap';
import { maskDatabaseUrl } from './common/logger';
import { ConfigurationError, loadConfig } from './config/app-config';
import { DatabaseStartError } from './database/database-guards';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const app = await createApp(config);
  const host = config.host ?? '127.0.0.1';
  await app.listen({ port: config.port, host });
  const shown = host.includes(':') ? `[${host}]` : host;
  app
    .getHttpAdapter()
    .getInstance()
    .log.info(
      {
        host,
        port: config.port,
        database: maskDatabaseUrl(config.databaseUrl),
        docs: `http://${shown === '0.0.0.0' || shown === '[::]' ? '127.0.0.1' : shown}:${config.port}/api/docs`,
      },
      `listening on ${shown}:${config.port}, database ${maskDatabaseUrl(config.databaseUrl)}`,
    );
}

main().catch((error) => {
  // A database that cannot be opened or reached is named (file or host) without a stack: the operator's problem.
  if (error instanceof DatabaseStartError) {
    process.stderr.write(`Start failed: ${error.message}\n`);
    process.exit(69);
  }
  process.stderr.write(`Start failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
