import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  appealCaseMachines,
  caseStateName,
  commissionMachines,
  commissionStateName,
  LATEST_APPEAL_CASE_VERSION,
  LATEST_COMMISSION_VERSION,
  type AppealCaseEvent,
  type CaseEffect,
  type SpecialCommissionEvent,
} from '../../workflows';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { permits, type Action, type ScopeFacts } from '../auth/policy';
import { CaseEntity } from '../cases/case.entity';
import { CalendarService } from '../calendar/calendar.service';
import type { Term } from '../calendar/calendar-rules';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { CommissionEntity } from '../commissions/commission.entity';
import { canonicalJson, sha256Hex } from '../events/canonical';
import type { EventMeta, StoredEvent } from '../events/event-catalogue';
import { Actor, EventStore, GENESIS_HASH, NewEvent } from '../events/event-store';
import { CaseEffects } from './case-effects';
import type {
  CaseCommand,
  CaseOpening,
  CommandContext,
  CommissionCommand,
  CommissionOpening,
  OpenCase,
  OpenCommission,
  Prepared,
} from './command';
import { CommandServices } from './command-services';
import { Answer, IdempotencyRequest, IdempotencyStore } from '../common/idempotency';
import { refusalText } from './refusal-messages';
import { RefusalLog } from './refusal-log';
import { caseStepper, commissionStepper } from './stepper';
import {
  LoadedCase,
  LoadedCommission,
  LoadedStream,
  StreamLoader,
  StreamStep,
  projectionOf,
  refusalOf,
} from './streams';
import { text, textOr } from '../i18n/text';

export interface CommandRequest<TDto> {
  account: AuthenticatedAccount;
  /** The stream the command is for (absent when it opens one). */
  streamId?: string;
  params: Record<string, string>;
  dto: TDto;
  expectedVersion?: number;
  idempotency?: IdempotencyRequest;
}

/** How a stream is shown in a command's answer (registered by the read side). */
export interface StreamViews {
  case(m: EntityManager, stream: LoadedCase, account: AuthenticatedAccount): Promise<unknown>;
  commission(m: EntityManager, stream: LoadedCommission, account: AuthenticatedAccount): Promise<unknown>;
}

/** The events a command appends (its own and those its effects cause), written in one statement before commit. */
class Appends {
  readonly events: StoredEvent[] = [];
}

interface Stepped {
  stream: LoadedStream;
  stored: StoredEvent;
  effects: CaseEffect[];
}

const READ_ACTION = { case: 'case.read', commission: 'commission.read' } as const satisfies Record<string, Action>;
const TABLE = { case: 'cases', commission: 'commissions' } as const;

/**
 * The one command path for every stream (cases, commissions; commands from HTTP, the deadline scheduler and
 * calendar recomputation). Read → decide → append, once:
 *
 *   load the stream (one statement: the row, its commission, the current calendar, the idempotency record)
 *   → the policy: may this account see it (else 404) and send this command (else 403)
 *   → the expected version → the handler prepares the event → the pinned machine decides
 *   → in one transaction: append the event to the hash chain, compare-and-set the projection, apply the
 *     effects the machine emitted, record the idempotency key with its answer;
 *   or refuse: the rule, its point of the law, recorded in the refusals log.
 */
