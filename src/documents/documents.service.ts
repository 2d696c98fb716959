import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { Clock } from '../common/clock';
import { DomainError, InvalidParam, invalidParam } from '../common/domain-error';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import { ContentTypeSniffer } from './content-type-sniffer';
import { DocumentBodyEntity, DocumentEntity } from './document.entity';
import { DocumentStorage, SHA256_PATTERN } from './document-storage';

import { MAX_DOCUMENT_BYTES, MAX_NAME_LENGTH } from './document-limits';
import type { MessageKey } from '../i18n/catalogue';
import { UNKNOWN_CONTENT } from './content-type-sniffer';
import { text } from '../i18n/text';

export { MAX_DOCUMENT_BYTES };

/** What the API shows of a document. */
export interface DocumentView {
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  createdAt: string;
}

export type DocumentUploader = Pick<AuthenticatedAccount, 'id' | 'role' | 'bodyCode' | 'authorityCode'>;
export type DocumentReader = Pick<AuthenticatedAccount, 'role' | 'bodyCode' | 'authorityCode'>;

export interface StoreDocumentInput {
  /** The content: whole bytes, or a stream (read without destroying it, so the caller can drain it on refusal). */
  bytes?: Buffer;
  stream?: Readable | AsyncIterable<Buffer | string>;
  /** The name the client gave; kept for display and download only, never used to judge the content. */
  originalName: string;
  account: DocumentUploader;
  /**
   * Awaited after every byte is read and checked, before anything becomes visible: a rejection stores
   * nothing. The controller uses it to refuse the rest of a multipart form (a second file, a limit).
   */
  beforeRecord?: () => Promise<void>;
}

/**
 * The side an account uploads and cites documents for (SPEC §7): an agency its body, authority staff their
 * authority. Accounts without a side (auditors, administrators, the working body) neither upload nor cite.
 */
export function sideOf(account: Pick<AuthenticatedAccount, 'role' | 'bodyCode' | 'authorityCode'>): string | null {
  if (account.role === 'agencyRepresentative') return account.bodyCode;
  if (
    ['authorityOfficer', 'commissionSecretary', 'commissionChair', 'presidentialAdministration'].includes(account.role)
  )
    return account.authorityCode;
  return null;
}

/**
 * Supporting documents of objections (p.98). Bytes are content-addressed on disk (DocumentStorage);
 * the type is detected from the content; rows record who uploaded what.
 * Case-scoped download (`GET /cases/{id}/documents/{sha256}`) lives in the cases module and uses `open`.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
    private readonly storage: DocumentStorage,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores an upload: refuses it above MAX_DOCUMENT_BYTES (`payload-too-large`) or when its content is
   * not an accepted type (`unsupported-media-type`), hashing and checking while it streams to disk.
   * Identical content already stored returns the existing document. Returns the uploader's view.
   */
  async store(input: StoreDocumentInput): Promise<DocumentView> {
    if (sideOf(input.account) === null) {
      throw new DomainError('forbidden', text('refusals.documents.sidesOnly'));
    }
    const originalName = cleanFileName(input.originalName);
    const write = await this.storage.begin();
    try {
      const hash = createHash('sha256');
      const sniffer = new ContentTypeSniffer();
      let size = 0;
      for await (const raw of chunksOf(input)) {
        const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
        size += chunk.length;
        if (size > MAX_DOCUMENT_BYTES) throw tooLarge();
        hash.update(chunk);
        const refusal = sniffer.push(chunk);
        if (refusal) throw unsupported(refusal);
        await write.write(chunk);
      }
      const verdict = sniffer.finish();
      if (!verdict.ok) {
        if (size === 0) throw DomainError.field('file', 'refusals.documents.empty');
        throw unsupported(verdict.reason);
      }
      await input.beforeRecord?.();
      const sha256 = hash.digest('hex');
      await write.commit(sha256);
      const view = await this.record(sha256, size, verdict.mediaType, originalName, input.account);
      this.logger.log({
        msg: 'document stored',
        sha256,
        size,
        mediaType: verdict.mediaType,
        account: input.account.id,
      });
      return view;
    } finally {
      await write.abort();
    }
  }

  /** The document with this SHA-256, whoever uploaded it; `not-found` when there is none. */
  async get(sha256: string): Promise<DocumentEntity> {
    const key = normalizeSha256(sha256);
    const record = key ? await this.reader.manager.findOneBy(DocumentEntity, { sha256: key }) : null;
    if (!record) throw notFound();
    return record;
  }

  /** The record and its bytes, with no access check: callers (the cases module) check access first. */
  async open(sha256: string): Promise<{ record: DocumentEntity; stream: Readable }> {
    const record = await this.get(sha256);
    return { record, stream: await this.storage.open(record.sha256) };
  }

  /**
   * The documents a side cites (an objection's or an escalation's, p.98/p.108), in order: each must be one this
   * side uploaded — `validation-failed` naming each `documents[i]` that is not. The answer does not say whether
   * the content exists elsewhere (no existence oracle). Names are the side's own.
   */
  async requireOwn(
    sha256s: string[],
    side: string | null,
    manager: EntityManager = this.reader.manager,
  ): Promise<DocumentView[]> {
    const keys = sha256s.map(normalizeSha256);
    const wanted = [...new Set(keys.filter((k): k is string => k !== null))];
    const rows =
      side !== null && wanted.length > 0
        ? await manager
            .createQueryBuilder(DocumentBodyEntity, 'b')
            .innerJoin(DocumentEntity, 'd', 'd.sha256 = b.sha256')
            .select([
              'b.sha256 AS sha256',
              'b.original_name AS original_name',
              'b.created_at AS created_at',
              'd.size AS size',
              'd.media_type AS media_type',
            ])
            .where('b.body_code = :side AND b.sha256 IN (:...wanted)', { side, wanted })
            .getRawMany<{
              sha256: string;
              original_name: string;
              created_at: string;
              size: number;
              media_type: string;
            }>()
        : [];
    const bySha = new Map(
      rows.map((r) => [
        r.sha256,
        {
          sha256: r.sha256,
          originalName: r.original_name,
          createdAt: r.created_at,
          size: Number(r.size),
          mediaType: r.media_type,
        },
      ]),
    );
    const missing = keys
      .map((k, i) => (k && bySha.has(k) ? null : invalidParam(`documents[${i}]`, 'reasons.notOwnDocument')))
      .filter((p): p is InvalidParam => p !== null);
    if (missing.length > 0) throw DomainError.validation(missing);
    return keys.map((k) => bySha.get(k!)!);
  }

  /**
   * A document as its uploading side sees it (SPEC §7): only the side that uploaded it reads it here, under the
   * name it gave; anyone else reads documents only through a case on which they were cited. Anything else
   * answers `not-found`, never `forbidden`.
   */
  async viewFor(sha256: string, reader: DocumentReader): Promise<DocumentView> {
    const record = await this.get(sha256);
    const side = sideOf(reader);
    if (side !== null) {
      const own = await this.reader.manager.findOneBy(DocumentBodyEntity, { sha256: record.sha256, bodyCode: side });
      if (own) return { ...viewOf(record), originalName: own.originalName, createdAt: own.createdAt };
    }
    throw notFound();
  }

  /** `viewFor` plus the bytes. */
  async openFor(sha256: string, reader: DocumentReader): Promise<{ view: DocumentView; stream: Readable }> {
    const view = await this.viewFor(sha256, reader);
    return { view, stream: await this.storage.open(view.sha256) };
  }

  private async record(
    sha256: string,
    size: number,
    mediaType: string,
    originalName: string,
    account: DocumentUploader,
  ): Promise<DocumentView> {
    const now = this.clock.now().toISOString();
    const bodyCode = sideOf(account)!; // checked before the upload was read (store)
    return this.unitOfWork.run(async (manager) => {
      // INSERT OR IGNORE (SQLite) / ON CONFLICT DO NOTHING (PostgreSQL): concurrent identical uploads make one row.
      await manager
        .createQueryBuilder()
        .insert()
        .into(DocumentEntity)
        .values({ sha256, size, mediaType, originalName, uploadedBy: account.id, bodyCode, createdAt: now })
        .orIgnore()
        .execute();
      if (bodyCode) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(DocumentBodyEntity)
          .values({ sha256, bodyCode, originalName, uploadedBy: account.id, createdAt: now })
          .orIgnore()
          .execute();
      }
      const record = await manager.findOneByOrFail(DocumentEntity, { sha256 });
      if (!bodyCode) return viewOf(record);
      const own = await manager.findOneByOrFail(DocumentBodyEntity, { sha256, bodyCode });
      return { ...viewOf(record), originalName: own.originalName, createdAt: own.createdAt };
    });
  }
}

