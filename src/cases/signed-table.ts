import type { AppealCaseContext, SignedTable } from '../../workflows';
import { canonicalJson, sha256Hex } from '../events/canonical';
import type { CaseEntity } from './case.entity';

const ROLE_ORDER = { chair: 0, secretary: 1, member: 2 } as const;

/** The commission as composed: names and roles only (an IIN never enters the table), chair, secretary, members by name. */
export function composition(
  members: readonly { name?: string; role: 'chair' | 'secretary' | 'member' }[],
): SignedTable['members'] {
  return [...members]
    .map((m) => ({ role: m.role, ...(m.name ? { name: m.name } : {}) }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.name ?? '').localeCompare(b.name ?? ''));
}

/**
 * p.105, SPEC §5: what a signature of the disagreement table fixes — its header (case, cycle, direction, body,
 * authority, the commission as composed when first signed) and every row with its decision and vote, and the
 * supporting documents (names and SHA-256). Canonical JSON (src/events/canonical.ts), hashed with SHA-256.
 */
export function signedTableContent(
  row: Pick<CaseEntity, 'id' | 'cycleCode' | 'direction' | 'bodyCode' | 'authorityCode'>,
  context: Pick<AppealCaseContext, 'rows' | 'documents'>,
  members: SignedTable['members'],
) {
  return {
    caseId: row.id,
    cycle: row.cycleCode,
    direction: row.direction,
    bodyCode: row.bodyCode,
    authority: row.authorityCode,
    members,
    rows: [...context.rows].sort((a, b) => a.n - b.n),
    documents: context.documents,
  };
}

export function signedTableSha256(...args: Parameters<typeof signedTableContent>): string {
  return sha256Hex(canonicalJson(signedTableContent(...args)));
}
