import 'reflect-metadata';
import { createApp } from './bootstrap';
import { ConfigurationError, loadConfig } from './config/app-config';

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
  await app.listen({ port: config.port, host: '0.0.0.0' });
  process.stdout.write(
    JSON.stringify({ level: 'info', msg: 'listening', port: config.port, database: config.databaseUrl.replace(/\/\/[^@]*@/, '//***@'), docs: `http://127.0.0.1:${config.port}/api/docs` }) + '\n',
  );
}

main().catch((error) => {
  process.stderr.write(`Start failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
