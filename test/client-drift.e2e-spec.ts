import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const run = promisify(execFile);

/**
 * Issue 11 item 2: the typed client (src/client/api.d.ts, used by the demo, the benches and the e2e helpers) is
 * generated from the served document by `npm run client` and committed. This fails when the code serves another
 * document than the one the committed client was generated from — a changed DTO, schema, route or example — so a
 * drift between the server and its clients fails the build until `npm run client` is run and committed.
 */
describe('The generated client matches the served document (issue 11)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  it('src/client/openapi.json is the document /api/docs-json serves', async () => {
    const served = (await sut.http().get('/api/docs-json').expect(200)).body;
    expect(JSON.parse(readFileSync(join(ROOT, 'src/client/openapi.json'), 'utf8'))).toEqual(served);
  });

  it('src/client/api.d.ts is what openapi-typescript generates from it (`npm run client -- --check`)', async () => {
    // openapi-typescript is ESM inside: run in its own process (as `npm run client` does), not in Jest's module system.
    const { stdout } = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'scripts/openapi-client.ts', '--check'],
      {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' },
      },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`client drift: ${error.stdout ?? ''}${error.stderr ?? ''}`);
    });
    expect(stdout).toContain('client: up to date');
  });
});
