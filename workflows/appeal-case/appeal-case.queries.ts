/**
 * Questions the service asks about an appeal case snapshot. Pure functions.
 */
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import { resolveLaw, type Refusal } from '../refusal';
import { declaresEvent } from '../state-nodes';
import {
  appealCaseGuardChainsV1,
  appealCaseGuardRulesV1,
  appealCaseGuardsV1,
  AUTHORITY_REVIEW_EVENTS,
  BODY_TERM_GUARDS,
  type AppealCaseGuardName,
} from './appeal-case.guards.v1';
import { appealCaseGuardChainsV2, appealCaseGuardRulesV2, appealCaseGuardsV2 } from './appeal-case.guards.v2';
import type { AppealCaseMachineV1 } from './appeal-case.machine.v1';
import type { AppealCaseMachineV2 } from './appeal-case.machine.v2';
import type {
  AppealCaseContext,
  AppealCaseEvent,
  AppealCaseEventType,
  CaseDeadlines,
  CaseStateName,
} from './appeal-case.types';

/** Any version's snapshot: what the queries need of it. */
export type AppealCaseSnapshot = SnapshotFrom<AppealCaseMachineV1> | SnapshotFrom<AppealCaseMachineV2>;

/** The SPEC §4 state name of a snapshot. */
export function caseStateName(snapshot: Pick<AppealCaseSnapshot, 'value' | 'status'>): CaseStateName {
  const value = snapshot.value as string | Record<string, unknown>;
  if (snapshot.status === 'done') return 'closed';
  if (typeof value === 'string') return value as CaseStateName;
  const post = value['postDispatch'] as { correction: string; escalation: string } | undefined;
  if (!post) throw new Error(`Unknown appeal case state ${JSON.stringify(value)}`);
  // The escalation question outranks the correction duty when both are open: the case is with the PA.
  if (post.escalation === 'escalated') return 'escalated';
  if (post.correction === 'owed') return 'correction';
  return 'escalationWindow';
}

/** p.106: once the results are dispatched, the authority's decision is not subject to review. */
export function isFinalAtAuthority(snapshot: { context: AppealCaseContext }): boolean {
  return snapshot.context.dispatchedAt !== undefined;
}

/** p.107: the authority still owes a corrected conclusion. */
export function correctionOwed(snapshot: Pick<AppealCaseSnapshot, 'value'>): boolean {
  const value = snapshot.value as string | Record<string, { correction?: string }>;
  return typeof value !== 'string' && value['postDispatch']?.correction === 'owed';
}

interface GuardSet {
  guards: Record<string, (context: AppealCaseContext, event: AppealCaseEvent) => boolean>;
  chains: Record<string, readonly string[]>;
  rules: Partial<Record<string, { type: Refusal['type']; law?: string | ((c: AppealCaseContext) => string) }>>;
}

/** Rules per workflow version; a new version registers its own guard module here. */
const GUARD_SETS: Record<number, GuardSet> = {
  1: { guards: appealCaseGuardsV1, chains: appealCaseGuardChainsV1, rules: appealCaseGuardRulesV1 },
  2: { guards: appealCaseGuardsV2, chains: appealCaseGuardChainsV2, rules: appealCaseGuardRulesV2 },
};

/** The body's term each of its time-bound acts runs against (p.98/p.99: D1, p.108: D4). */
const BODY_TERM: Partial<Record<AppealCaseEventType, keyof CaseDeadlines>> = {
  'OBJECTION.FILE': 'objection',
  'NO_OBJECTION.FILE': 'objection',
  'ESCALATION.FILE': 'escalation',
};

function firstFailingGuard(
  set: GuardSet,
  names: readonly string[],
  context: AppealCaseContext,
  event: AppealCaseEvent,
): Refusal | undefined {
  for (const name of names) {
    const rule = set.guards[name];
    if (rule && !rule(context, event)) {
      const how = set.rules[name] ?? { type: 'invalid-transition' as const };
      const law = resolveLaw(how, context);
      return { type: how.type, ...(law !== undefined ? { law } : {}), guard: name };
    }
  }
  return undefined;
}

/**
 * Why `snapshot.can(event)` is false, as a SPEC §7 problem type with its point of the law.
 * Evaluates the same named guard functions the machine uses; never XState internals.
 * Returns `invalid-transition` (without a guard) when no specific rule explains the refusal.
 */
export function whyRefused(machine: AnyStateMachine, snapshot: AppealCaseSnapshot, event: AppealCaseEvent): Refusal {
  const set = GUARD_SETS[Number(machine.version ?? '1')] ?? GUARD_SETS[1];
  const { context } = snapshot;
  const stage = caseStateName(snapshot);
  const tooEarlyOrOver: Refusal = { type: 'invalid-transition', stage };

  // p.106: after dispatch the authority's results are not subject to review.
  if (isFinalAtAuthority(snapshot) && AUTHORITY_REVIEW_EVENTS.includes(event.type)) {
    return { type: 'final-at-authority', law: 'p.106' };
  }

  // p.91 (v2): the Presidential Administration evaluated the body; there is no appeal to it against itself (p.106).
  if (event.type === 'ESCALATION.FILE' && context.appealTo === null) {
    return { type: 'final-at-authority', law: 'p.91', guard: 'appealAvailable' };
  }

  const handled = snapshot.status === 'active' && declaresEvent(machine, snapshot.value, event.type);
  if (!handled) {
    // The body's own terms (p.99, p.108) close its opportunity: say so even once the case moved on (or closed) —
    // but only for a term that has started: before it, the act is too early, not late.
    const termGuard = BODY_TERM_GUARDS[event.type];
    const term = BODY_TERM[event.type];
    if (termGuard && term && context.deadlines[term] !== undefined) {
      const refusal = firstFailingGuard(set, [termGuard], context, event);
      if (refusal) return refusal;
    }
    return tooEarlyOrOver;
  }

  const chain = set.chains[event.type] ?? [];
  const refusal = firstFailingGuard(set, chain, context, event) ?? tooEarlyOrOver;
  return refusal.type === 'invalid-transition' ? { ...refusal, stage } : refusal;
}

export type { AppealCaseGuardName };
