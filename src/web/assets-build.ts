import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { projectRoot } from '../common/paths';

/** Where `npm run build` puts the pages' assets and their manifest; the service reads them from here. */
export function webAssetsDir(root = projectRoot()): string {
  return join(root, 'dist', 'web-assets');
}

export interface AssetManifest {
  /** Logical name (`app.css`) → file name with its content hash (`app-3f2a9c1e0b.css`). */
  files: Record<string, string>;
}

const hashOf = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);
const hashed = (name: string, bytes: Buffer | string) => name.replace(/(\.[a-z]+)$/, `-${hashOf(bytes)}$1`);

/**
 * Builds the assets of the web pages (run by `npm run build`, and by the tests' global set-up):
 * - `app.css`: GOV.UK Frontend's SCSS and ours, compiled with `sass` (system font stack, no font faces);
 * - `govuk-frontend.js`: GOV.UK Frontend's ES module, as published, and `enhance.js`, which starts it;
 * - `favicon.svg`, ours;
 * - `bundle-verify.js`: the auditor's verification of an exported bundle in the browser (Web Crypto).
 * Each file gets its content hash in its name (so it can be cached for a year, immutable) and is written
 * beside its gzip and brotli forms; `manifest.json` maps the logical names. Nothing is fetched at run time.
 * The new set is written to a fresh folder and swapped in whole.
 */
export function buildWebAssets(outDir = webAssetsDir()): AssetManifest {
  // sass is a build-time tool (a devDependency): loaded here only.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sass = require('sass') as typeof import('sass');
  const root = projectRoot();
  const source = join(root, 'src', 'web');
  const govuk = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk');

  const css = sass.compile(join(source, 'styles', 'app.scss'), {
    loadPaths: [join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin', 'color-functions', 'slash-div'],
  }).css;

  const govukJs = readFileSync(join(govuk, 'govuk-frontend.min.js'), 'utf8').replace(
    /\n?\/\/# sourceMappingURL=\S+\s*$/,
    '\n',
  );
  const govukName = hashed('govuk-frontend.js', govukJs);
  const enhance = readFileSync(join(source, 'scripts', 'enhance.mjs'), 'utf8').replace(
    '__GOVUK_FRONTEND__',
    `./${govukName}`,
  );
  const favicon = readFileSync(join(source, 'images', 'favicon.svg'));
  // The auditor's in-browser verification of an exported bundle (docs/audit-algorithm.md), loaded only on its page.
  const bundleVerify = readFileSync(join(source, 'scripts', 'bundle-verify.mjs'), 'utf8');
  // Issue 15: documents of a form uploaded one by one with a progress bar (the form works without it).
  const upload = readFileSync(join(source, 'scripts', 'upload.mjs'), 'utf8');

  const outputs: Array<[string, string | Buffer, string]> = [
    ['app.css', css, hashed('app.css', css)],
    ['govuk-frontend.js', govukJs, govukName],
    ['enhance.js', enhance, hashed('enhance.js', enhance)],
    ['favicon.svg', favicon, hashed('favicon.svg', favicon)],
    ['bundle-verify.js', bundleVerify, hashed('bundle-verify.js', bundleVerify)],
    ['upload.js', upload, hashed('upload.js', upload)],
  ];

  const staging = `${outDir}.tmp-${process.pid}-${Date.now().toString(36)}`;
  mkdirSync(staging, { recursive: true });
  const manifest: AssetManifest = { files: {} };
  for (const [logical, content, file] of outputs) {
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    writeFileSync(join(staging, file), bytes);
    writeFileSync(join(staging, `${file}.gz`), gzipSync(bytes, { level: 9 }));
    writeFileSync(
      join(staging, `${file}.br`),
      brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }),
    );
    manifest.files[logical] = file;
  }
  writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  const old = `${outDir}.old-${process.pid}-${Date.now().toString(36)}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(staging, outDir);
  rmSync(old, { recursive: true, force: true });
  return manifest;
}

if (require.main === module) {
  const started = Date.now();
  const manifest = buildWebAssets();
  process.stdout.write(
    `web assets: ${Object.values(manifest.files).join(', ')} → ${webAssetsDir()} (${Date.now() - started} ms)\n`,
  );
}
