import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { TERM_LAW, correctionOwed, isConstituted, isFinalAtAuthority, type AppealCaseContext } from '../../workflows';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { permits, sqlScope } from '../auth/policy';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { ReadDb } from '../database/read-db';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { DocumentsService } from '../documents/documents.service';
import { RefusalEntity } from '../events/event.entity';
import { refusalPayload } from '../workflow-runtime/refusal-log';
import { EventStore } from '../events/event-store';
import { ReferenceService } from '../reference/reference.service';
import type { CaseCommand, ProbeContext } from '../workflow-runtime/command';
import { StreamRuntime } from '../workflow-runtime/stream-runtime';
import { LoadedCase, StreamLoader } from '../workflow-runtime/streams';
import { CommissionEntity } from '../commissions/commission.entity';
import { EventEntity } from '../events/event.entity';
import { metaOf } from '../events/event-catalogue';
import { toStored } from '../events/event-store';
import { CaseEntity } from './case.entity';
import { CASE_COMMANDS } from './commands';
import { ConclusionStore } from './conclusions';
import { CaseListQueryDto } from './dto/case-commands.dto';
import { text } from '../i18n/text';
import { pageParams } from '../common/paging';

/** A command this person may send now (SPEC §10: the web application offers exactly these). */
export interface AllowedAction {
  /** The policy action, e.g. `case.objection`. */
  action: string;
  /** The machine event it sends. */
  event: string;
  method: 'POST';
  /** The route, with the case id filled in (`:n` stays for row decisions: the row the probe found open is `row`). */
  path: string;
  row?: number;
  /** The term it runs against, if one runs: which, its point of the law, its last valid instant. */
  term?: { kind: string; law: string; due: string };
}

/**
 * The read side of appeal cases: what a case looks like to this person (with the actions they may take now),
 * lists scoped by the access policy in SQL, conclusions, events, refusals, deadlines and documents.
 * Reads go through the read connection; answers to commands are built from the state the command wrote.
 */
@Injectable()
export class CaseReader implements OnModuleInit {
  constructor(
    private readonly reader: ReadDb,
    private readonly clock: Clock,
    private readonly loader: StreamLoader,
    private readonly reference: ReferenceService,
    private readonly conclusionStore: ConclusionStore,
    private readonly events: EventStore,
    private readonly deadlines: DeadlinesService,
    private readonly documentsService: DocumentsService,
    private readonly runtime: StreamRuntime,
  ) {}

  onModuleInit(): void {
    this.runtime.registerView('case', (m, stream, account) => this.view(m, stream, account));
  }

  /** The case as this account may see it; another body's case is 404, never 403 (SPEC §7). */
  async visible(id: string, account: AuthenticatedAccount): Promise<LoadedCase> {
    const loaded = await this.loader.loadCase(this.reader.manager, id);
    if (!loaded || !permits(account, 'case.read', factsOf(loaded.stream.row)))
      throw new DomainError('not-found', text('refusals.common.noCase', { id }));
    return loaded.stream;
  }

  async get(id: string, account: AuthenticatedAccount) {
    return this.view(this.reader.manager, await this.visible(id, account), account);
  }

