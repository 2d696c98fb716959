import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AppealCaseContext,
  AppealCaseEvent,
  LATEST_APPEAL_CASE_VERSION,
  appealCaseMachines,
  caseStateName,
  correctionOwed,
  isFinalAtAuthority,
  whyRefused,
} from '../../workflows';
import { actsForAuthority, canSeeCase } from '../auth/access';
import { AuthenticatedAccount } from '../auth/authenticated-account';
import { CalendarService } from '../calendar/calendar.service';
import { CalendarYearUnknownError, computeDeadline, localDateOf } from '../calendar/calendar-rules';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { IdGenerator } from '../common/id-generator';
import { CommissionsService } from '../commissions/commissions.service';
import { DEADLINE_EVENT, DeadlineEntity, DeadlineKind } from '../deadlines/deadline.entity';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { DocumentsService } from '../documents/documents.service';
import { NotificationsService } from '../notifications/notifications.service';
import { canonicalJson, sha256Hex } from '../events/canonical';
import { RefusalEntity } from '../events/event.entity';
import { Actor, EventStore, GENESIS_HASH, StoredEvent } from '../events/event-store';
import { ReferenceService } from '../reference/reference.service';
import { Rules } from '../reference/rule-set';
import { describeRefusal } from '../workflow-runtime/refusal-messages';
import { StreamWriter } from '../workflow-runtime/stream-writer';
import { initialPersisted, restore } from '../workflow-runtime/workflow-runtime';
import { CaseEntity, ConclusionEntity } from './case.entity';
import {
  CaseListQueryDto,
  CorrectionDto,
  CreateConclusionDto,
  EscalationDto,
  EscalationOutcomeDto,
  NoteDto,
  ObjectionDto,
  RowDecisionDto,
  SignatureDto,
  TableDto,
} from './dto/case-commands.dto';

export interface ConclusionItem {
  code: string;
  title: string;
  score: number;
  maxScore: number;
}

interface LoadedCase {
  row: CaseEntity;
  snapshot: any;
  context: AppealCaseContext;
  rules: Rules;
}

type Build = (m: EntityManager, loaded: LoadedCase, at: string) => Promise<{ event: AppealCaseEvent; after?: (m: EntityManager, next: any, stored: StoredEvent) => Promise<void> }>;

/** Which roles may send which command, and on whose side of the case they stand. */
const AGENCY_COMMANDS = ['objection', 'no-objection', 'withdrawal', 'escalation'];

/**
 * The appeal procedure of chapter 7 over the event log: every command loads the case, asks the
 * machine of the workflow version the case was created with, and in one transaction appends the
 * event and moves the snapshot — or refuses with the rule and logs the refusal.
 */
