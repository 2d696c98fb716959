import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { AccountEntity } from '../auth/account.entity';

/**
 * A person's user name and password for the web pages, beside (not in) the account: the account keeps
 * its bearer token for integrations; this row adds a way to sign in by hand.
 * `user_name` is stored lower-cased and is unique.
 */
@Entity('account_credentials')
@Index('uq_account_credentials_user_name', ['userName'], { unique: true })
export class AccountCredentialEntity {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: 36 }) accountId: string;
  /** The foreign key of the migration, declared so the entity matches it (never loaded). */
  @ManyToOne(() => AccountEntity) @JoinColumn({ name: 'account_id' }) account?: AccountEntity;
  @Column({ name: 'user_name', type: 'varchar', length: 64 }) userName: string;
  /** PHC string: `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (see password-hash.ts). */
  @Column({ name: 'password_hash', type: 'varchar', length: 200 }) passwordHash: string;
  /** Set when an administrator sets or resets the password: the next sign-in must choose a new one. */
  @Column({ name: 'must_change', type: 'boolean' }) mustChange: boolean;
  @Column({ name: 'password_set_at', type: 'varchar', length: 40 }) passwordSetAt: string;
  /** The administrator's account, or the account itself when a person changed their own password. */
  @Column({ name: 'password_set_by', type: 'varchar', length: 36 }) passwordSetBy: string;
}

/**
 * A signed-in browser. The cookie carries a random id; only its SHA-256 is stored, so a copy of the
 * database signs nobody in. Rows live in the database so every instance sees them and a deleted row
 * (sign-out, password change, reset) ends the session at once everywhere.
 */
@Entity('web_sessions')
@Index('ix_web_sessions_account', ['accountId'])
@Index('ix_web_sessions_expires', ['expiresAt'])
export class WebSessionEntity {
  @PrimaryColumn({ name: 'id_hash', type: 'varchar', length: 64 }) idHash: string;
  @Column({ name: 'account_id', type: 'varchar', length: 36 }) accountId: string;
  @ManyToOne(() => AccountEntity) @JoinColumn({ name: 'account_id' }) account?: AccountEntity;
  /** The per-session CSRF token every form of the session carries in a hidden field. */
  @Column({ name: 'csrf_secret', type: 'varchar', length: 64 }) csrfSecret: string;
  @Column({ name: 'created_at', type: 'varchar', length: 40 }) createdAt: string;
  @Column({ name: 'last_seen_at', type: 'varchar', length: 40 }) lastSeenAt: string;
  /** The absolute end (created + the absolute timeout); the idle end is last seen + the idle timeout. */
  @Column({ name: 'expires_at', type: 'varchar', length: 40 }) expiresAt: string;
}

export const SIGN_IN_OUTCOMES = ['succeeded', 'wrong-password', 'unknown-user', 'locked'] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

/** Every sign-in attempt, successful or not, for auditors and administrators; lockouts are computed from it. */
@Entity('sign_in_attempts')
@Index('ix_sign_in_attempts_user_name', ['userName', 'at'])
@Index('ix_sign_in_attempts_address', ['address', 'at'])
@Index('ix_sign_in_attempts_at', ['at'])
export class SignInAttemptEntity {
  /** In the order recorded (attempts within one millisecond keep their order). */
  @PrimaryGeneratedColumn('increment') id: number;
  @Column({ type: 'varchar', length: 40 }) at: string;
  /** As typed, lower-cased and cut to 64 characters (an unknown name is recorded too). */
  @Column({ name: 'user_name', type: 'varchar', length: 64 }) userName: string;
  @Column({ name: 'account_id', type: 'varchar', length: 36, nullable: true }) accountId: string | null;
  @Column({ type: 'varchar', length: 64 }) address: string;
  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true }) userAgent: string | null;
  @Column({ type: 'varchar', length: 20 }) outcome: SignInOutcome;
}