  async list(query: CaseListQueryDto, account: AuthenticatedAccount) {
    const qb = this.reader.manager
      .createQueryBuilder(CaseEntity, 'c')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'ASC');
    if (query.state) qb.andWhere('c.state = :state', { state: query.state });
    if (query.direction) qb.andWhere('c.direction = :direction', { direction: query.direction });
    if (query.cycle) qb.andWhere('c.cycle_code = :cycle', { cycle: query.cycle });
    if (query.bodyCode) qb.andWhere('c.body_code = :bodyCode', { bodyCode: query.bodyCode });
    if (query.overdue === 'true') qb.andWhere('c.overdue_count > 0');
    if (query.overdue === 'false') qb.andWhere('c.overdue_count = 0');
    // The policy's scope in SQL, so paging counts only what the caller may see.
    const scope = sqlScope(account, 'case.read', {
      bodyCode: 'c.body_code',
      authorityCode: 'c.authority_code',
      escalated: 'c.escalated',
    });
    if (scope) qb.andWhere(scope.where, scope.params);
    const total = await qb.getCount();
    const { limit, offset } = pageParams(query);
    const rows = await qb.take(limit).skip(offset).getMany();
    return { items: rows.map((r) => this.summary(r)), total, limit, offset };
  }

  async conclusions(id: string, account: AuthenticatedAccount) {
    await this.visible(id, account);
    const versions = (await this.conclusionStore.versions(this.reader.manager, id)).map(
      ({ version, issuedAt, reason, items }) => ({ version, issuedAt, reason, items }),
    );
    const differences = versions.slice(1).map((v, i) => ({
      from: versions[i].version,
      to: v.version,
      changes: v.items
        .map((item) => ({ item, before: versions[i].items.find((x) => x.code === item.code) }))
        .filter(({ item, before }) => before?.score !== item.score)
        .map(({ item, before }) => ({ code: item.code, title: item.title, before: before?.score, after: item.score })),
    }));
    return { caseId: id, versions, differences };
  }

  async eventsOf(id: string, account: AuthenticatedAccount) {
    await this.visible(id, account);
    return this.events.read(this.reader.manager, id);
  }

  async refusals(id: string, account: AuthenticatedAccount) {
    await this.visible(id, account);
    const rows = await this.reader.manager.find(RefusalEntity, { where: { streamId: id }, order: { id: 'ASC' } });
    return rows.map((r) => ({ ...r, payload: refusalPayload(r.payload) }));
  }

  async deadlinesOf(id: string, account: AuthenticatedAccount) {
    await this.visible(id, account);
    const rows = await this.deadlines.openFor(this.reader.manager, id);
    return rows.map(({ leaseOwner: _o, leaseUntil: _u, ...r }) => ({ ...r, term: JSON.parse(r.term) as unknown }));
  }

  /**
   * A supporting document, only through a case the reader may see and on which it was cited (SPEC §7): the
   * objection's, the escalation's (p.108) and the delivery record's (p.98).
   */
  async document(id: string, sha256: string, account: AuthenticatedAccount) {
    const stream = await this.visible(id, account);
    const context = stream.snapshot.context;
    const cited = [
      ...context.documents,
      ...(context.escalation?.documents ?? []),
      ...(context.delivery?.document ? [context.delivery.document] : []),
    ];
    if (!cited.some((d) => d.sha256 === sha256))
      throw new DomainError('not-found', text('refusals.common.noCaseDocument'));
    return this.documentsService.open(sha256);
  }

  summary(row: CaseEntity) {
    const context = (JSON.parse(row.snapshot) as { context: AppealCaseContext }).context;
    return {
      id: row.id,
      state: row.state,
      outcome: row.outcome,
      direction: row.direction,
      bodyCode: row.bodyCode,
      cycle: row.cycleCode,
      authority: row.authorityCode,
      deadlines: {
        objection: context.deadlines.objection,
        table: context.deadlines.table ?? null,
        result: context.deadlines.result ?? null,
        escalation: context.deadlines.escalation ?? null,
        ...(context.deadlines.signature ? { signature: context.deadlines.signature } : {}),
      },
      overdue: context.overdue,
      escalated: Boolean(row.escalated),
      version: row.version,
      updatedAt: row.updatedAt,
    };
  }

  /** The whole case for one person, with the commands they may send now. */
  async view(m: EntityManager, stream: LoadedCase, account: AuthenticatedAccount) {
    const { row, snapshot } = stream;
    const context = snapshot.context;
    const body = await this.reference.body(row.bodyCode, 'bodyCode', m);
    return {
      ...this.summary(row),
      body: { code: body.code, nameKk: body.nameKk, nameRu: body.nameRu },
      workflowVersion: row.workflowVersion,
      ruleSetId: row.ruleSetId,
      conclusionVersion: context.conclusionVersion,
      finalAtAuthority: isFinalAtAuthority(snapshot),
      correctionOwed: correctionOwed(snapshot),
      issuedAt: context.issuedAt,
      objectionAt: context.objectionAt ?? null,
      dispatchedAt: context.dispatchedAt ?? null,
      escalatedAt: context.escalatedAt ?? null,
      disputedItems: context.disputedItems,
      documents: context.documents,
      table: {
        rows: context.rows,
        signatures: context.signatures,
        ...(context.signedTable ? { signed: context.signedTable } : {}),
      },
      // Workflow v2 (issue 13): what the case is pinned to and what its steps recorded.
      ...(context.settings ? { settings: context.settings } : {}),
      ...(context.catalogue ? { catalogue: context.catalogue } : {}),
      ...(context.delivery ? { delivery: { at: context.issuedAt, ...context.delivery } } : {}),
      ...(context.appealTo !== undefined ? { appealTo: context.appealTo } : {}),
      ...(context.withdrawals?.length ? { withdrawals: context.withdrawals } : {}),
      ...(context.dispatch ? { dispatch: context.dispatch } : {}),
      ...(context.escalation ? { escalation: { at: context.escalatedAt ?? null, ...context.escalation } } : {}),
      ...(context.transmission
        ? {
            transmission: {
              ...context.transmission,
              transmitted: context.transmitted !== undefined,
              ...(context.transmitted ? { conclusionVersion: context.transmitted.conclusionVersion } : {}),
            },
          }
        : {}),
      createdAt: row.createdAt,
      allowedActions: this.allowedActions(stream, account),
    };
  }

  /** From the policy AND the machine: the commands this account may send on this case now (`snapshot.can`). */
  allowedActions(stream: LoadedCase, account: AuthenticatedAccount): AllowedAction[] {
    if (stream.snapshot.status === 'done') return [];
    const facts = factsOf(stream.row);
    const probe: ProbeContext = {
      at: this.clock.now().toISOString(),
      stream,
      actor: account,
      commissionConstituted: stream.commission !== null && isConstituted(stream.commission.snapshot),
    };
    const out: AllowedAction[] = [];
    for (const command of CASE_COMMANDS as readonly CaseCommand<object>[]) {
      if (!command.probe || !permits(account, command.action, facts)) continue;
      const event = command.probe(probe);
      if (!event || !stream.snapshot.can(event)) continue;
      const due = command.term ? stream.snapshot.context.deadlines[command.term] : undefined;
      out.push({
        action: command.action,
        event: command.event,
        method: 'POST',
        path: `/api/v1/${command.route.path.replace(':id', stream.row.id)}`,
        ...(event.type === 'ROW.DECIDE' ? { row: event.n } : {}),
        ...(command.term && due ? { term: { kind: command.term, law: TERM_LAW[command.term], due } } : {}),
      });
    }
    return out;
  }
}

