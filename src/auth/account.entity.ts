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
}
