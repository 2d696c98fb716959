import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, LessThan } from 'typeorm';
import { AccountEntity } from '../auth/account.entity';
import { AuthenticatedAccount } from '../auth/authenticated-account';
import { Role } from '../auth/roles';
import { Clock } from '../common/clock';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccountCredentialEntity, WebSessionEntity } from './sign-in.entities';

export const DEFAULT_SESSION_IDLE_MINUTES = 30;
export const DEFAULT_SESSION_MAX_HOURS = 12;
/** `last_seen_at` is written at most once a minute per session (a page view is not a database write each time). */
export const SESSION_TOUCH_MS = 60_000;

export interface ActiveSession {
  idHash: string;
  account: AuthenticatedAccount;
  userName: string;
  csrfSecret: string;
  mustChangePassword: boolean;
  createdAt: string;
}

export type SessionLookup = { session: ActiveSession } | { ended: 'idle' | 'absolute' | 'unknown' };

const hashId = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Server-side web sessions (issue 14): a random 256-bit id in the cookie, its SHA-256 in `web_sessions`.
 * Every request reads the row (no cache), so a sign-out, a password change or a reset ends the session
 * at once on every instance. A session ends after `sessionIdleMinutes` without a request (default 30) and
 * `sessionMaxHours` after sign-in (default 12), whichever comes first; an ended row is deleted when met.
 */
@Injectable()
export class SessionsService {
  readonly idleMs: number;
  readonly maxMs: number;

  constructor(
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.idleMs = (config.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES) * 60_000;
    this.maxMs = (config.sessionMaxHours ?? DEFAULT_SESSION_MAX_HOURS) * 3_600_000;
  }

  /** Opens a session for the account; the token goes into the cookie and is never stored. */
  async open(accountId: string): Promise<{ token: string; idHash: string }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const idHash = hashId(token);
    await this.unitOfWork.run(async (m) => {
      await this.purgeEnded(m, now);
      await m.insert(WebSessionEntity, {
        idHash,
        accountId,
        csrfSecret: randomBytes(32).toString('base64url'),
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + this.maxMs).toISOString(),
      });
    });
    return { token, idHash };
  }

  /** The live session of a cookie's token, or why there is none. Counts as activity (idle timeout). */
  async resolve(token: string): Promise<SessionLookup> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ended: 'unknown' };
    const idHash = hashId(token);
    const row = await this.reader.manager
      .createQueryBuilder(WebSessionEntity, 's')
      .innerJoin(AccountEntity, 'a', 'a.id = s.account_id')
      .innerJoin(AccountCredentialEntity, 'c', 'c.account_id = s.account_id')
      .select([
        's.id_hash AS "idHash"',
        's.csrf_secret AS "csrfSecret"',
        's.created_at AS "createdAt"',
        's.last_seen_at AS "lastSeenAt"',
        's.expires_at AS "expiresAt"',
        'a.id AS "accountId"',
        'a.role AS "role"',
        'a.display_name AS "displayName"',
        'a.person_iin AS "personIin"',
        'a.body_code AS "bodyCode"',
        'a.authority_code AS "authorityCode"',
        'c.user_name AS "userName"',
        'c.must_change AS "mustChange"',
      ])
      .where('s.id_hash = :idHash AND a.disabled_at IS NULL', { idHash })
      .getRawOne<Record<string, string | number | boolean | null>>();
    if (!row) return { ended: 'unknown' };
    const nowMs = this.clock.now().getTime();
    const ended =
      nowMs >= Date.parse(String(row.expiresAt))
        ? 'absolute'
        : nowMs - Date.parse(String(row.lastSeenAt)) >= this.idleMs
          ? 'idle'
          : null;
    if (ended) {
      await this.unitOfWork.run((m) => m.delete(WebSessionEntity, { idHash }));
      return { ended };
    }
    if (nowMs - Date.parse(String(row.lastSeenAt)) >= SESSION_TOUCH_MS) {
      // The one write a page view may make: the session's last activity (the idle timeout), at most once a minute.
      await this.unitOfWork.run((m) =>
        m.update(WebSessionEntity, { idHash }, { lastSeenAt: new Date(nowMs).toISOString() }),
      );
    }
    return {
      session: {
        idHash,
        csrfSecret: String(row.csrfSecret),
        createdAt: String(row.createdAt),
        userName: String(row.userName),
        mustChangePassword: row.mustChange === true || row.mustChange === 1 || row.mustChange === '1',
        account: {
          id: String(row.accountId),
          role: row.role as Role,
          displayName: String(row.displayName),
          personIin: (row.personIin as string | null) ?? null,
          bodyCode: (row.bodyCode as string | null) ?? null,
          authorityCode: (row.authorityCode as string | null) ?? null,
        },
      },
    };
  }

  async close(idHash: string): Promise<void> {
    await this.unitOfWork.run((m) => m.delete(WebSessionEntity, { idHash }));
  }

  /** Ends every session of an account (a password set or changed), except `keepIdHash` if given. */
  async closeAllOf(accountId: string, keepIdHash?: string): Promise<void> {
    await this.unitOfWork.run(async (m) => {
      const query = m
        .createQueryBuilder()
        .delete()
        .from(WebSessionEntity)
        .where('account_id = :accountId', { accountId });
      if (keepIdHash) query.andWhere('id_hash <> :keepIdHash', { keepIdHash });
      await query.execute();
    });
  }

  /** Deletes rows past their absolute end or idle for longer than the idle timeout (run at each sign-in). */
  private async purgeEnded(m: EntityManager, now: Date): Promise<void> {
    await m.delete(WebSessionEntity, { expiresAt: LessThan(now.toISOString()) });
    await m.delete(WebSessionEntity, { lastSeenAt: LessThan(new Date(now.getTime() - this.idleMs).toISOString()) });
  }
}
