import type { AuthenticatedAccount } from './authenticated-account';
import type { Role } from './roles';

/**
 * The one access policy (SPEC §7): for every action, which roles may take it and over which scope.
 * Read by the guard (may this role call the route at all), by the command runtime (may this account
 * act on this stream), by every list query (the SQL scope), by document reads and by `allowedActions`
 * (what the web application offers). Written once, here — nothing else decides access.
 *
 * Scopes, against the facts of a stream (a case: its body, its evaluating authority, whether it was
 * escalated; a commission: its authority):
 * - `all`          every stream;
 * - `ownBody`      the account's evaluated body (an agency sees only its own cases; others answer 404);
 * - `ownAuthority` the account's authority (authority staff, and the Presidential Administration for p.91);
 * - `escalated`    cases escalated to the Presidential Administration (p.108);
 * - `recipient`    final conclusions transmitted to the account's authority (p.92, p.94, p.96: the informatization
 *                  authority reads them, and nothing else of those cases).
 */
export type Scope = 'all' | 'ownBody' | 'ownAuthority' | 'escalated' | 'recipient';

type Rule = Partial<Record<Role, readonly Scope[]>>;

const ALL_ROLES_ALL: Rule = {
  administrator: ['all'],
  authorityOfficer: ['all'],
  commissionSecretary: ['all'],
  commissionChair: ['all'],
  agencyRepresentative: ['all'],
  workingBody: ['all'],
  presidentialAdministration: ['all'],
  auditor: ['all'],
};

/** Who reads a case and what is shown through it (events, deadlines, conclusions, table, documents, timeline). */
const CASE_READERS: Rule = {
  administrator: ['all'],
  auditor: ['all'],
  workingBody: ['all'],
  agencyRepresentative: ['ownBody'],
  authorityOfficer: ['ownAuthority'],
  commissionSecretary: ['ownAuthority'],
  commissionChair: ['ownAuthority'],
  presidentialAdministration: ['ownAuthority', 'escalated'],
};

const AGENCY: Rule = { agencyRepresentative: ['ownBody'] };
/** The authority's officers; the Presidential Administration is the authority of p.91. */
const AUTHORITY: Rule = { authorityOfficer: ['ownAuthority'], presidentialAdministration: ['ownAuthority'] };
/** Who builds and submits the disagreement table (p.102). */
const TABLE_BUILDERS: Rule = { ...AUTHORITY, commissionSecretary: ['ownAuthority'] };
const COMMISSION_STAFF: Rule = {
  authorityOfficer: ['ownAuthority'],
  commissionSecretary: ['ownAuthority'],
  presidentialAdministration: ['ownAuthority'],
};
const ADMIN: Rule = { administrator: ['all'] };
const AUDIT: Rule = { auditor: ['all'], administrator: ['all'] };

