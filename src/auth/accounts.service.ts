import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { IdGenerator } from '../common/id-generator';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import { AccountEntity } from './account.entity';
import { AuthenticatedAccount } from './authenticated-account';
import { Role } from './roles';
import { hashToken, newToken } from './token';

@Injectable()
export class AccountsService implements OnModuleInit {
  private readonly logger = new Logger(AccountsService.name);
  /** token hash → account, for a minute: every request authenticates, and accounts do not change. */
  private readonly cache = new Map<string, { account: AuthenticatedAccount; untilMs: number }>();

  constructor(
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /**
   * First start against an empty database: APPEALS_ADMIN_TOKEN becomes the administrator's token;
   * without it a token is generated and written to a file only its owner can read (SPEC §8).
   */
  async onModuleInit(): Promise<void> {
    const token = this.config.adminToken ?? newToken();
    const created = await this.unitOfWork.run(async (m) => {
      if ((await m.count(AccountEntity, { where: { role: 'administrator' } })) > 0) return false;
      await this.create(m, { role: 'administrator', displayName: 'Administrator' }, token);
      return true;
    });
    if (!created) return;
    if (this.config.adminToken) {
      this.logger.log({ msg: 'administrator account created with APPEALS_ADMIN_TOKEN' });
    } else {
      mkdirSync(this.config.dataDir, { recursive: true });
      const path = resolve(join(this.config.dataDir, 'admin-token'));
      writeFileSync(path, token + '\n', { mode: 0o600 });
      chmodSync(path, 0o600);
      this.logger.warn({ msg: 'administrator token generated', path });
    }
  }

  async create(
    m: EntityManager,
    fields: { role: Role; displayName: string; personIin?: string | null; bodyCode?: string | null; authorityCode?: string | null },
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
    });
    await m.insert(AccountEntity, account);
    return { account, token };
  }

  async byToken(token: string): Promise<AuthenticatedAccount | null> {
    const tokenHash = hashToken(token);
    const nowMs = this.clock.now().getTime();
    const cached = this.cache.get(tokenHash);
    if (cached && cached.untilMs > nowMs) return cached.account;
    const row = await this.reader.manager.findOneBy(AccountEntity, { tokenHash });
    if (!row) return null;
    const account: AuthenticatedAccount = {
      id: row.id,
      role: row.role as Role,
      displayName: row.displayName,
      personIin: row.personIin,
      bodyCode: row.bodyCode,
      authorityCode: row.authorityCode,
    };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(tokenHash, { account, untilMs: nowMs + 60_000 });
    return account;
  }
}
