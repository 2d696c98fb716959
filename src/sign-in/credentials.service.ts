import { Injectable } from '@nestjs/common';
import { In, MoreThanOrEqual } from 'typeorm';
import { AccountEntity } from '../auth/account.entity';
import { AccountsService } from '../auth/accounts.service';
import { Clock } from '../common/clock';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainError, InvalidParam, invalidParam } from '../common/domain-error';
import { ADDRESS_LOCKOUT, USER_LOCKOUT, addressLockedUntil, userLockedUntil } from './lockout';
import { hashPassword, needsRehash, verifyAgainstNothing, verifyPassword } from './password-hash';
import { PASSWORD_MIN_LENGTH, PasswordRule, passwordProblems } from './password-policy';
import { SessionsService } from './sessions.service';
import { AccountCredentialEntity, SignInAttemptEntity, SignInOutcome } from './sign-in.entities';
import { text } from '../i18n/text';

/** User names: 3–64 of a–z, 0–9, `.`, `_`, `-`, starting with a letter or digit; case does not matter. */
export const USER_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const normalizeUserName = (typed: string) => typed.normalize('NFC').trim().toLowerCase().slice(0, 64);

export interface Client {
  address: string;
  userAgent?: string;
}

export type SignInResult =
  | { ok: true; token: string; mustChangePassword: boolean }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'locked'; until: Date };

export type PasswordChangeResult =
  | { ok: true }
  | { ok: false; field: 'currentPassword'; rule: 'currentWrong' }
  | { ok: false; field: 'currentPassword'; rule: 'locked'; until: Date }
  | { ok: false; field: 'newPassword'; rule: PasswordRule | 'sameAsCurrent' };

const POLICY_REASON: Record<PasswordRule, InvalidParam> = {
  tooShort: invalidParam('password', 'refusals.accounts.passwordTooShort', { min: PASSWORD_MIN_LENGTH }),
  tooLong: invalidParam('password', 'refusals.accounts.passwordTooLong'),
  sameAsUserName: invalidParam('password', 'refusals.accounts.passwordIsUserName'),
  common: invalidParam('password', 'refusals.accounts.passwordCommon'),
};

