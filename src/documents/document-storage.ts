import { Inject, Injectable } from '@nestjs/common';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { IdGenerator } from '../common/id-generator';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** One upload being written: invisible until committed under its SHA-256. */
export interface DocumentWrite {
  write(chunk: Buffer): Promise<void>;
  /** Makes the bytes durable and visible under `sha256` (idempotent for identical content). */
  commit(sha256: string): Promise<void>;
  /** Forgets the bytes written so far; a no-op after commit. */
  abort(): Promise<void>;
}

/**
 * Where document bytes live (STYLE: file storage behind a provider; tests may swap it).
 * Content-addressed: the key is the SHA-256 of the bytes, so the same content is stored once.
 */
export abstract class DocumentStorage {
  abstract begin(): Promise<DocumentWrite>;
  /** The bytes stored under `sha256`; rejects when there are none. */
  abstract open(sha256: string): Promise<Readable>;
}

/**
 * Files under `${dataDir}/documents/ab/cd/<sha256>`. A write goes to a temporary file in
 * `${dataDir}/documents/.tmp` (same file system), is fsynced, renamed into place and the directory
 * fsynced: the bytes are durable before the service commits the row that points at them (SPEC §9).
 * A crash in between leaves at worst an unreferenced file, never a row without its bytes.
 */
@Injectable()
export class FileDocumentStorage extends DocumentStorage {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ids: IdGenerator,
  ) {
    super();
  }

  private get root(): string {
    return join(this.config.dataDir, 'documents');
  }

  pathOf(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async begin(): Promise<DocumentWrite> {
    const tmpDir = join(this.root, '.tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = join(tmpDir, `${this.ids.uuid()}.part`);
    const handle = await open(tmpPath, 'wx', 0o600);
    let state: 'open' | 'committed' | 'aborted' = 'open';
    return {
      write: async (chunk) => {
        await handle.write(chunk);
      },
      commit: async (sha256) => {
        const target = this.pathOf(sha256);
        await handle.sync();
        await handle.close();
        const dir = join(this.root, sha256.slice(0, 2), sha256.slice(2, 4));
        await mkdir(dir, { recursive: true });
        await rename(tmpPath, target);
        await syncDirectory(dir);
        state = 'committed';
      },
      abort: async () => {
        if (state !== 'open') return;
        state = 'aborted';
        await handle.close().catch(() => undefined);
        await rm(tmpPath, { force: true });
      },
    };
  }

  async open(sha256: string): Promise<Readable> {
    const handle: FileHandle = await open(this.pathOf(sha256), 'r');
    return handle.createReadStream();
  }
}

/** Makes a rename durable (POSIX); platforms that cannot open a directory skip it. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}