@Injectable()
export class StreamRuntime {
  private readonly views: Partial<StreamViews> = {};

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly events: EventStore,
    private readonly loader: StreamLoader,
    private readonly caseEffects: CaseEffects,
    private readonly refusals: RefusalLog,
    private readonly idempotency: IdempotencyStore,
    private readonly services: CommandServices,
    private readonly calendar: CalendarService,
  ) {}

  /** The read side registers how streams are shown in answers (it depends on the runtime, not the other way). */
  registerView<K extends keyof StreamViews>(kind: K, view: StreamViews[K]): void {
    this.views[kind] = view;
  }

  // ---------------------------------------------------------------- commands on a stream

  async execute<TDto extends object>(
    command: CaseCommand<TDto> | CommissionCommand<TDto>,
    request: CommandRequest<TDto>,
  ): Promise<Answer> {
    const at = this.clock.now().toISOString();
    const { account } = request;
    let visibleStreamId: string | null = null;
    try {
      return await this.unitOfWork.run(async (m) => {
        const key = request.idempotency
          ? { accountId: request.idempotency.accountId, key: request.idempotency.key }
          : undefined;
        let stream: LoadedStream | null;
        let calendarVersion: number | null = null;
        let earlier: Answer | undefined;
        if (command.kind === 'case') {
          const loaded = await this.loader.loadCase(m, request.streamId ?? '', { lock: true, idempotency: key });
          stream = loaded?.stream ?? null;
          calendarVersion = loaded?.extras.calendarVersion ?? null;
          if (request.idempotency)
            earlier = this.idempotency.replay(request.idempotency, loaded?.extras.idempotency ?? null);
        } else {
          stream = await this.loader.loadCommission(m, request.streamId ?? '', { lock: true });
          if (request.idempotency)
            earlier = this.idempotency.replay(request.idempotency, await this.idempotency.find(m, request.idempotency));
        }
        if (earlier) return earlier;
        const kind = command.kind;
        if (!stream || !permits(account, READ_ACTION[kind], factsOf(stream))) {
          throw new DomainError(
            'not-found',
            text(kind === 'case' ? 'refusals.common.noCase' : 'refusals.common.noCommission', {
              id: request.streamId ?? '',
            }),
          );
        }
        visibleStreamId = stream.row.id;
        if (!permits(account, command.action, factsOf(stream))) {
          throw new DomainError(
            'forbidden',
            text(kind === 'case' ? 'refusals.common.roleMayNotOnCase' : 'refusals.common.roleMayNotOnCommission', {
              role: { text: `roles.${account.role}` },
              id: stream.row.id,
            }),
            { action: command.action },
          );
        }
        if (request.expectedVersion !== undefined && request.expectedVersion !== stream.row.version) {
          throw new DomainError(
            'version-conflict',
            text(kind === 'case' ? 'refusals.common.caseVersion' : 'refusals.common.commissionVersion', {
              current: stream.row.version,
              expected: request.expectedVersion,
            }),
            { currentVersion: stream.row.version },
          );
        }
        // A closed stream: refused before anything is prepared (what the body was too late for says deadline-passed).
        if (stream.snapshot.status === 'done') throw this.closedRefusal(stream, command.event, at);
        const ctx = this.context(m, at, account, calendarVersion);
        const appends = new Appends();
        let answerEvent: AppealCaseEvent | SpecialCommissionEvent;
        let after: LoadedStream;
        if (command.kind === 'case' && stream.kind === 'case') {
          const { event, prepared, meta } = await command.prepare({ ...ctx, stream }, request.dto, request.params);
          answerEvent = event;
          after = (await this.step(m, appends, { kind: 'case', stream, event }, prepared ?? {}, account, meta)).stream;
        } else if (command.kind === 'commission' && stream.kind === 'commission') {
          const { event, prepared, meta } = await command.prepare({ ...ctx, stream }, request.dto, request.params);
          answerEvent = event;
          after = (await this.step(m, appends, { kind: 'commission', stream, event }, prepared ?? {}, account, meta))
            .stream;
        } else {
          throw new Error(`${command.action} is not a command of a ${stream.kind}`);
        }
        await this.events.insert(m, appends.events);
        let body = await this.view(m, after, account);
        if (command.kind === 'commission' && command.answer)
          body = command.answer(body, answerEvent as SpecialCommissionEvent);
        if (request.idempotency) await this.idempotency.record(m, request.idempotency, 201, body);
        return new Answer(body, false);
      });
    } catch (error) {
      return this.failed(error, request, command.action, visibleStreamId);
    }
  }

  // ---------------------------------------------------------------- commands that open a stream

  async open<TDto extends object>(
    command: OpenCase<TDto> | OpenCommission<TDto>,
    request: CommandRequest<TDto>,
  ): Promise<Answer> {
    const at = this.clock.now().toISOString();
    const { account } = request;
    try {
      return await this.unitOfWork.run(async (m) => {
        if (request.idempotency) {
          const earlier = this.idempotency.replay(
            request.idempotency,
            await this.idempotency.find(m, request.idempotency),
          );
          if (earlier) return earlier;
        }
        const ctx = this.context(m, at, account, null);
        const appends = new Appends();
        let stream: LoadedStream;
        if (command.kind === 'case-open') {
          const opening = await command.open(ctx, request.dto);
          this.allow(account, command.action, opening.facts);
          stream = await this.openCase(m, appends, opening, account, at);
        } else {
          const opening = await command.open(ctx, request.dto);
          this.allow(account, command.action, opening.facts);
          stream = await this.openCommission(m, appends, opening, account, at);
        }
        await this.events.insert(m, appends.events);
        const body = await this.view(m, stream, account);
        if (request.idempotency) await this.idempotency.record(m, request.idempotency, 201, body);
        return new Answer(body, false);
      });
    } catch (error) {
      return this.failed(error, request, command.action, null);
    }
  }

  // ---------------------------------------------------------------- system events (scheduler, calendar)

  /**
   * A system event on a case (a term fired by the scheduler, deadlines moved by a calendar change) inside the
   * caller's transaction. Returns null when the machine does not accept it (the caller decides what that
   * means: a stale deadline); nothing is recorded then.
   */
  async system(
    m: EntityManager,
    stream: LoadedCase,
    event: AppealCaseEvent,
    prepared: Prepared,
    meta: EventMeta | undefined,
    actor: Actor,
  ): Promise<Stepped | null> {
    if (!decide({ kind: 'case', stream, event })) return null;
    const appends = new Appends();
    const stepped = await this.step(m, appends, { kind: 'case', stream, event }, prepared, actor, meta);
    await this.events.insert(m, appends.events);
    return stepped;
  }

  // ---------------------------------------------------------------- the step

  /**
   * Decides one event with the stream's pinned machine and, if accepted, chains the event, moves the
   * projection by compare-and-set on its version, and applies the effects the machine emitted.
   */
  private async step(
    m: EntityManager,
    appends: Appends,
    step: StreamStep,
    prepared: Prepared,
    actor: Actor,
    meta: EventMeta | undefined,
  ): Promise<Stepped> {
    const decided = decide(step);
    if (!decided) throw this.refusal(step);
    const { stream, event } = step;
    const { type, at, ...fields } = event;
    const payload = { at, ...fields, ...(meta && Object.keys(meta).length ? { meta } : {}) };
    const record = { streamType: stream.kind, type, payload, businessTime: at } as NewEvent; // one record of the catalogue: the machine's own fields
    const recordedTime = this.clock.now().toISOString();
    const [stored] = this.events.chain(
      { id: stream.row.id, lastSeq: stream.row.version, lastHash: stream.row.lastHash },
      [record],
      actor,
      recordedTime,
    );
    appends.events.push(stored);
    const snapshotJson = JSON.stringify(decided.persisted);
    await this.compareAndSet(m, stream, stored, snapshotJson, decided.columns, recordedTime);
    const moved = { snapshot: snapshotJson, version: stored.seq, lastHash: stored.hash, updatedAt: recordedTime };
    if (decided.kind === 'commission') {
      const row = Object.assign(new CommissionEntity(), step.stream.row, rowFields(decided.columns), moved);
      return { stream: { ...(step.stream as LoadedCommission), row, snapshot: decided.snapshot }, stored, effects: [] };
    }
    const row = Object.assign(new CaseEntity(), step.stream.row, rowFields(decided.columns), moved);
    const after: LoadedCase = { ...(step.stream as LoadedCase), row, snapshot: decided.snapshot };
    if (decided.effects.length > 0) {
      await this.caseEffects.apply(m, after, decided.effects, prepared, {
        at,
        actor,
        stepCommission: async (commission, commissionEvent) => {
          // PostgreSQL: another transaction may have moved the commission since it was read with the case.
          const fresh =
            m.connection.options.type === 'postgres'
              ? await this.loader.loadCommission(m, commission.row.id, { lock: true })
              : commission;
          if (fresh && fresh.snapshot.status !== 'done')
            await this.step(
              m,
              appends,
              { kind: 'commission', stream: fresh, event: commissionEvent },
              {},
              actor,
              undefined,
            );
        },
      });
    }
    return { stream: after, stored, effects: decided.effects };
  }

  private async compareAndSet(
    m: EntityManager,
    stream: LoadedStream,
    stored: StoredEvent,
    snapshot: string,
    columns: Record<string, unknown>,
    recordedTime: string,
  ) {
    const sets: Record<string, unknown> = {
      ...columns,
      snapshot,
      version: stored.seq,
      last_hash: stored.hash,
      updated_at: recordedTime,
    };
    const names = Object.keys(sets);
    const pg = m.connection.options.type === 'postgres';
    const p = (i: number) => (pg ? `$${i}` : '?');
    const sql = `UPDATE ${TABLE[stream.kind]} SET ${names.map((n, i) => `${n} = ${p(i + 1)}`).join(', ')} WHERE id = ${p(names.length + 1)} AND version = ${p(names.length + 2)}`;
    const params = [
      ...names.map((n) => (typeof sets[n] === 'boolean' ? (sets[n] ? (pg ? true : 1) : pg ? false : 0) : sets[n])),
      stream.row.id,
      stream.row.version,
    ];
    const result = (await m.queryRunner!.query(sql, params, true)) as { affected?: number };
    if (result.affected !== 1) {
      throw new DomainError(
        'version-conflict',
        text(stream.kind === 'case' ? 'refusals.common.caseChanged' : 'refusals.common.commissionChanged'),
        {
          currentVersion: stream.row.version + 1,
        },
      );
    }
  }

  // ---------------------------------------------------------------- opening streams

  private async openCase(
    m: EntityManager,
    appends: Appends,
    o: CaseOpening,
    actor: Actor,
    at: string,
  ): Promise<LoadedCase> {
    const machine = appealCaseMachines[LATEST_APPEAL_CASE_VERSION];
    const stepper = caseStepper(machine);
    const { snapshot, effects } = stepper.initial(o.input);
    const persisted = stepper.persist(snapshot);
    const [opened] = this.events.chain(
      { id: o.id, lastSeq: 0, lastHash: GENESIS_HASH },
      [
        {
          streamType: 'case',
          type: 'CASE.OPENED',
          payload: {
            input: o.input,
            cycle: o.cycle,
            workflowVersion: LATEST_APPEAL_CASE_VERSION,
            ruleSet: o.ruleSet,
            calendarVersion: o.calendarVersion,
            conclusion: {
              version: 1,
              sha256: sha256Hex(
                canonicalJson({ version: 1, items: o.conclusion.items, evaluators: o.conclusion.evaluators }),
              ),
            },
            // Issue 13: the catalogue version the case is pinned to and the hash of the pinned rules (the audit re-checks it).
            ...(o.pinned ? { catalogue: o.pinned.catalogue, pinnedRulesHash: o.pinned.pinnedRulesHash } : {}),
          },
          businessTime: o.businessTime,
        },
      ],
      actor,
      at,
    );
    appends.events.push(opened);
    const row = Object.assign(new CaseEntity(), {
      id: o.id,
      bodyCode: o.input.bodyCode,
      direction: o.input.direction,
      cycleCode: o.cycle,
      authorityCode: o.input.authority,
      workflowVersion: LATEST_APPEAL_CASE_VERSION,
      ruleSetId: o.ruleSet.id,
      state: caseStateName(snapshot),
      outcome: null,
      overdueCount: 0,
      escalated: false,
      snapshot: JSON.stringify(persisted),
      version: opened.seq,
      lastHash: opened.hash,
      createdAt: at,
      updatedAt: at,
    });
    await m.insert(CaseEntity, row);
    await this.services.conclusions.insert(m, {
      caseId: o.id,
      version: 1,
      items: o.conclusion.items,
      evaluators: o.conclusion.evaluators,
      reason: null,
      issuedBy: actor.id,
      issuedAt: o.businessTime,
    });
    const commission = await this.loader.commissionOfScope(m, {
      authorityCode: row.authorityCode,
      direction: row.direction,
      cycleCode: row.cycleCode,
    });
    const stream = await this.loader.caseStream(row, commission);
    await this.caseEffects.apply(m, stream, effects, o.prepared, {
      at,
      actor,
      stepCommission: async () => undefined,
    });
    return stream;
  }

  private async openCommission(
    m: EntityManager,
    appends: Appends,
    o: CommissionOpening,
    actor: Actor,
    at: string,
  ): Promise<LoadedCommission> {
    const machine = commissionMachines[LATEST_COMMISSION_VERSION];
    const { snapshot } = commissionStepper(machine).initial(o.input);
    const [opened] = this.events.chain(
      { id: o.id, lastSeq: 0, lastHash: GENESIS_HASH },
      [
        {
          streamType: 'commission',
          type: 'COMMISSION.OPENED',
          payload: { input: o.input, workflowVersion: LATEST_COMMISSION_VERSION },
          businessTime: at,
        },
      ],
      actor,
      at,
    );
    appends.events.push(opened);
    const row = Object.assign(new CommissionEntity(), {
      id: o.id,
      authorityCode: o.input.authority,
      direction: o.input.direction,
      cycleCode: o.input.cycle,
      workflowVersion: LATEST_COMMISSION_VERSION,
      state: commissionStateName(snapshot),
      snapshot: JSON.stringify(machine.getPersistedSnapshot(snapshot)),
      version: opened.seq,
      lastHash: opened.hash,
      createdAt: at,
      updatedAt: at,
    });
    await m.insert(CommissionEntity, row);
    let stream = this.loader.commission(row);
    // Bodies that objected before the commission was formed count from the start (p.100).
    for (const objecting of o.objecting) {
      const event = {
        type: 'OBJECTION.REGISTERED' as const,
        at,
        bodyCode: objecting.bodyCode,
        evaluators: objecting.evaluators,
      };
      stream = (await this.step(m, appends, { kind: 'commission', stream, event }, {}, actor, undefined))
        .stream as LoadedCommission;
    }
    return stream;
  }

  // ---------------------------------------------------------------- helpers

  private context(
    m: EntityManager,
    at: string,
    actor: AuthenticatedAccount,
    calendarVersion: number | null,
  ): CommandContext {
    return {
      m,
      at,
      actor,
      services: this.services,
      deadline: async (from: string, term: Term) => {
        const calendar =
          calendarVersion !== null ? await this.calendar.version(calendarVersion) : await this.calendar.current();
        return this.calendar.compute(calendar, from, term);
      },
    };
  }

  private allow(account: AuthenticatedAccount, action: Action, facts: ScopeFacts): void {
    if (!permits(account, action, facts)) {
      throw new DomainError(
        'forbidden',
        text('refusals.common.roleMayNotHere', {
          role: { text: `roles.${account.role}` },
          unit: account.authorityCode ?? account.bodyCode ?? '—',
        }),
        { action },
      );
    }
  }

  private refusal(step: StreamStep): DomainError {
    const refusal = refusalOf(step);
    if (step.stream.snapshot.status === 'done' && refusal.type === 'invalid-transition')
      return closed(step.stream, refusal.stage);
    return new DomainError(refusal.type, refusalText(step.event.type, refusal), {
      ...(refusal.law ? { law: refusal.law } : {}),
      ...(refusal.guard ? { rule: refusal.guard } : {}),
      // Issue 13: "too early" names the stage, so the client can say what must happen first.
      ...(refusal.stage ? { stage: refusal.stage } : {}),
    });
  }

  /** A command on a closed stream, asked of the machine with the command's event type and the receipt time. */
  private closedRefusal(stream: LoadedStream, eventType: string, at: string): DomainError {
    const probe = { type: eventType, at } as AppealCaseEvent & SpecialCommissionEvent; // only the type and time are read for a done snapshot
    return this.refusal(
      stream.kind === 'case' ? { kind: 'case', stream, event: probe } : { kind: 'commission', stream, event: probe },
    );
  }

  private async view(m: EntityManager, stream: LoadedStream, account: AuthenticatedAccount): Promise<unknown> {
    const { case: caseView, commission: commissionView } = this.views;
    if (stream.kind === 'case') {
      if (!caseView) throw new Error('no case view registered');
      return caseView(m, stream, account);
    }
    if (!commissionView) throw new Error('no commission view registered');
    return commissionView(m, stream, account);
  }

  /** A command that did not act: answered from a concurrent twin with the same key, or refused and recorded. */
  private async failed(
    error: unknown,
    request: CommandRequest<unknown>,
    action: Action,
    streamId: string | null,
  ): Promise<Answer> {
    if (request.idempotency) {
      const earlier = await this.idempotency.findCommitted(request.idempotency).catch(() => undefined);
      if (earlier) return earlier;
    }
    if (error instanceof DomainError) {
      await this.refusals.record({
        streamId,
        command: action,
        actor: request.account,
        error,
        input:
          streamId === null && request.streamId
            ? { streamId: request.streamId, params: request.params, dto: request.dto }
            : { params: request.params, dto: request.dto },
      });
    }
    throw error;
  }
}