/**
 * User names and passwords for the web pages: the administrator sets a one-time password (the person must
 * change it at the next sign-in), people sign in and change their own. Every sign-in attempt is recorded;
 * lockouts are computed from that record (lockout.ts).
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
  ) {}

  /**
   * An administrator gives an account a user name (the first time, or to rename it) and a one-time
   * password: the person must choose their own at the next sign-in; the account's sessions end at once.
   */
  async setByAdministrator(accountId: string, input: { userName?: string; password: string }, administratorId: string) {
    const account = await this.reader.manager.findOneBy(AccountEntity, { id: accountId });
    if (!account) throw new DomainError('not-found', text('refusals.accounts.noAccount', { id: accountId }));
    const existing = await this.reader.manager.findOneBy(AccountCredentialEntity, { accountId });
    const userName = input.userName !== undefined ? normalizeUserName(input.userName) : existing?.userName;
    if (!userName) throw DomainError.field('userName', 'refusals.accounts.noUserName');
    if (!USER_NAME_PATTERN.test(userName)) {
      throw DomainError.field('userName', 'refusals.accounts.userNameForm');
    }
    const holder = await this.reader.manager.findOneBy(AccountCredentialEntity, { userName });
    if (holder && holder.accountId !== accountId)
      throw DomainError.field('userName', 'refusals.accounts.userNameTaken');
    const problems = passwordProblems(input.password, userName);
    if (problems.length > 0) throw DomainError.validation(problems.map((rule) => POLICY_REASON[rule]));
    const row: AccountCredentialEntity = Object.assign(new AccountCredentialEntity(), {
      accountId,
      userName,
      passwordHash: await hashPassword(input.password), // hashed before the transaction: scrypt takes ~0.4 s
      mustChange: true,
      passwordSetAt: this.clock.now().toISOString(),
      passwordSetBy: administratorId,
    });
    await this.unitOfWork.run(async (m) => {
      if (await m.findOneBy(AccountCredentialEntity, { accountId }))
        await m.update(AccountCredentialEntity, { accountId }, row);
      else await m.insert(AccountCredentialEntity, row);
      await this.sessions.closeAllOf(accountId);
      await this.accounts.passwordSet(m, accountId, userName, 'administrator', true, {
        id: administratorId,
        role: 'administrator',
      });
    });
    return { accountId, userName, mustChangePassword: true, passwordSetAt: row.passwordSetAt };
  }

  async signIn(typedUserName: string, password: string, client: Client): Promise<SignInResult> {
    const userName = normalizeUserName(typedUserName);
    const now = this.clock.now();
    const addressLock = await this.addressLock(client.address, now);
    if (addressLock) {
      await this.record(userName, null, client, 'locked');
      return { ok: false, reason: 'locked', until: addressLock };
    }
    const credential = await this.reader.manager.findOneBy(AccountCredentialEntity, { userName });
    const userLock = await this.userLock(userName, now, credential);
    if (userLock) {
      await this.record(userName, credential?.accountId ?? null, client, 'locked');
      return { ok: false, reason: 'locked', until: userLock };
    }
    const matches = credential
      ? await verifyPassword(password, credential.passwordHash)
      : await verifyAgainstNothing(password);
    if (!credential || !matches) {
      await this.record(
        userName,
        credential?.accountId ?? null,
        client,
        credential ? 'wrong-password' : 'unknown-user',
      );
      // The failure that starts a lock says so at once (the 5th wrong password tells the person to wait).
      const lock = (await this.userLock(userName, now, credential)) ?? (await this.addressLock(client.address, now));
      return lock ? { ok: false, reason: 'locked', until: lock } : { ok: false, reason: 'wrong' };
    }
    if (needsRehash(credential.passwordHash)) {
      const passwordHash = await hashPassword(password);
      await this.unitOfWork.run((m) =>
        m.update(AccountCredentialEntity, { accountId: credential.accountId }, { passwordHash }),
      );
    }
    const { token } = await this.sessions.open(credential.accountId);
    await this.record(userName, credential.accountId, client, 'succeeded');
    return { ok: true, token, mustChangePassword: credential.mustChange };
  }

  /**
   * A signed-in person changes their own password (also the forced change after a reset). A wrong current
   * password counts as a failed sign-in (and locks the same way); the person's other sessions end.
   */
  async changeOwn(
    accountId: string,
    keepSession: string,
    current: string,
    next: string,
    client: Client,
  ): Promise<PasswordChangeResult> {
    const credential = await this.reader.manager.findOneBy(AccountCredentialEntity, { accountId });
    if (!credential) throw new DomainError('not-found', text('refusals.accounts.noPassword'));
    const now = this.clock.now();
    const lock = await this.userLock(credential.userName, now, credential);
    if (lock) return { ok: false, field: 'currentPassword', rule: 'locked', until: lock };
    if (!(await verifyPassword(current, credential.passwordHash))) {
      await this.record(credential.userName, accountId, client, 'wrong-password');
      const after = await this.userLock(credential.userName, now, credential);
      return after
        ? { ok: false, field: 'currentPassword', rule: 'locked', until: after }
        : { ok: false, field: 'currentPassword', rule: 'currentWrong' };
    }
    const problems = passwordProblems(next, credential.userName);
    if (problems.length > 0) return { ok: false, field: 'newPassword', rule: problems[0] };
    if (next === current) return { ok: false, field: 'newPassword', rule: 'sameAsCurrent' };
    const passwordHash = await hashPassword(next);
    await this.unitOfWork.run(async (m) => {
      await m.update(
        AccountCredentialEntity,
        { accountId },
        { passwordHash, mustChange: false, passwordSetAt: now.toISOString(), passwordSetBy: accountId },
      );
      await this.sessions.closeAllOf(accountId, keepSession);
      await this.accounts.passwordSet(m, accountId, credential.userName, 'self', false, {
        id: accountId,
        role: 'self',
      });
    });
    return { ok: true };
  }

  async signOut(sessionIdHash: string): Promise<void> {
    await this.sessions.close(sessionIdHash);
  }

  async userNameOf(accountId: string): Promise<string | null> {
    return (await this.reader.manager.findOneBy(AccountCredentialEntity, { accountId }))?.userName ?? null;
  }

  /** The record of attempts, newest first, for auditors and administrators. */
  async attempts(filter: { userName?: string; limit: number; offset: number }) {
    const where = filter.userName ? { userName: normalizeUserName(filter.userName) } : {};
    const [items, total] = await this.reader.manager.findAndCount(SignInAttemptEntity, {
      where,
      order: { id: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total, limit: filter.limit, offset: filter.offset };
  }

  private async userLock(
    userName: string,
    now: Date,
    credential: AccountCredentialEntity | null,
  ): Promise<Date | null> {
    const attempts = await this.reader.manager.find(SignInAttemptEntity, {
      select: { at: true, outcome: true },
      where: { userName, at: MoreThanOrEqual(new Date(now.getTime() - USER_LOCKOUT.windowMs).toISOString()) },
      order: { id: 'DESC' },
      take: 100,
    });
    const until = userLockedUntil(attempts, now.getTime(), credential ? Date.parse(credential.passwordSetAt) : 0);
    return until === null ? null : new Date(until);
  }

  private async addressLock(address: string, now: Date): Promise<Date | null> {
    const attempts = await this.reader.manager.find(SignInAttemptEntity, {
      select: { at: true, outcome: true },
      where: {
        address,
        outcome: In(['wrong-password', 'unknown-user']),
        at: MoreThanOrEqual(new Date(now.getTime() - ADDRESS_LOCKOUT.windowMs).toISOString()),
      },
      order: { id: 'DESC' },
      take: 200,
    });
    const until = addressLockedUntil(attempts, now.getTime());
    return until === null ? null : new Date(until);
  }

  private async record(
    userName: string,
    accountId: string | null,
    client: Client,
    outcome: SignInOutcome,
  ): Promise<void> {
    await this.unitOfWork.run((m) =>
      m.insert(SignInAttemptEntity, {
        at: this.clock.now().toISOString(),
        userName: userName.slice(0, 64),
        accountId,
        address: client.address.slice(0, 64),
        userAgent: client.userAgent ? client.userAgent.slice(0, 300) : null,
        outcome,
      }),
    );
  }
}