function viewOf(record: DocumentEntity): DocumentView {
  return {
    sha256: record.sha256,
    size: record.size,
    mediaType: record.mediaType,
    originalName: record.originalName,
    createdAt: record.createdAt,
  };
}

/** Lower-case hex SHA-256, or null when the text is not one. */
export function normalizeSha256(text: string): string | null {
  const key = typeof text === 'string' ? text.toLowerCase() : '';
  return SHA256_PATTERN.test(key) ? key : null;
}

/** The last path segment, without control characters, at most 300 characters; `document` when nothing is left. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control and bidi characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  const chars = Array.from(clean);
  return (chars.length > MAX_NAME_LENGTH ? chars.slice(0, MAX_NAME_LENGTH).join('') : clean) || 'document';
}

function chunksOf(input: StoreDocumentInput): AsyncIterable<Buffer | string> | Buffer[] {
  if (input.bytes) return [input.bytes];
  if (input.stream instanceof Readable) return input.stream.iterator({ destroyOnReturn: false });
  if (input.stream) return input.stream;
  throw new Error('DocumentsService.store needs bytes or a stream');
}

function tooLarge(): DomainError {
  return new DomainError('payload-too-large', text('refusals.documents.tooLarge', { max: MAX_DOCUMENT_BYTES }), {
    invalidParams: [invalidParam('file', 'refusals.documents.largerThan', { max: MAX_DOCUMENT_BYTES })],
  });
}

/** The sniffer's reasons (src/documents/content-type-sniffer.ts) in the catalogue. */
const SNIFFER_REASONS: Record<string, MessageKey> = {
  'the file is empty': 'refusals.documents.empty',
  'documents with macros are not accepted': 'refusals.documents.macros',
  'the ZIP container is damaged or its directory cannot be read': 'refusals.documents.zipDamaged',
  [UNKNOWN_CONTENT]: 'refusals.documents.unknownContent',
};

function unsupported(reason: string): DomainError {
  const key = SNIFFER_REASONS[reason] ?? 'refusals.documents.unknownContent';
  return new DomainError('unsupported-media-type', text('refusals.documents.notAccepted', { reason: { text: key } }), {
    invalidParams: [invalidParam('file', key)],
  });
}

function notFound(): DomainError {
  return new DomainError('not-found', text('refusals.documents.noDocument'));
}
