import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An account with a bearer token; only the SHA-256 of the token is stored (SPEC §7). */
@Entity('accounts')
export class AccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  role: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 300 })
  displayName: string;

  @Column({ name: 'person_iin', type: 'varchar', length: 12, nullable: true })
  personIin: string | null;

  @Column({ name: 'body_code', type: 'varchar', length: 40, nullable: true })
  bodyCode: string | null;

  @Column({ name: 'authority_code', type: 'varchar', length: 40, nullable: true })
  authorityCode: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 40 })
  createdAt: string;

  /** A disabled account authenticates nowhere (API token, web sessions), at once on every instance. */
  @Column({ name: 'disabled_at', type: 'varchar', length: 40, nullable: true })
  disabledAt: string | null;

  /** The token stops working after this instant (optional). */
  @Column({ name: 'token_expires_at', type: 'varchar', length: 40, nullable: true })
  tokenExpiresAt: string | null;

  @Column({ name: 'token_rotated_at', type: 'varchar', length: 40, nullable: true })
  tokenRotatedAt: string | null;

  /** When the account last authenticated (recorded at most once a minute, by a background flush). */
  @Column({ name: 'last_used_at', type: 'varchar', length: 40, nullable: true })
  lastUsedAt: string | null;

  /** The account's own hash chain of audited changes (stream type `account`): its last seq and hash. */
  @Column({ type: 'integer', default: 0 })
  version: number;

  @Column({ name: 'last_hash', type: 'varchar', length: 64, default: () => `'${'0'.repeat(64)}'` })
  lastHash: string;
}
