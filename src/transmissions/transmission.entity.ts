import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * p.92, p.94, p.96: the final conclusion of a case, transmitted to the informatization authority when the case's
 * appeal procedure ended (p.97: the informatization authority's own IT conclusions, recorded in the same register).
 * Written by the `conclusion.transmit` effect in the transaction of the event that closed the case; never changed.
 */
@Entity('transmissions')
@Index('ix_transmissions_register', ['recipientCode', 'cycleCode', 'direction'])
export class TransmissionEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 }) caseId: string;
  /** The informatization authority (the recipient of p.92/p.94/p.96). */
  @Column({ name: 'recipient_code', type: 'varchar', length: 40 }) recipientCode: string;
  /** p.92, p.94, p.96 — or p.97 (its own conclusion, recorded). */
  @Column({ type: 'varchar', length: 10 }) law: string;
  @Column({ name: 'cycle_code', type: 'varchar', length: 20 }) cycleCode: string;
  @Column({ type: 'varchar', length: 20 }) direction: string;
  @Column({ name: 'body_code', type: 'varchar', length: 40 }) bodyCode: string;
  @Column({ name: 'authority_code', type: 'varchar', length: 40 }) authorityCode: string;
  /** The final (last) version of the conclusion. */
  @Column({ name: 'conclusion_version', type: 'integer' }) conclusionVersion: number;
  /** How the procedure ended (noObjection, noResponse, withdrawn, final, upheld, revised). */
  @Column({ type: 'varchar', length: 40 }) outcome: string;
  /** The business time of the event that closed the case. */
  @Column({ name: 'transmitted_at', type: 'varchar', length: 40 }) transmittedAt: string;
}
