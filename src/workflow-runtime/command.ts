import type { Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AppealCaseEvent,
  AppealCaseInput,
  SpecialCommissionEvent,
  SpecialCommissionInput,
  TermKind,
} from '../../workflows';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import type { Action, ScopeFacts } from '../auth/policy';
import type { DeadlineResult, Term } from '../calendar/calendar-rules';
import type { EventMeta } from '../events/event-catalogue';
import type { Scale } from '../reference/acts';
import type { CommandServices } from './command-services';
import type { LoadedCase, LoadedCommission } from './streams';

/**
 * A command is one file (src/cases/commands/*.command.ts, src/commissions/commands/*.command.ts): its HTTP
 * route, its DTO, the policy action that says who may send it, and `prepare` — what the machine cannot know
 * (look up the conclusion, compute a term with the calendar, check the documents) turned into the machine
 * event. The runtime does everything else, the same way for every command (src/workflow-runtime/stream-runtime.ts).
 */
export interface HttpRoute {
  /** Relative to /api/v1, with `:params`, e.g. `cases/:id/objection`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /**
   * A body that passes validation as it is (issue 11: the document's examples must not 400), shown by Swagger UI
   * instead of one generated from the DTO; it never carries `expectedVersion` (If-Match or nothing).
   */
  example: Record<string, unknown>;
}

/** What the handler hands to the runtime besides the event: what the machine's effects need to be applied. */
export interface Prepared {
  /** The computed terms the effects open or move (`term.open`, `term.move`), by kind. */
  terms?: Partial<Record<TermKind, DeadlineResult>>;
  /** `commission.objection`: the evaluators of the objecting body (p.100). */
  evaluators?: readonly string[];
  /** `conclusion.version`: the new version's scores and why. */
  conclusion?: { items: ConclusionItem[]; evaluators: string[]; reason: string };
  /** `term.fire`: the deadline row the scheduler fires, under its lease. */
  firing?: { deadlineId: string; leaseOwner: string; law: string; dueAt: string };
}

export interface ConclusionItem {
  code: string;
  title: string;
  score: number;
  maxScore: number;
  /** Workflow v2 (issue 13): the scale of the catalogue indicator the item cites (p.104/p.107/p.108 scores lie on it). */
  scale?: Scale;
}

export interface CommandContext {
  m: EntityManager;
  /** The server's receipt time of the command (SPEC §3: an agency cannot backdate). */
  at: string;
  actor: AuthenticatedAccount;
  services: CommandServices;
  /** A term computed with the current official calendar (a `calendar-year-unknown` refusal names `from`). */
  deadline(from: string, term: Term): Promise<DeadlineResult>;
}

export interface CaseCommandContext extends CommandContext {
  stream: LoadedCase;
}

export interface CommissionCommandContext extends CommandContext {
  stream: LoadedCommission;
}

export interface PreparedEvent<E> {
  event: E;
  prepared?: Prepared;
  meta?: EventMeta;
}

/** What `allowedActions` needs to ask the machine whether a command is possible now. */
export interface ProbeContext {
  at: string;
  stream: LoadedCase;
  actor: AuthenticatedAccount;
  /** p.100/p.101: the commission that rules on the case is constituted. */
  commissionConstituted: boolean;
}

export interface CaseCommand<TDto extends object = object> {
  kind: 'case';
  action: Action;
  route: HttpRoute;
  dto: Type<TDto>;
  /** The machine event it sends (the timeline and the docs name it). */
  event: AppealCaseEvent['type'];
  /** The term it answers or runs against, shown with the action (SPEC §10). */
  term?: TermKind;
  prepare(ctx: CaseCommandContext, dto: TDto, params: Record<string, string>): Promise<PreparedEvent<AppealCaseEvent>>;
  /**
   * A representative event of this command for `allowedActions` (`snapshot.can(probe)`), or null when the
   * command cannot be built now. Without a probe the command is not offered.
   */
  probe?(ctx: ProbeContext): AppealCaseEvent | null;
}

export interface CommissionCommand<TDto extends object = object> {
  kind: 'commission';
  action: Action;
  route: HttpRoute;
  dto: Type<TDto>;
  event: SpecialCommissionEvent['type'];
  prepare(
    ctx: CommissionCommandContext,
    dto: TDto,
    params: Record<string, string>,
  ): Promise<PreparedEvent<SpecialCommissionEvent>>;
  /** A representative event for `allowedActions` (null when the command cannot be built now). */
  probe?(ctx: { at: string; stream: LoadedCommission }): SpecialCommissionEvent | null;
  /** The answer instead of the commission's view (e.g. the new meeting). */
  answer?(view: unknown, event: SpecialCommissionEvent): unknown;
  /** The schema of that answer (src/common/api-schemas.ts). */
  answerSchema?: 'Meeting';
  /** When the command creates a resource: its address, for `201` + `Location` (issue 11 item 3). */
  location?(answer: unknown, params: Record<string, string>): string;
}

/** What opening a case needs besides its machine input. */
export interface CaseOpening {
  facts: ScopeFacts;
  id: string;
  input: AppealCaseInput;
  cycle: string;
  ruleSet: { id: number; code: string };
  calendarVersion: number;
  conclusion: { items: ConclusionItem[]; evaluators: string[] };
  /** Business time of the opening event (the delivery of the conclusion). */
  businessTime: string;
  prepared: Prepared;
  /** Issue 13: the catalogue version the conclusion cites and the hash of the pinned rule set and catalogue. */
  pinned?: { catalogue: { id: number; code: string }; pinnedRulesHash: string };
}

export interface OpenCase<TDto extends object = object> {
  kind: 'case-open';
  action: 'case.open';
  route: HttpRoute;
  dto: Type<TDto>;
  open(ctx: CommandContext, dto: TDto): Promise<CaseOpening>;
}

export interface CommissionOpening {
  facts: ScopeFacts;
  id: string;
  input: SpecialCommissionInput;
  /** Bodies that objected before the commission existed count from the start (p.100). */
  objecting: { bodyCode: string; evaluators: string[] }[];
}

export interface OpenCommission<TDto extends object = object> {
  kind: 'commission-open';
  action: 'commission.open';
  route: HttpRoute;
  dto: Type<TDto>;
  open(ctx: CommandContext, dto: TDto): Promise<CommissionOpening>;
}

export type AnyCommand = CaseCommand<object> | CommissionCommand<object> | OpenCase<object> | OpenCommission<object>;

/** Helpers that keep each command file's types tight. */
export const caseCommand = <TDto extends object>(c: Omit<CaseCommand<TDto>, 'kind'>): CaseCommand<TDto> => ({
  kind: 'case',
  ...c,
});
export const commissionCommand = <TDto extends object>(
  c: Omit<CommissionCommand<TDto>, 'kind'>,
): CommissionCommand<TDto> => ({
  kind: 'commission',
  ...c,
});