@Injectable()
export class CasesService implements OnModuleInit {
  private readonly logger = new Logger(CasesService.name);
  private readonly conclusionCache = new Map<string, { version: number; items: ConclusionItem[]; evaluators: string[] }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly calendar: CalendarService,
    private readonly reference: ReferenceService,
    private readonly eventStore: EventStore,
    private readonly writer: StreamWriter,
    private readonly commissions: CommissionsService,
    private readonly documents: DocumentsService,
    private readonly deadlines: DeadlinesService,
    private readonly notifications: NotificationsService,
  ) {}

  /** SPEC §3: when the calendar changes, open deadlines are recomputed in the same transaction. */
  onModuleInit(): void {
    this.calendar.onChange((change, m) => this.recomputeDeadlines(m, change.toVersion, change.note));
  }

  // ---------------------------------------------------------------- conclusions start cases (p.91–p.97)

  async createConclusion(dto: CreateConclusionDto, account: AuthenticatedAccount) {
    const now = this.clock.now();
    try {
      const body = await this.reference.body(dto.bodyCode);
      if (body.kind === 'workingBody') throw DomainError.validation([{ name: 'bodyCode', reason: 'the working body is not evaluated' }]);
      await this.reference.cycle(dto.cycle);
      const authority = await this.reference.evaluatingAuthority(dto.direction, dto.bodyCode);
      if (!actsForAuthority(account, authority) || !['authorityOfficer', 'presidentialAdministration'].includes(account.role)) {
        throw new DomainError('forbidden', `Conclusions on ${dto.bodyCode} for ${dto.direction} are drawn up by ${authority} (points 91, 93, 95, 97)`);
      }
      if (Date.parse(dto.deliveredAt) > now.getTime()) {
        throw DomainError.validation([{ name: 'deliveredAt', reason: 'may be in the past, never in the future (the server receipt time is the latest possible)' }]);
      }
      const codes = dto.items.map((i) => i.code);
      const dup = codes.findIndex((c, i) => codes.indexOf(c) !== i);
      if (dup >= 0) throw DomainError.validation([{ name: `items[${dup}].code`, reason: 'each indicator appears once' }]);
      const over = dto.items.findIndex((i) => i.score > i.maxScore);
      if (over >= 0) throw DomainError.validation([{ name: `items[${over}].score`, reason: 'may not exceed maxScore' }]);
      await this.reference.people(dto.evaluators, 'evaluators');
      const ruleSet = await this.reference.ruleSetInForce(localDateOf(dto.deliveredAt));
      const d1 = await this.calendar.deadline(dto.deliveredAt, { workingDays: ruleSet.rules.objectionWorkingDays });

      const id = this.ids.uuid();
      const at = now.toISOString();
      const items: ConclusionItem[] = dto.items.map((i) => ({ code: i.code, title: i.title, score: i.score, maxScore: i.maxScore }));
      const machine = appealCaseMachines[LATEST_APPEAL_CASE_VERSION];
      const input = { caseId: id, direction: dto.direction, bodyCode: dto.bodyCode, authority, issuedAt: dto.deliveredAt, deadlines: { objection: d1.deadline } };
      const { persisted, snapshot } = initialPersisted(machine, input);
      return await this.dataSource.transaction(async (m) => {
        const existing = await m.findOneBy(CaseEntity, { bodyCode: dto.bodyCode, direction: dto.direction, cycleCode: dto.cycle });
        if (existing) {
          throw DomainError.validation([{ name: 'bodyCode', reason: `a conclusion for ${dto.bodyCode}, ${dto.direction}, ${dto.cycle} exists already (case ${existing.id}); correct it instead (p.107)` }]);
        }
        const conclusion = { version: 1, items, evaluators: dto.evaluators };
        const [opened] = await this.eventStore.append(
          m,
          { id, type: 'case', lastSeq: 0, lastHash: GENESIS_HASH },
          [{
            type: 'CASE.OPENED',
            payload: {
              input,
              cycle: dto.cycle,
              workflowVersion: LATEST_APPEAL_CASE_VERSION,
              ruleSet: { id: ruleSet.id, code: ruleSet.code },
              calendarVersion: d1.calendarVersion,
              conclusion: { version: 1, sha256: sha256Hex(canonicalJson(conclusion)) },
            },
            businessTime: dto.deliveredAt,
          }],
          { id: account.id, role: account.role },
          at,
        );
        await m.insert(CaseEntity, {
          id,
          bodyCode: dto.bodyCode,
          direction: dto.direction,
          cycleCode: dto.cycle,
          authorityCode: authority,
          workflowVersion: LATEST_APPEAL_CASE_VERSION,
          ruleSetId: ruleSet.id,
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
        await m.insert(ConclusionEntity, { caseId: id, version: 1, items: JSON.stringify(items), evaluators: JSON.stringify(dto.evaluators), reason: null, issuedBy: account.id, issuedAt: dto.deliveredAt });
        await this.deadlines.open(m, id, 'objection', d1);
        return this.view(m, (await this.load(m, id, false))!, account);
      });
    } catch (error) {
      await this.logRefusal(null, 'conclusion', account, error, dto);
      throw error;
    }
  }

  // ---------------------------------------------------------------- the agency's commands (p.98, p.99, p.108)

  objection(id: string, dto: ObjectionDto, account: AuthenticatedAccount) {
    return this.command(id, 'objection', account, dto, async (m, c, at) => {
      const conclusion = await this.latestConclusion(m, id, c.context.conclusionVersion);
      const known = new Set(conclusion.items.map((i) => i.code));
      const unknownAt = dto.items.findIndex((i) => !known.has(i.indicatorCode));
      if (unknownAt >= 0) {
        throw DomainError.validation([{ name: `items[${unknownAt}].indicatorCode`, reason: 'not an indicator of this conclusion' }]);
      }
      const codes = dto.items.map((i) => i.indicatorCode);
      const dup = codes.findIndex((code, i) => codes.indexOf(code) !== i);
      if (dup >= 0) throw DomainError.validation([{ name: `items[${dup}].indicatorCode`, reason: 'each indicator is disputed once' }]);
      if (dto.documents.length > c.rules.maxDocumentsPerObjection) {
        throw DomainError.validation([{ name: 'documents', reason: `at most ${c.rules.maxDocumentsPerObjection} documents` }]);
      }
      const docs = await this.documents.requireAll(dto.documents);
      const d2 = await this.calendar.deadline(at, { workingDays: c.rules.tableWorkingDays });
      const d3 = await this.calendar.deadline(at, { calendarDays: c.rules.resultCalendarDays });
      const event: AppealCaseEvent = {
        type: 'OBJECTION.FILE',
        at,
        items: dto.items.map((i) => ({ indicatorCode: i.indicatorCode, argument: i.argument, ...(i.claimedScore !== undefined ? { claimedScore: i.claimedScore } : {}) })),
        documents: docs.map((d) => ({ name: d.originalName, sha256: d.sha256 })),
        deadlines: { table: d2.deadline, result: d3.deadline },
      };
      return {
        event,
        // p.100: the commission must not include anyone who evaluated an objecting body.
        after: async (mm) => {
          await this.deadlines.open(mm, id, 'table', d2);
          await this.deadlines.open(mm, id, 'result', d3);
          await this.commissions.registerObjection(mm, c.row, conclusion.evaluators, { id: account.id, role: account.role }, at);
        },
      };
    });
  }

  noObjection(id: string, dto: NoteDto, account: AuthenticatedAccount) {
    return this.command(id, 'no-objection', account, dto, async (_m, _c, at) => ({ event: { type: 'NO_OBJECTION.FILE', at } }));
  }

  withdrawal(id: string, dto: NoteDto, account: AuthenticatedAccount) {
    return this.command(id, 'withdrawal', account, dto, async (_m, _c, at) => ({ event: { type: 'OBJECTION.WITHDRAW', at } }));
  }

  escalation(id: string, dto: EscalationDto, account: AuthenticatedAccount) {
    return this.command(id, 'escalation', account, dto, async (_m, _c, at) => {
      if (dto.documents?.length) await this.documents.requireAll(dto.documents);
      return { event: { type: 'ESCALATION.FILE', at } };
    });
  }

  // ---------------------------------------------------------------- the authority and its commission (p.100–p.107)

  table(id: string, dto: TableDto, account: AuthenticatedAccount) {
    return this.command(id, 'table', account, dto, async (m, c, at) => {
      const conclusion = await this.latestConclusion(m, id, c.context.conclusionVersion);
      const positions = new Map<string, string>();
      dto.rows.forEach((r, i) => {
        if (!c.context.disputedItems.some((d) => d.indicatorCode === r.indicatorCode)) {
          throw DomainError.validation([{ name: `rows[${i}].indicatorCode`, reason: 'not disputed in the objection' }]);
        }
        if (positions.has(r.indicatorCode)) throw DomainError.validation([{ name: `rows[${i}].indicatorCode`, reason: 'one position per disputed item' }]);
        positions.set(r.indicatorCode, r.authorityPosition);
      });
      const missing = c.context.disputedItems.filter((d) => !positions.has(d.indicatorCode));
      if (missing.length) {
        throw DomainError.validation([{ name: 'rows', reason: `the authority states its position on every disputed item; missing: ${missing.map((d) => d.indicatorCode).join(', ')}` }]);
      }
      const rows = c.context.disputedItems.map((d, i) => {
        const item = conclusion.items.find((x) => x.code === d.indicatorCode)!;
        return {
          n: i + 1,
          indicatorCode: d.indicatorCode,
          title: item.title,
          authorityScore: item.score,
          ...(d.claimedScore !== undefined ? { claimedScore: d.claimedScore } : {}),
          argument: d.argument,
          authorityPosition: positions.get(d.indicatorCode)!,
        };
      });
      return { event: { type: 'TABLE.DRAFT', at, rows } };
    });
  }

  submitTable(id: string, dto: NoteDto, account: AuthenticatedAccount) {
    return this.command(id, 'table/submission', account, dto, async (m, c, at) => {
      const commission = await this.commissions.forScope(m, c.row.authorityCode, c.row.direction, c.row.cycleCode, false);
      return { event: { type: 'TABLE.SUBMIT', at, commissionConstituted: this.commissions.isConstituted(commission) } };
    });
  }

  decision(id: string, n: number, dto: RowDecisionDto, account: AuthenticatedAccount) {
    return this.command(id, 'table/rows/decision', account, dto, async (m, c, at) => {
      const commission = await this.commissions.forScope(m, c.row.authorityCode, c.row.direction, c.row.cycleCode, false);
      const meeting = commission?.context.meetings.find((mt) => mt.id === dto.meetingId);
      if (commission && !meeting) throw DomainError.validation([{ name: 'meetingId', reason: 'no such meeting of this commission' }]);
      if (meeting && !meeting.present) throw DomainError.validation([{ name: 'meetingId', reason: 'record the attendance of the meeting first (p.103)' }]);
      const present = meeting?.present?.length ?? 0;
      const members = commission?.context.members.length ?? 0;
      const row = c.context.rows.find((r) => r.n === n);
      const revisedScore = dto.decision === 'agree' ? dto.revisedScore ?? row?.claimedScore : undefined;
      if (dto.decision === 'agree' && revisedScore === undefined && row) {
        throw DomainError.validation([{ name: 'revisedScore', reason: 'give the revised score: the objection claimed none' }]);
      }
      return {
        event: {
          type: 'ROW.DECIDE',
          at,
          n,
          decision: dto.decision,
          ...(revisedScore !== undefined ? { revisedScore } : {}),
          rationale: dto.rationale,
          vote: { ...dto.votes, present, members, ...(dto.chairVote ? { chairVote: dto.chairVote } : {}) },
          commissionConstituted: this.commissions.isConstituted(commission),
          quorumFraction: c.rules.quorumFraction,
        },
      };
    });
  }

  signature(id: string, dto: SignatureDto, account: AuthenticatedAccount) {
    return this.command(id, 'table/signatures', account, dto, async (m, c, at) => {
      if (account.role === 'agencyRepresentative') {
        return { event: { type: 'TABLE.SIGN', at, signer: 'agency', name: account.displayName, ...(dto.refusalReason ? { refusalReason: dto.refusalReason } : {}) } };
      }
      if (dto.refusalReason) throw DomainError.validation([{ name: 'refusalReason', reason: 'only the representative of the evaluated body may refuse to sign (p.105)' }]);
      const commission = await this.commissions.forScope(m, c.row.authorityCode, c.row.direction, c.row.cycleCode, false);
      const chair = commission?.context.members.find((mm) => mm.role === 'chair');
      if (!chair || chair.iin !== account.personIin) {
        throw new DomainError('forbidden', 'Only the chair of the special commission signs the table for it (p.105)');
      }
      return { event: { type: 'TABLE.SIGN', at, signer: 'chair', name: chair.name ?? account.displayName } };
    });
  }

  dispatch(id: string, dto: NoteDto, account: AuthenticatedAccount) {
    return this.command(id, 'dispatch', account, dto, async (_m, c, at) => {
      // p.108: the body's term runs from its receipt of the results: the dispatch, delivered electronically at once.
      const d4 = await this.calendar.deadline(at, { workingDays: c.rules.escalationWorkingDays });
      return {
        event: { type: 'RESULTS.DISPATCH', at, deadlines: { escalation: d4.deadline } },
        after: async (mm) => {
          await this.deadlines.open(mm, id, 'escalation', d4);
          await this.notifications.resultsDispatched(mm, id, d4);
        },
      };
    });
  }

  correction(id: string, dto: CorrectionDto, account: AuthenticatedAccount) {
    return this.command(id, 'correction', account, dto, async (m, c, at) => {
      const current = await this.latestConclusion(m, id);
      const revised = new Map(c.context.rows.filter((r) => r.decision === 'agree' && r.revisedScore !== undefined).map((r) => [r.indicatorCode, r.revisedScore!]));
      const items = current.items.map((i) => (revised.has(i.code) ? { ...i, score: revised.get(i.code)! } : i));
      const version = current.version + 1;
      return {
        event: { type: 'CONCLUSION.CORRECT', at, conclusionVersion: version },
        after: async (mm) => {
          await mm.insert(ConclusionEntity, { caseId: id, version, items: JSON.stringify(items), evaluators: JSON.stringify(current.evaluators), reason: dto.reason ?? 'p.107: objections accepted by the special commission', issuedBy: account.id, issuedAt: at });
        },
      };
    });
  }

  escalationOutcome(id: string, dto: EscalationOutcomeDto, account: AuthenticatedAccount) {
    return this.command(id, 'escalation/outcome', account, dto, async (m, _c, at) => {
      if (dto.outcome === 'upheld') {
        if (dto.scores?.length) throw DomainError.validation([{ name: 'scores', reason: 'an upheld result changes no score' }]);
        return { event: { type: 'ESCALATION.OUTCOME', at, outcome: 'upheld' } };
      }
      if (!dto.scores?.length) throw DomainError.validation([{ name: 'scores', reason: 'a revised result gives the new scores' }]);
      const current = await this.latestConclusion(m, id);
      dto.scores.forEach((s, i) => {
        const item = current.items.find((x) => x.code === s.code);
        if (!item) throw DomainError.validation([{ name: `scores[${i}].code`, reason: 'not an indicator of this conclusion' }]);
        if (s.score > item.maxScore) throw DomainError.validation([{ name: `scores[${i}].score`, reason: `may not exceed ${item.maxScore}` }]);
      });
      const scores = new Map(dto.scores.map((s) => [s.code, s.score]));
      const items = current.items.map((i) => (scores.has(i.code) ? { ...i, score: scores.get(i.code)! } : i));
      const version = current.version + 1;
      return {
        event: { type: 'ESCALATION.OUTCOME', at, outcome: 'revised', conclusionVersion: version },
        after: async (mm) => {
          await mm.insert(ConclusionEntity, { caseId: id, version, items: JSON.stringify(items), evaluators: JSON.stringify(current.evaluators), reason: `Presidential Administration: ${dto.note}`, issuedBy: account.id, issuedAt: at });
        },
      };
    });
  }

  // ---------------------------------------------------------------- reads

  async get(id: string, account: AuthenticatedAccount) {
    const loaded = await this.load(this.dataSource.manager, id, false);
    if (!loaded || !canSeeCase(account, loaded.row)) throw new DomainError('not-found', `No case ${id}`);
    return this.view(this.dataSource.manager, loaded, account);
  }

  async list(query: CaseListQueryDto, account: AuthenticatedAccount) {
    const qb = this.dataSource.manager.createQueryBuilder(CaseEntity, 'c').orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'ASC');
    if (query.state) qb.andWhere('c.state = :state', { state: query.state });
    if (query.direction) qb.andWhere('c.direction = :direction', { direction: query.direction });
    if (query.cycle) qb.andWhere('c.cycle_code = :cycle', { cycle: query.cycle });
    if (query.bodyCode) qb.andWhere('c.body_code = :bodyCode', { bodyCode: query.bodyCode });
    if (query.overdue === 'true') qb.andWhere('c.overdue_count > 0');
    if (query.overdue === 'false') qb.andWhere('c.overdue_count = 0');
    // Scope in SQL, so pagination counts only what the caller may see.
    if (account.role === 'agencyRepresentative') qb.andWhere('c.body_code = :own', { own: account.bodyCode });
    else if (account.role === 'presidentialAdministration') qb.andWhere('(c.authority_code = :auth OR c.escalated = :yes)', { auth: account.authorityCode, yes: true });
    else if (!['administrator', 'auditor', 'workingBody'].includes(account.role)) qb.andWhere('c.authority_code = :auth', { auth: account.authorityCode });
    const total = await qb.getCount();
    const rows = await qb.take(query.limit ?? 50).skip(query.offset ?? 0).getMany();
    return { total, items: rows.map((r) => this.summary(r)) };
  }

  async conclusions(id: string, account: AuthenticatedAccount) {
    await this.get(id, account);
    const rows = await this.dataSource.manager.find(ConclusionEntity, { where: { caseId: id }, order: { version: 'ASC' } });
    const versions = rows.map((r) => ({ version: r.version, issuedAt: r.issuedAt, reason: r.reason, items: JSON.parse(r.items) as ConclusionItem[] }));
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

  async events(id: string, account: AuthenticatedAccount) {
    await this.get(id, account);
    return this.eventStore.read(this.dataSource.manager, id);
  }

  async refusals(id: string, account: AuthenticatedAccount) {
    await this.get(id, account);
    const rows = await this.dataSource.manager.find(RefusalEntity, { where: { streamId: id }, order: { id: 'ASC' } });
    return rows.map((r) => ({ ...r, payload: r.payload ? JSON.parse(r.payload) : null }));
  }

  async document(id: string, sha256: string, account: AuthenticatedAccount) {
    const view = await this.get(id, account);
    if (!view.documents.some((d: { sha256: string }) => d.sha256 === sha256)) throw new DomainError('not-found', 'This case has no such document');
    return this.documents.open(sha256);
  }

  // ---------------------------------------------------------------- terms fired by the scheduler (SPEC §3, §9)

  /**
   * Fires one claimed deadline as its machine event, with the legal due time (the first instant after
   * the term) as business time, in one transaction with the row's move to `fired` — exactly once.
   * A deadline the machine no longer accepts (the term was ended, or moved) is closed without an event.
   */
  async fireDeadline(row: DeadlineEntity, owner: string): Promise<'fired' | 'stale' | 'skipped'> {
    return this.dataSource.transaction(async (m) => {
      const loaded = await this.load(m, row.caseId, true);
      const current = await m.findOneBy(DeadlineEntity, { id: row.id });
      if (!loaded || !current || current.status !== 'open' || current.leaseOwner !== owner) return 'skipped';
      const at = new Date(current.dueMs + 1).toISOString();
      const event = { type: DEADLINE_EVENT[current.kind], at } as AppealCaseEvent;
      if (loaded.snapshot.status === 'done' || !loaded.snapshot.can(event)) {
        await this.deadlines.markClosed(m, current.id);
        return 'stale';
      }
      const machine = appealCaseMachines[loaded.row.workflowVersion];
      const { next } = await this.writer.apply(m, {
        table: 'cases',
        streamType: 'case',
        row: loaded.row,
        machine,
        snapshot: loaded.snapshot,
        event: { ...event, law: current.law, deadlineId: current.id } as never,
        actor: { id: 'scheduler', role: 'system' },
        recordedTime: this.clock.now().toISOString(),
        whyRefused: () => whyRefused(machine, loaded.snapshot, event),
        describe: (r) => describeRefusal(event.type, r),
        project: (snap) => this.projection(snap),
      });
      await this.deadlines.markFired(m, current.id, owner);
      await this.notifications.missed(m, { id: loaded.row.id, bodyCode: loaded.row.bodyCode, authorityCode: loaded.row.authorityCode }, current);
      await this.deadlines.closeEnded(m, current.caseId, next);
      return 'fired';
    });
  }

  /** Recomputes every open deadline computed with an older calendar; a moved one is an event in its case. */
  private async recomputeDeadlines(m: EntityManager, calendarVersion: number, note: string): Promise<void> {
    const rows = await this.deadlines.openComputedBefore(m, calendarVersion);
    if (rows.length === 0) return;
    const calendar = await this.calendar.versionIn(m, calendarVersion);
    const byCase = new Map<string, DeadlineEntity[]>();
    for (const r of rows) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r]);
    const at = this.clock.now().toISOString();
    for (const [caseId, caseRows] of byCase) {
      const moved: Partial<Record<DeadlineKind, string>> = {};
      const previous: Partial<Record<DeadlineKind, string>> = {};
      const skipped: { date: string; reason: unknown }[] = [];
      for (const r of caseRows) {
        let result;
        try {
          result = computeDeadline(calendar, r.termFrom, JSON.parse(r.term));
        } catch (error) {
          if (error instanceof CalendarYearUnknownError) continue; // keep the old due time: the new calendar cannot say
          throw error;
        }
        if (result.deadline !== r.dueAt) {
          moved[r.kind] = result.deadline;
          previous[r.kind] = r.dueAt;
          skipped.push(...result.skipped.map((d) => ({ date: d.date, reason: d.reason })));
        }
        await this.deadlines.moveDue(m, r.id, result);
      }
      if (Object.keys(moved).length === 0) continue;
      const loaded = await this.load(m, caseId, true);
      if (!loaded || loaded.snapshot.status === 'done') continue;
      const machine = appealCaseMachines[loaded.row.workflowVersion];
      const event = { type: 'DEADLINES.RECOMPUTED', at, deadlines: moved } as AppealCaseEvent;
      await this.writer.apply(m, {
        table: 'cases',
        streamType: 'case',
        row: loaded.row,
        machine,
        snapshot: loaded.snapshot,
        event: { ...event, previous, calendarVersion, reason: note } as never,
        actor: { id: 'calendar', role: 'system' },
        recordedTime: at,
        whyRefused: () => whyRefused(machine, loaded.snapshot, event),
        describe: (r) => describeRefusal(event.type, r),
        project: (snap) => this.projection(snap),
      });
      this.logger.log({ msg: 'deadlines moved by a calendar change', caseId, moved, previous, calendarVersion });
    }
  }

  async deadlinesOf(id: string, account: AuthenticatedAccount) {
    await this.get(id, account);
    const rows = await this.deadlines.openFor(this.dataSource.manager, id);
    return rows.map(({ leaseOwner: _o, leaseUntil: _u, ...r }) => ({ ...r, term: JSON.parse(r.term) }));
  }

  // ---------------------------------------------------------------- the pipeline

  private async command(id: string, command: string, account: AuthenticatedAccount, dto: { expectedVersion?: number }, build: Build) {
    try {
      return await this.dataSource.transaction(async (m) => {
        const loaded = await this.load(m, id, true);
        if (!loaded || !canSeeCase(account, loaded.row)) throw new DomainError('not-found', `No case ${id}`);
        this.assertSide(account, loaded.row, command);
        if (dto.expectedVersion !== undefined && dto.expectedVersion !== loaded.row.version) {
          throw new DomainError('version-conflict', `The case is at version ${loaded.row.version}, not ${dto.expectedVersion}; reload it and decide again`, { currentVersion: loaded.row.version });
        }
        if (loaded.snapshot.status === 'done') {
          throw new DomainError('invalid-transition', `The case is closed (${loaded.context.outcome}); it accepts no further action`, { rule: 'closed' });
        }
        const at = this.clock.now().toISOString();
        const { event, after } = await build(m, loaded, at);
        const machine = appealCaseMachines[loaded.row.workflowVersion];
        const actor: Actor = { id: account.id, role: account.role };
        const { next, stored, persisted } = await this.writer.apply(m, {
          table: 'cases',
          streamType: 'case',
          row: loaded.row,
          machine,
          snapshot: loaded.snapshot,
          event: event as never,
          actor,
          recordedTime: at,
          whyRefused: () => whyRefused(machine, loaded.snapshot, event),
          describe: (r) => describeRefusal(event.type, r),
          project: (snap) => this.projection(snap),
        });
        if (after) await after(m, next, stored);
        await this.deadlines.closeEnded(m, id, next, loaded.snapshot);
        // The answer is the new state as written in this transaction: no second read.
        const projected = this.projection(next);
        const row = Object.assign(new CaseEntity(), loaded.row, {
          state: projected.state,
          outcome: projected.outcome,
          overdueCount: projected.overdue_count,
          escalated: projected.escalated,
          snapshot: JSON.stringify(persisted),
          version: stored.seq,
          lastHash: stored.hash,
          updatedAt: at,
        });
        return this.view(m, { row, snapshot: next, context: next.context, rules: loaded.rules }, account);
      });
    } catch (error) {
      await this.logRefusal(id, command, account, error, dto);
      throw error;
    }
  }

  /** The columns lists and filters use, derived from the snapshot. */
  projection(snapshot: any): Record<string, unknown> {
    const context = snapshot.context as AppealCaseContext;
    return {
      state: caseStateName(snapshot),
      outcome: context.outcome ?? null,
      overdue_count: context.overdue.length,
      escalated: context.escalatedAt !== undefined,
    };
  }

  /** Agencies act on the agency's side, authority staff on the authority's, the PA on escalations. */
  private assertSide(account: AuthenticatedAccount, row: CaseEntity, command: string): void {
    const agency = AGENCY_COMMANDS.includes(command);
    if (command === 'table/signatures') return; // both sides sign (p.105); checked in the command
    if (command === 'escalation/outcome') {
      if (account.role !== 'presidentialAdministration') throw new DomainError('forbidden', 'The Presidential Administration records the outcome of an escalation (p.108)');
      return;
    }
    if (agency && account.role !== 'agencyRepresentative') throw new DomainError('forbidden', `Only the evaluated body's representative may send ${command}`);
    if (!agency && !actsForAuthority(account, row.authorityCode)) throw new DomainError('forbidden', `Only the staff of ${row.authorityCode} may send ${command}`);
  }

  private async logRefusal(streamId: string | null, command: string, account: AuthenticatedAccount, error: unknown, payload: unknown): Promise<void> {
    if (!(error instanceof DomainError)) return;
    try {
      await this.dataSource.manager.insert(RefusalEntity, {
        streamId,
        command,
        actorId: account.id,
        actorRole: account.role,
        problemType: error.type,
        law: typeof error.extra.law === 'string' ? error.extra.law : null,
        detail: error.detail,
        payload: JSON.stringify(payload ?? null),
        recordedTime: this.clock.now().toISOString(),
      });
    } catch (logError) {
      this.logger.error({ msg: 'could not record a refusal', error: String(logError) });
    }
  }

  private async load(m: EntityManager, id: string, lock: boolean): Promise<LoadedCase | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const qb = m.createQueryBuilder(CaseEntity, 'c').where('c.id = :id', { id });
    if (lock && m.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row) return null;
    const persisted = JSON.parse(row.snapshot);
    const rules = (await this.reference.ruleSet(row.ruleSetId)).rules;
    return { row, snapshot: restore(appealCaseMachines[row.workflowVersion], persisted), context: persisted.context, rules };
  }

  /** The newest conclusion version; versions never change once written, so they are cached by (case, version). */
  private async latestConclusion(m: EntityManager, caseId: string, knownVersion?: number) {
    const key = knownVersion !== undefined ? `${caseId}:${knownVersion}` : undefined;
    const cached = key ? this.conclusionCache.get(key) : undefined;
    if (cached) return cached;
    const row = await m.findOneOrFail(ConclusionEntity, { where: { caseId }, order: { version: 'DESC' } });
    const conclusion = { version: row.version, items: JSON.parse(row.items) as ConclusionItem[], evaluators: JSON.parse(row.evaluators) as string[] };
    if (this.conclusionCache.size > 5_000) this.conclusionCache.clear();
    this.conclusionCache.set(`${caseId}:${row.version}`, conclusion);
    return conclusion;
  }

  summary(row: CaseEntity) {
    const context = JSON.parse(row.snapshot).context as AppealCaseContext;
    return {
      id: row.id,
      state: row.state,
      outcome: row.outcome,
      direction: row.direction,
      bodyCode: row.bodyCode,
      cycle: row.cycleCode,
      authority: row.authorityCode,
      deadlines: { objection: context.deadlines.objection, table: context.deadlines.table ?? null, result: context.deadlines.result ?? null, escalation: context.deadlines.escalation ?? null },
      overdue: context.overdue,
      escalated: Boolean(row.escalated),
      version: row.version,
      updatedAt: row.updatedAt,
    };
  }

  private async view(m: EntityManager, loaded: LoadedCase, _account: AuthenticatedAccount) {
    const { row, context, snapshot } = loaded;
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
      table: { rows: context.rows, signatures: context.signatures },
      createdAt: row.createdAt,
    };
  }
}