/** What the web pages' case list filters by (issue 14): the API's filters plus several bodies and live/past breaches. */
export interface CaseSearch {
  state?: string;
  direction?: string;
  cycle?: string;
  /** Any of these bodies (a search by name resolves to codes first). */
  bodyCodes?: string[];
  /** `live`: a breach on a case still running; `past`: a breach recorded on a closed case; `none`: no breach. */
  breaches?: 'live' | 'past' | 'none';
  limit: number;
  offset: number;
}

/**
 * Reads for the web pages (issue 14), kept apart from the API's reads above: the work queue needs every
 * running case this person may see as a stream (to ask each for its allowedActions), the case list needs
 * several bodies and live/past breaches, and the calendar page needs the deadlines a calendar version moved.
 * Each is scoped by the access policy in SQL, like `list`.
 */
@Injectable()
export class CaseQueueReader {
  constructor(
    private readonly reader: ReadDb,
    private readonly loader: StreamLoader,
    private readonly cases: CaseReader,
  ) {}

  private scoped(account: AuthenticatedAccount) {
    const qb = this.reader.manager.createQueryBuilder(CaseEntity, 'c');
    const scope = sqlScope(account, 'case.read', {
      bodyCode: 'c.body_code',
      authorityCode: 'c.authority_code',
      escalated: 'c.escalated',
    });
    if (scope) qb.andWhere(scope.where, scope.params);
    return qb;
  }

