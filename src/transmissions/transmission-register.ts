import { Injectable } from '@nestjs/common';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { sqlScope } from '../auth/policy';
import { ConclusionEntity } from '../cases/case.entity';
import { Clock } from '../common/clock';
import { ReadDb } from '../database/read-db';
import { ReferenceService } from '../reference/reference.service';
import type { ConclusionItem } from '../workflow-runtime/command';
import { TransmissionEntity } from './transmission.entity';

export interface RegisterEntry {
  caseId: string;
  /** p.92, p.94, p.96 — p.97 for the informatization authority's own IT conclusions. */
  law: string;
  recipient: string;
  body: { code: string; nameKk: string; nameRu: string; nameEn: string | null };
  authority: string;
  conclusionVersion: number;
  outcome: string;
  transmittedAt: string;
  /** The final conclusion: every indicator with its score. */
  items: ConclusionItem[];
}

export interface Register {
  cycle: string;
  direction: 'personnel' | 'it';
  generatedAt: string;
  total: number;
  items: RegisterEntry[];
}

/**
 * p.92, p.94, p.96: the final conclusions transmitted to the informatization authority, per cycle and direction —
 * what that authority reads (the policy's `recipient` scope, in SQL), without the rest of those cases.
 */
@Injectable()
export class TransmissionRegister {
  constructor(
    private readonly reader: ReadDb,
    private readonly clock: Clock,
    private readonly reference: ReferenceService,
  ) {}

  async register(cycle: string, direction: 'personnel' | 'it', account: AuthenticatedAccount): Promise<Register> {
    const qb = this.reader.manager
      .createQueryBuilder(TransmissionEntity, 't')
      .where('t.cycle_code = :cycle AND t.direction = :direction', { cycle, direction })
      .orderBy('t.body_code', 'ASC');
    const scope = sqlScope(account, 'transmission.read', {
      authorityCode: 't.authority_code',
      recipientCode: 't.recipient_code',
    });
    if (scope) qb.andWhere(scope.where, scope.params);
    const rows = await qb.getMany();
    const items: RegisterEntry[] = [];
    for (const row of rows) {
      const conclusion = await this.reader.manager.findOneByOrFail(ConclusionEntity, {
        caseId: row.caseId,
        version: row.conclusionVersion,
      });
      const body = await this.reference.body(row.bodyCode);
      items.push({
        caseId: row.caseId,
        law: row.law,
        recipient: row.recipientCode,
        body: { code: body.code, nameKk: body.nameKk, nameRu: body.nameRu, nameEn: body.nameEn },
        authority: row.authorityCode,
        conclusionVersion: row.conclusionVersion,
        outcome: row.outcome,
        transmittedAt: row.transmittedAt,
        items: JSON.parse(conclusion.items) as ConclusionItem[],
      });
    }
    return { cycle, direction, generatedAt: this.clock.now().toISOString(), total: items.length, items };
  }
}
