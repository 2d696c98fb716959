import { DomainError } from '../common/domain-error';
import { AuthenticatedAccount } from './authenticated-account';

/** The staff of an evaluating authority act for it; the Presidential Administration acts as the authority of p.91. */
export function actsForAuthority(account: AuthenticatedAccount, authorityCode: string): boolean {
  return (
    ['authorityOfficer', 'commissionSecretary', 'commissionChair', 'presidentialAdministration'].includes(account.role) &&
    account.authorityCode === authorityCode
  );
}

/**
 * Who may see a case (SPEC §7): an agency only its own body's cases, authority staff only their
 * authority's, the Presidential Administration the cases escalated to it, the working body, auditors
 * and administrators all. Everyone else gets 404, never 403, so a case's existence does not leak.
 */
export function canSeeCase(account: AuthenticatedAccount, c: { bodyCode: string; authorityCode: string; escalated: boolean }): boolean {
  switch (account.role) {
    case 'administrator':
    case 'auditor':
    case 'workingBody':
      return true;
    case 'agencyRepresentative':
      return c.bodyCode === account.bodyCode;
    case 'presidentialAdministration':
      return c.authorityCode === account.authorityCode || Boolean(c.escalated);
    default:
      return actsForAuthority(account, c.authorityCode);
  }
}

export function requireAuthority(account: AuthenticatedAccount, authorityCode: string, what: string): void {
  if (!actsForAuthority(account, authorityCode)) {
    throw new DomainError('forbidden', `Only the staff of ${authorityCode} may ${what}`);
  }
}
