import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ConclusionItem } from '../workflow-runtime/command';
import { CaseEntity, ConclusionEntity } from './case.entity';

export interface Conclusion {
  version: number;
  items: ConclusionItem[];
  evaluators: string[];
}

/**
 * The versions of a case's conclusion (appendix 12 or 15). A version never changes once written, so
 * versions are cached by (case, version); corrections (p.107) and the Presidential Administration's revision
 * (p.108) add versions.
 */
@Injectable()
export class ConclusionStore {
  private readonly cache = new Map<string, Conclusion>();

  /** The newest version; `knownVersion` (the case's context says which is newest) lets the cache answer. */
  async latest(m: EntityManager, caseId: string, knownVersion?: number): Promise<Conclusion> {
    const cached = knownVersion !== undefined ? this.cache.get(`${caseId}:${knownVersion}`) : undefined;
    if (cached) return cached;
    const row = await m.findOneOrFail(ConclusionEntity, { where: { caseId }, order: { version: 'DESC' } });
    return this.remember(caseId, {
      version: row.version,
      items: JSON.parse(row.items) as ConclusionItem[],
      evaluators: JSON.parse(row.evaluators) as string[],
    });
  }

  async versions(m: EntityManager, caseId: string) {
    const rows = await m.find(ConclusionEntity, { where: { caseId }, order: { version: 'ASC' } });
    return rows.map((r) => ({
      version: r.version,
      issuedAt: r.issuedAt,
      issuedBy: r.issuedBy,
      reason: r.reason,
      items: JSON.parse(r.items) as ConclusionItem[],
      evaluators: JSON.parse(r.evaluators) as string[],
    }));
  }

  async insert(
    m: EntityManager,
    row: {
      caseId: string;
      version: number;
      items: ConclusionItem[];
      evaluators: string[];
      reason: string | null;
      issuedBy: string;
      issuedAt: string;
    },
  ): Promise<void> {
    await m.insert(ConclusionEntity, {
      caseId: row.caseId,
      version: row.version,
      items: JSON.stringify(row.items),
      evaluators: JSON.stringify(row.evaluators),
      reason: row.reason,
      issuedBy: row.issuedBy,
      issuedAt: row.issuedAt,
    });
    this.remember(row.caseId, { version: row.version, items: row.items, evaluators: row.evaluators });
  }

  /** p.100: the bodies this person evaluated in a direction and cycle, from every version of their conclusions. */
  async bodiesEvaluatedBy(m: EntityManager, iin: string, direction: string, cycle: string): Promise<string[]> {
    const rows: { body_code: string; evaluators: string }[] = await m
      .createQueryBuilder(ConclusionEntity, 'k')
      .innerJoin(CaseEntity, 'c', 'c.id = k.case_id')
      .select(['c.body_code AS body_code', 'k.evaluators AS evaluators'])
      .where('c.direction = :direction AND c.cycle_code = :cycle', { direction, cycle })
      .getRawMany();
    return [
      ...new Set(rows.filter((r) => (JSON.parse(r.evaluators) as string[]).includes(iin)).map((r) => r.body_code)),
    ].sort();
  }

  /** p.100: the bodies that objected in a scope, each with the evaluators of its newest conclusion. */
  async objectingBodies(m: EntityManager, scope: { authorityCode: string; direction: string; cycleCode: string }) {
    const cases = await m.findBy(CaseEntity, {
      authorityCode: scope.authorityCode,
      direction: scope.direction,
      cycleCode: scope.cycleCode,
    });
    const out: { bodyCode: string; evaluators: string[] }[] = [];
    for (const c of cases) {
      const { context } = JSON.parse(c.snapshot) as { context: { objectionAt?: string; conclusionVersion?: number } };
      if (!context.objectionAt) continue;
      out.push({
        bodyCode: c.bodyCode,
        evaluators: (await this.latest(m, c.id, context.conclusionVersion)).evaluators,
      });
    }
    return out;
  }

  private remember(caseId: string, conclusion: Conclusion): Conclusion {
    if (this.cache.size > 5_000) this.cache.clear();
    this.cache.set(`${caseId}:${conclusion.version}`, conclusion);
    return conclusion;
  }
}