export const POLICY = {
  // ---- appeal cases (SPEC §4, §8)
  'case.read': CASE_READERS,
  /** p.91–p.97: the evaluating authority issues the conclusion that opens a case. */
  'case.open': AUTHORITY,
  'case.objection': AGENCY, // p.98
  'case.no-objection': AGENCY, // p.99
  'case.withdrawal': AGENCY,
  'case.table': TABLE_BUILDERS, // p.102
  'case.table-submission': TABLE_BUILDERS, // p.102
  'case.row-decision': { commissionSecretary: ['ownAuthority'] }, // p.104
  /** p.105: the chair of the commission and the body's representative (the handler checks it is *the* chair). */
  'case.signature': { commissionChair: ['ownAuthority'], agencyRepresentative: ['ownBody'] },
  'case.dispatch': AUTHORITY, // p.106
  'case.correction': AUTHORITY, // p.107
  'case.escalation': AGENCY, // p.108
  'case.escalation-outcome': { presidentialAdministration: ['escalated'] }, // p.108

  // ---- final conclusions transmitted to the informatization authority (p.92, p.94, p.96)
  'transmission.read': { authorityOfficer: ['recipient'], administrator: ['all'], auditor: ['all'] },

  // ---- special commissions (p.100–p.104)
  'commission.read': {
    ...COMMISSION_STAFF,
    commissionChair: ['ownAuthority'],
    administrator: ['all'],
    auditor: ['all'],
  },
  'commission.open': COMMISSION_STAFF,
  'commission.member-add': COMMISSION_STAFF,
  'commission.member-remove': COMMISSION_STAFF,
  'commission.constitution': COMMISSION_STAFF,
  'commission.dissolution': COMMISSION_STAFF,
  'commission.meeting': COMMISSION_STAFF,
  'commission.attendance': COMMISSION_STAFF,

  // ---- documents (p.98): uploaded and cited by a side (a body, an authority), read only through a case the
  // reader may see and on which they were cited — or, before citing, by the side that uploaded them
  'document.upload': { agencyRepresentative: ['ownBody'], ...COMMISSION_STAFF },
  'document.read': CASE_READERS,
  'document.own': { agencyRepresentative: ['ownBody'], ...COMMISSION_STAFF },

  // ---- audit (SPEC §6)
  'audit.case': CASE_READERS,
  'audit.verify': AUDIT,
  'audit.digest-record': AUDIT,
  'audit.refusals': AUDIT,

  // ---- reference data, accounts, calendar, notifications
  'reference.read': ALL_ROLES_ALL,
  'reference.write': ADMIN,
  'account.create': ADMIN,
  'account.list': AUDIT,
  'account.me': ALL_ROLES_ALL,
  'account.password': ADMIN,
  'account.manage': ADMIN,
  'account.sign-ins': AUDIT,
  'calendar.write': ADMIN,
  'calendar.import-conflicts': AUDIT,
  'webhook.manage': ADMIN,
  'notification.read': { administrator: ['all'], auditor: ['all'], workingBody: ['all'] },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;
export type CaseCommandAction = Extract<Action, `case.${string}`>;

/** The facts of a stream that scopes are judged on. */
export interface ScopeFacts {
  bodyCode?: string | null;
  authorityCode: string;
  escalated?: boolean;
  /** A transmitted final conclusion: its recipient (p.92, p.94, p.96). */
  recipientCode?: string | null;
}

function scopesOf(account: Pick<AuthenticatedAccount, 'role'>, action: Action): readonly Scope[] {
  return (POLICY[action] as Rule)[account.role] ?? [];
}

/** The roles that may take an action at all (the route guard). */
export function rolesFor(action: Action): Role[] {
  return Object.keys(POLICY[action]) as Role[];
}

function inScope(account: AuthenticatedAccount, scope: Scope, facts: ScopeFacts): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'ownBody':
      return account.bodyCode !== null && facts.bodyCode === account.bodyCode;
    case 'ownAuthority':
      return account.authorityCode !== null && facts.authorityCode === account.authorityCode;
    case 'escalated':
      return facts.escalated === true;
    case 'recipient':
      return account.authorityCode !== null && facts.recipientCode === account.authorityCode;
  }
}

/** May this account take this action on a stream with these facts? */
export function permits(account: AuthenticatedAccount, action: Action, facts: ScopeFacts): boolean {
  return scopesOf(account, action).some((scope) => inScope(account, scope, facts));
}

/**
 * The SQL condition that keeps a list to what the account may see under `action`, over the columns named
 * (so paging counts only visible rows). `null` = everything; `'1 = 0'` = nothing.
 */
export function sqlScope(
  account: AuthenticatedAccount,
  action: Action,
  columns: { bodyCode?: string; authorityCode: string; escalated?: string; recipientCode?: string },
): { where: string; params: Record<string, unknown> } | null {
  const scopes = scopesOf(account, action);
  if (scopes.includes('all')) return null;
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  for (const scope of scopes) {
    if (scope === 'ownBody' && columns.bodyCode && account.bodyCode !== null) {
      parts.push(`${columns.bodyCode} = :scopeBody`);
      params.scopeBody = account.bodyCode;
    }
    if (scope === 'ownAuthority' && account.authorityCode !== null) {
      parts.push(`${columns.authorityCode} = :scopeAuthority`);
      params.scopeAuthority = account.authorityCode;
    }
    if (scope === 'escalated' && columns.escalated) {
      parts.push(`${columns.escalated} = :scopeEscalated`);
      params.scopeEscalated = true;
    }
    if (scope === 'recipient' && columns.recipientCode && account.authorityCode !== null) {
      parts.push(`${columns.recipientCode} = :scopeRecipient`);
      params.scopeRecipient = account.authorityCode;
    }
  }
  return { where: parts.length ? `(${parts.join(' OR ')})` : '1 = 0', params };
}
