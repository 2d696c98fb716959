/** Questions the service asks about a special commission snapshot. Pure functions. */
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import { resolveLaw, type Refusal } from '../refusal';
import { declaresEvent } from '../state-nodes';
import {
  isWhole,
  NEEDS_CONSTITUTED_COMMISSION,
  specialCommissionGuardChainsV1,
  specialCommissionGuardRulesV1,
  specialCommissionGuardsV1,
} from './special-commission.guards.v1';
import {
  specialCommissionGuardChainsV2,
  specialCommissionGuardRulesV2,
  specialCommissionGuardsV2,
} from './special-commission.guards.v2';
import type { SpecialCommissionMachineV1 } from './special-commission.machine.v1';
import type { SpecialCommissionMachineV2 } from './special-commission.machine.v2';
import type { CommissionStateName, SpecialCommissionContext, SpecialCommissionEvent } from './special-commission.types';

export type SpecialCommissionSnapshot =
  SnapshotFrom<SpecialCommissionMachineV1> | SnapshotFrom<SpecialCommissionMachineV2>;

export function commissionStateName(snapshot: Pick<SpecialCommissionSnapshot, 'value'>): CommissionStateName {
  return snapshot.value;
}

/** p.100/p.101: the commission may receive the table and decide (pass this as `commissionConstituted`). */
export function isConstituted(snapshot: Pick<SpecialCommissionSnapshot, 'value' | 'context'>): boolean {
  return snapshot.value === 'constituted' && isWhole(snapshot.context.members, snapshot.context.minMembers);
}

interface GuardSet {
  guards: Record<string, (context: SpecialCommissionContext, event: SpecialCommissionEvent) => boolean>;
  chains: Record<string, readonly string[]>;
  rules: Partial<Record<string, { type: Refusal['type']; law?: string | ((c: SpecialCommissionContext) => string) }>>;
}

const GUARD_SETS: Record<number, GuardSet> = {
  1: {
    guards: specialCommissionGuardsV1,
    chains: specialCommissionGuardChainsV1,
    rules: specialCommissionGuardRulesV1,
  },
  2: {
    guards: specialCommissionGuardsV2,
    chains: specialCommissionGuardChainsV2,
    rules: specialCommissionGuardRulesV2,
  },
};

/** Why `snapshot.can(event)` is false, by evaluating the machine's own guard functions. */
export function whyCommissionRefused(
  machine: AnyStateMachine,
  snapshot: SpecialCommissionSnapshot,
  event: SpecialCommissionEvent,
): Refusal {
  const set = GUARD_SETS[Number(machine.version ?? '1')] ?? GUARD_SETS[1];
  const { context } = snapshot;
  const handled = snapshot.status === 'active' && declaresEvent(machine, snapshot.value, event.type);
  if (!handled) {
    if (snapshot.status === 'active' && NEEDS_CONSTITUTED_COMMISSION.includes(event.type)) {
      return { type: 'commission-not-constituted', law: context.direction === 'personnel' ? 'p.100' : 'p.101' };
    }
    return { type: 'invalid-transition', stage: commissionStateName(snapshot) };
  }
  for (const name of set.chains[event.type] ?? []) {
    const rule = set.guards[name];
    if (rule && !rule(context, event)) {
      const how = set.rules[name] ?? { type: 'invalid-transition' as const };
      const law = resolveLaw(how, context);
      return { type: how.type, ...(law !== undefined ? { law } : {}), guard: name };
    }
  }
  return { type: 'invalid-transition', stage: commissionStateName(snapshot) };
}
