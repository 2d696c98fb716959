import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { AssetManifest, buildWebAssets, webAssetsDir } from './assets-build';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  type: string;
  identity: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

/**
 * The pages' assets, built by `npm run build` into dist/web-assets (assets-build.ts) and held in memory:
 * served at /assets/<name>-<hash>.<ext>, brotli or gzip as the browser accepts, cached for a year as
 * immutable (a new build has new names). Nothing comes from a CDN.
 */
@Injectable()
export class WebAssets {
  private readonly byFile = new Map<string, Asset>();
  private readonly manifest: AssetManifest;

  constructor() {
    const dir = webAssetsDir();
    const manifestPath = join(dir, 'manifest.json');
    if (!existsSync(manifestPath)) {
      // Run from the TypeScript sources (benches, scripts): build them now. From dist/, the build step was skipped.
      if (__filename.endsWith('.ts')) buildWebAssets(dir);
      else throw new Error(`The web pages' assets are not built (${manifestPath} is missing): run npm run build`);
    }
    this.manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as AssetManifest;
    for (const file of Object.values(this.manifest.files)) {
      this.byFile.set(file, {
        type: TYPES[extname(file)] ?? 'application/octet-stream',
        identity: readFileSync(join(dir, file)),
        gzip: readFileSync(join(dir, `${file}.gz`)),
        brotli: readFileSync(join(dir, `${file}.br`)),
      });
    }
  }

  /** The URL of a logical asset (`app.css` → `/assets/app-3f2a9c1e0b12.css`). */
  url(logical: string): string {
    const file = this.manifest.files[logical];
    if (!file) throw new Error(`No web asset ${logical}`);
    return `/assets/${file}`;
  }

  /** Registers GET /assets/:file on Fastify itself (no guard, no session lookup: these files are public). */
  register(fastify: FastifyInstance): void {
    fastify.get('/assets/:file', (request: FastifyRequest, reply: FastifyReply) => {
      const asset = this.byFile.get((request.params as { file: string }).file);
      if (!asset) return reply.callNotFound();
      const accepted = String(request.headers['accept-encoding'] ?? '');
      const [encoding, body] = /\bbr\b/.test(accepted)
        ? ['br', asset.brotli]
        : /\bgzip\b/.test(accepted)
          ? ['gzip', asset.gzip]
          : [null, asset.identity];
      void reply
        .header('content-type', asset.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('vary', 'accept-encoding');
      if (encoding) void reply.header('content-encoding', encoding);
      return reply.send(body);
    });
  }
}
