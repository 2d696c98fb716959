/**
 * The law as code: pure XState v5 workflows (methodology points 91–108).
 *
 * A case records the workflow version it was created with and always replays with that version:
 * `appealCaseMachines[case.workflowVersion]`. Released versions are never edited.
 */
import {
  appealCaseMachineV1,
  APPEAL_CASE_VERSION_1,
  type AppealCaseMachineV1,
} from './appeal-case/appeal-case.machine.v1';
import {
  appealCaseMachineV2,
  APPEAL_CASE_VERSION_2,
  type AppealCaseMachineV2,
} from './appeal-case/appeal-case.machine.v2';
import {
  specialCommissionMachineV1,
  SPECIAL_COMMISSION_VERSION_1,
  type SpecialCommissionMachineV1,
} from './special-commission/special-commission.machine.v1';
import {
  specialCommissionMachineV2,
  SPECIAL_COMMISSION_VERSION_2,
  type SpecialCommissionMachineV2,
} from './special-commission/special-commission.machine.v2';

/** Every released version of the appeal case workflow. */
export type AppealCaseMachine = AppealCaseMachineV1 | AppealCaseMachineV2;
/** Every released version of the special commission workflow. */
export type CommissionMachine = SpecialCommissionMachineV1 | SpecialCommissionMachineV2;

export const appealCaseMachines: Readonly<Record<number, AppealCaseMachine>> = Object.freeze({
  [APPEAL_CASE_VERSION_1]: appealCaseMachineV1,
  [APPEAL_CASE_VERSION_2]: appealCaseMachineV2,
});
export const commissionMachines: Readonly<Record<number, CommissionMachine>> = Object.freeze({
  [SPECIAL_COMMISSION_VERSION_1]: specialCommissionMachineV1,
  [SPECIAL_COMMISSION_VERSION_2]: specialCommissionMachineV2,
});

/** New cases and commissions open on these versions (issue 13: the law, exactly). */
export const LATEST_APPEAL_CASE_VERSION = APPEAL_CASE_VERSION_2;
export const LATEST_COMMISSION_VERSION = SPECIAL_COMMISSION_VERSION_2;

export * from './appeal-case/appeal-case.types';
export {
  appealCaseMachineV1,
  APPEAL_CASE_MACHINE_ID,
  APPEAL_CASE_VERSION_1,
  type AppealCaseMachineV1,
} from './appeal-case/appeal-case.machine.v1';
export {
  appealCaseMachineV2,
  APPEAL_CASE_VERSION_2,
  type AppealCaseMachineV2,
} from './appeal-case/appeal-case.machine.v2';
export {
  appealCaseGuardsV2,
  appealCaseGuardChainsV2,
  appealCaseGuardRulesV2,
  DEFAULT_CASE_SETTINGS,
  type AppealCaseGuardNameV2,
} from './appeal-case/appeal-case.guards.v2';
export {
  appealCaseGuardsV1,
  appealCaseGuardChainsV1,
  appealCaseGuardRulesV1,
  AUTHORITY_REVIEW_EVENTS,
  type AppealCaseGuardName,
} from './appeal-case/appeal-case.guards.v1';
export {
  caseStateName,
  whyRefused,
  isFinalAtAuthority,
  correctionOwed,
  type AppealCaseSnapshot,
} from './appeal-case/appeal-case.queries';

export type {
  MemberRole,
  CommissionMember,
  Recusal,
  Invitee,
  Meeting,
  SpecialCommissionInput,
  SpecialCommissionContext,
  SpecialCommissionEvent,
  SpecialCommissionEventType,
  CommissionStateName,
} from './special-commission/special-commission.types';
export {
  specialCommissionMachineV1,
  SPECIAL_COMMISSION_MACHINE_ID,
  SPECIAL_COMMISSION_VERSION_1,
  type SpecialCommissionMachineV1,
} from './special-commission/special-commission.machine.v1';
export {
  specialCommissionMachineV2,
  SPECIAL_COMMISSION_VERSION_2,
  type SpecialCommissionMachineV2,
} from './special-commission/special-commission.machine.v2';
export {
  specialCommissionGuardsV2,
  specialCommissionGuardChainsV2,
  specialCommissionGuardRulesV2,
  type SpecialCommissionGuardNameV2,
} from './special-commission/special-commission.guards.v2';
export {
  specialCommissionGuardsV1,
  specialCommissionGuardChainsV1,
  specialCommissionGuardRulesV1,
  LEGAL_MINIMUM_MEMBERS,
  type SpecialCommissionGuardName,
} from './special-commission/special-commission.guards.v1';
export {
  commissionStateName,
  isConstituted,
  whyCommissionRefused,
  type SpecialCommissionSnapshot,
} from './special-commission/special-commission.queries';

export { quorumMet, decisionCarried, voteConsistent, DEFAULT_QUORUM_FRACTION } from './decision-rule';
export {
  evaluatingAuthority,
  finalRecipient,
  finalTransmission,
  appealInstance,
  conclusionForm,
  type AuthorityRoles,
} from './routing';
export type { Refusal, RefusalType } from './refusal';
export { toMermaid } from './diagram';
export { TERM_KINDS, TERM_LAW, emittedEffects, type TermKind, type CaseEffect, type CaseEffectType } from './effects';