/**
 * The pinned machine decides: null when it refuses (the snapshot is done, or `can` is false); otherwise the next
 * snapshot, its persisted form, the projection columns and the effects it emitted.
 */
function decide(step: StreamStep) {
  if (step.stream.snapshot.status !== 'active') return null;
  if (step.kind === 'case') {
    const { stream, event } = step;
    if (!stream.snapshot.can(event)) return null;
    const stepper = caseStepper(stream.machine);
    const { snapshot, effects } = stepper.step(stream.snapshot, event);
    return {
      kind: 'case' as const,
      snapshot,
      effects,
      persisted: stepper.persist(snapshot),
      columns: projectionOf(stream, snapshot),
    };
  }
  const { stream, event } = step;
  if (!stream.snapshot.can(event)) return null;
  const { snapshot } = commissionStepper(stream.machine).step(stream.snapshot, event);
  return {
    kind: 'commission' as const,
    snapshot,
    persisted: stream.machine.getPersistedSnapshot(snapshot),
    columns: projectionOf(stream, snapshot),
  };
}

export function factsOf(stream: LoadedStream): ScopeFacts {
  return stream.kind === 'case'
    ? {
        bodyCode: stream.row.bodyCode,
        authorityCode: stream.row.authorityCode,
        escalated: Boolean(stream.row.escalated),
      }
    : { authorityCode: stream.row.authorityCode };
}

function closed(stream: LoadedStream, stage?: string): DomainError {
  const outcome = stream.kind === 'case' ? String(stream.snapshot.context.outcome) : '';
  const words =
    stream.kind === 'case'
      ? text('refusals.caseClosed', { outcome: textOr(`outcomes.${outcome}`, outcome) })
      : text('refusals.commissionDissolved');
  return new DomainError('invalid-transition', words, { rule: 'closed', ...(stage ? { stage } : {}) });
}

/** Projection columns (snake_case) back onto the entity's fields. */
function rowFields(columns: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(columns)) out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
  return out;
}
