import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, ConfigurationError } from '../config/app-config';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { IdGenerator } from '../common/id-generator';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import type { AccountEventRecord } from '../events/event-catalogue';
import { Actor, EventStore } from '../events/event-store';
import { AccountEntity } from './account.entity';
import { AuthenticatedAccount } from './authenticated-account';
import { Role } from './roles';
import { hashToken, newToken } from './token';
import { text } from '../i18n/text';

/** How often the last-used times noted in memory are written (a GET never writes them itself). */
export const LAST_USED_FLUSH_MS = 60_000;

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system' };

/**
 * Accounts and their bearer tokens (SPEC §7). Only the SHA-256 of a token is stored. Every request reads the
 * account (no cache), so disabling it or rotating its token takes effect at once on every instance. Every
 * change is an audited event in the account's own hash chain (`events`, stream type `account`).
 */
@Injectable()
export class AccountsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AccountsService.name);
  /** account id → last authentication (ms), written by `flushLastUsed`. */
  private readonly lastUsed = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly events: EventStore,
  ) {}

  /**
   * First start against an empty database: APPEALS_ADMIN_TOKEN becomes the administrator's token; without it a
   * token is generated and written to a file only its owner can read (SPEC §8). Later starts: a set
   * APPEALS_ADMIN_TOKEN must still be an administrator's token — a changed one is applied only when
   * APPEALS_ADMIN_TOKEN_ROTATE=1 says so (an audited rotation), and refused loudly otherwise.
   */
  async onModuleInit(): Promise<void> {
    const token = this.config.adminToken ?? newToken();
    const outcome = await this.unitOfWork.run(async (m) => {
      const admins = await m.find(AccountEntity, { where: { role: 'administrator' }, order: { createdAt: 'ASC' } });
      if (admins.length === 0) {
        await this.create(m, { role: 'administrator', displayName: 'Administrator' }, SYSTEM_ACTOR, token);
        return 'created';
      }
      if (!this.config.adminToken || admins.some((a) => a.tokenHash === hashToken(this.config.adminToken!)))
        return 'kept';
      if (!this.config.adminTokenRotate) return 'mismatch';
      await this.replaceToken(
        m,
        admins[0],
        this.config.adminToken,
        null,
        'APPEALS_ADMIN_TOKEN changed with APPEALS_ADMIN_TOKEN_ROTATE=1',
        SYSTEM_ACTOR,
      );
      return 'rotated';
    });
    if (outcome === 'mismatch') {
      throw new ConfigurationError(
        'APPEALS_ADMIN_TOKEN is not the token of any administrator in the database. Rotate a token with POST /api/v1/accounts/{id}/token, ' +
          'or unset APPEALS_ADMIN_TOKEN, or set APPEALS_ADMIN_TOKEN_ROTATE=1 to make it the first administrator’s token (recorded as an audited rotation).',
      );
    }
    if (outcome === 'rotated')
      this.logger.warn({ msg: 'administrator token replaced by APPEALS_ADMIN_TOKEN (APPEALS_ADMIN_TOKEN_ROTATE=1)' });
    if (outcome === 'created' && this.config.adminToken)
      this.logger.log({ msg: 'administrator account created with APPEALS_ADMIN_TOKEN' });
    if (outcome === 'created' && !this.config.adminToken) {
      mkdirSync(this.config.dataDir, { recursive: true });
      const path = resolve(join(this.config.dataDir, 'admin-token'));
      writeFileSync(path, token + '\n', { mode: 0o600 });
      chmodSync(path, 0o600);
      this.logger.warn({ msg: 'administrator token generated', path });
    }
    if (this.config.workers !== false) {
      this.timer = setInterval(() => void this.flushLastUsed(), LAST_USED_FLUSH_MS);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flushLastUsed().catch(() => undefined);
  }

  async create(
    m: EntityManager,
    fields: {
      role: Role;
      displayName: string;
      personIin?: string | null;
      bodyCode?: string | null;
      authorityCode?: string | null;
    },
    actor: Actor,
    token: string = newToken(),
  ): Promise<{ account: AccountEntity; token: string }> {
    const account = Object.assign(new AccountEntity(), {
      id: this.ids.uuid(),
      role: fields.role,
      tokenHash: hashToken(token),
      displayName: fields.displayName,
      personIin: fields.personIin ?? null,
      bodyCode: fields.bodyCode ?? null,
      authorityCode: fields.authorityCode ?? null,
      createdAt: this.clock.now().toISOString(),
      disabledAt: null,
      tokenExpiresAt: null,
      tokenRotatedAt: null,
      lastUsedAt: null,
      version: 0,
      lastHash: '0'.repeat(64),
    });
    await m.insert(AccountEntity, account);
    await this.record(m, account, actor, {
      type: 'ACCOUNT.CREATED',
      payload: {
        role: account.role,
        displayName: account.displayName,
        bodyCode: account.bodyCode,
        authorityCode: account.authorityCode,
        personIin: account.personIin,
      },
    });
    return { account, token };
  }

  /** Disables an account: its token and web sessions stop working at once. */
  async disable(m: EntityManager, id: string, reason: string, actor: AuthenticatedAccount): Promise<AccountEntity> {
    const account = await this.load(m, id);
    if (account.id === actor.id) throw DomainError.field('id', 'refusals.accounts.notOwnAccount');
    if (account.disabledAt) throw new DomainError('invalid-transition', text('refusals.accounts.alreadyDisabled'));
    account.disabledAt = this.clock.now().toISOString();
    await m.update(AccountEntity, { id }, { disabledAt: account.disabledAt });
    await m.query(
      m.connection.options.type === 'postgres'
        ? 'DELETE FROM web_sessions WHERE account_id = $1'
        : 'DELETE FROM web_sessions WHERE account_id = ?',
      [id],
    );
    await this.record(m, account, actor, { type: 'ACCOUNT.DISABLED', payload: { reason } });
    return account;
  }

  async enable(m: EntityManager, id: string, reason: string, actor: AuthenticatedAccount): Promise<AccountEntity> {
    const account = await this.load(m, id);
    if (!account.disabledAt) throw new DomainError('invalid-transition', text('refusals.accounts.notDisabled'));
    account.disabledAt = null;
    await m.update(AccountEntity, { id }, { disabledAt: null });
    await this.record(m, account, actor, { type: 'ACCOUNT.ENABLED', payload: { reason } });
    return account;
  }

  /** A new token (returned once); the old one stops working at once. */
  async rotateToken(
    m: EntityManager,
    id: string,
    expiresAt: string | null,
    reason: string,
    actor: Actor,
  ): Promise<{ account: AccountEntity; token: string }> {
    const account = await this.load(m, id);
    if (expiresAt !== null && Date.parse(expiresAt) <= this.clock.now().getTime()) {
      throw DomainError.field('expiresAt', 'refusals.accounts.inFuture');
    }
    const token = newToken();
    await this.replaceToken(m, account, token, expiresAt, reason, actor);
    return { account, token };
  }

  /** The password of the web pages was set (by the administrator or by the person): audited, never the secret. */
  async passwordSet(
    m: EntityManager,
    id: string,
    userName: string,
    by: 'administrator' | 'self',
    mustChange: boolean,
    actor: Actor,
  ): Promise<void> {
    await this.record(m, await this.load(m, id), actor, {
      type: 'ACCOUNT.PASSWORD_SET',
      payload: { userName, by, mustChange },
    });
  }

  /** The account of a bearer token, or null (unknown, disabled, expired). */
  async byToken(token: string): Promise<AuthenticatedAccount | null> {
    const row = await this.reader.manager.findOneBy(AccountEntity, { tokenHash: hashToken(token) });
    const nowMs = this.clock.now().getTime();
    if (!row || row.disabledAt || (row.tokenExpiresAt && Date.parse(row.tokenExpiresAt) <= nowMs)) return null;
    this.lastUsed.set(row.id, nowMs);
    return {
      id: row.id,
      role: row.role as Role,
      displayName: row.displayName,
      personIin: row.personIin,
      bodyCode: row.bodyCode,
      authorityCode: row.authorityCode,
    };
  }

  /** A web session's account was used: its last-used time is noted like a token's. */
  noteUsed(accountId: string): void {
    this.lastUsed.set(accountId, this.clock.now().getTime());
  }

  /** Writes the last-used times noted since the last flush (one statement per account, one transaction). */
  async flushLastUsed(): Promise<number> {
    if (this.lastUsed.size === 0) return 0;
    const noted = [...this.lastUsed.entries()];
    this.lastUsed.clear();
    await this.unitOfWork.run(async (m) => {
      for (const [id, ms] of noted) await m.update(AccountEntity, { id }, { lastUsedAt: new Date(ms).toISOString() });
    });
    return noted.length;
  }

  private async replaceToken(
    m: EntityManager,
    account: AccountEntity,
    token: string,
    expiresAt: string | null,
    reason: string,
    actor: Actor,
  ): Promise<void> {
    const at = this.clock.now().toISOString();
    await m.update(
      AccountEntity,
      { id: account.id },
      { tokenHash: hashToken(token), tokenExpiresAt: expiresAt, tokenRotatedAt: at },
    );
    Object.assign(account, { tokenHash: hashToken(token), tokenExpiresAt: expiresAt, tokenRotatedAt: at });
    await this.record(m, account, actor, { type: 'ACCOUNT.TOKEN_ROTATED', payload: { expiresAt, reason } });
  }

  private async load(m: EntityManager, id: string): Promise<AccountEntity> {
    const account = /^[0-9a-f-]{36}$/i.test(id) ? await m.findOneBy(AccountEntity, { id }) : null;
    if (!account) throw new DomainError('not-found', text('refusals.accounts.noAccount', { id }));
    return account;
  }

  /** Appends an audited change to the account's chain and moves its projection (compare-and-set on version). */
  private async record(
    m: EntityManager,
    account: AccountEntity,
    actor: Actor,
    event: AccountEventRecord,
  ): Promise<void> {
    const at = this.clock.now().toISOString();
    const [stored] = this.events.chain(
      { id: account.id, lastSeq: account.version, lastHash: account.lastHash },
      [{ streamType: 'account', ...event, businessTime: at }],
      actor,
      at,
    );
    await this.events.insert(m, [stored]);
    const result = await m.update(
      AccountEntity,
      { id: account.id, version: account.version },
      { version: stored.seq, lastHash: stored.hash },
    );
    if (result.affected !== 1) throw new DomainError('version-conflict', text('refusals.accounts.changed'));
    account.version = stored.seq;
    account.lastHash = stored.hash;
  }
}