  /** Every case still running that this account may see, as streams with their commissions (two statements), each with its allowedActions. */
  async running(account: AuthenticatedAccount) {
    const rows = await this.scoped(account).andWhere("c.state <> 'closed'").getMany();
    if (rows.length === 0) return [];
    const scopeOf = (r: { authorityCode: string; direction: string; cycleCode: string }) =>
      `${r.authorityCode}|${r.direction}|${r.cycleCode}`;
    const commissions = await this.reader.manager.find(CommissionEntity, {
      where: { authorityCode: In([...new Set(rows.map((r) => r.authorityCode))]) },
    });
    const byScope = new Map(commissions.map((k) => [scopeOf(k), k]));
    const out = [];
    for (const row of rows) {
      const commission = byScope.get(scopeOf(row));
      const stream = await this.loader.caseStream(row, commission ? this.loader.commission(commission) : null);
      out.push({ summary: this.cases.summary(row), allowedActions: this.cases.allowedActions(stream, account) });
    }
    return out;
  }

  /** One page of the cases this account may see, newest change first, with the total (paging never hides cases). */
  async search(filter: CaseSearch, account: AuthenticatedAccount) {
    const qb = this.scoped(account).orderBy('c.updated_at', 'DESC').addOrderBy('c.id', 'ASC');
    if (filter.state) qb.andWhere('c.state = :state', { state: filter.state });
    if (filter.direction) qb.andWhere('c.direction = :direction', { direction: filter.direction });
    if (filter.cycle) qb.andWhere('c.cycle_code = :cycle', { cycle: filter.cycle });
    if (filter.bodyCodes) {
      if (filter.bodyCodes.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere('c.body_code IN (:...bodyCodes)', { bodyCodes: filter.bodyCodes });
    }
    if (filter.breaches === 'live') qb.andWhere("c.overdue_count > 0 AND c.state <> 'closed'");
    if (filter.breaches === 'past') qb.andWhere("c.overdue_count > 0 AND c.state = 'closed'");
    if (filter.breaches === 'none') qb.andWhere('c.overdue_count = 0');
    const total = await qb.getCount();
    const rows = await qb.take(filter.limit).skip(filter.offset).getMany();
    return { total, items: rows.map((r) => this.cases.summary(r)) };
  }

  /** The cycles of the cases this account may see (for the list's filter). */
  async cycles(account: AuthenticatedAccount): Promise<string[]> {
    const rows: { cycle: string }[] = await this.scoped(account)
      .select('DISTINCT c.cycle_code', 'cycle')
      .orderBy('c.cycle_code', 'DESC')
      .getRawMany();
    return rows.map((r) => r.cycle);
  }

  /**
   * SPEC §3: the deadlines a calendar version moved — the DEADLINES.RECOMPUTED events written in the transaction
   * of that change (their `meta.calendarVersion`), in the cases this account may see.
   */
  async movedByCalendarVersion(calendarVersion: number, account: AuthenticatedAccount) {
    const visible = this.scoped(account).select('c.id');
    const events = await this.reader.manager
      .createQueryBuilder(EventEntity, 'e')
      .where("e.type = 'DEADLINES.RECOMPUTED'")
      // A coarse filter on the stored canonical JSON (also matches 5 for 50); the exact test is metaOf below.
      .andWhere('e.payload LIKE :version', { version: `%"calendarVersion":${Math.trunc(calendarVersion)}%` })
      .andWhere(`e.stream_id IN (${visible.getQuery()})`, visible.getParameters())
      .orderBy('e.stream_id')
      .addOrderBy('e.seq')
      .getMany();
    const moved = events.map(toStored).filter((e) => metaOf(e).calendarVersion === calendarVersion);
    if (moved.length === 0) return [];
    const rows = await this.reader.manager.find(CaseEntity, {
      where: { id: In([...new Set(moved.map((e) => e.streamId))]) },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return moved.map((e) => {
      const meta = metaOf(e);
      const deadlines = (e.payload as { deadlines?: Record<string, string> }).deadlines ?? {};
      return {
        case: this.cases.summary(byId.get(e.streamId)!),
        seq: e.seq,
        at: e.businessTime,
        reason: meta.reason ?? null,
        terms: Object.entries(deadlines).map(([kind, due]) => ({
          kind,
          previous: meta.previous?.[kind as keyof typeof meta.previous] ?? null,
          due,
        })),
      };
    });
  }
}

export function factsOf(row: Pick<CaseEntity, 'bodyCode' | 'authorityCode' | 'escalated'>) {
  return { bodyCode: row.bodyCode, authorityCode: row.authorityCode, escalated: Boolean(row.escalated) };
}
