import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  LATEST_COMMISSION_VERSION,
  SpecialCommissionContext,
  SpecialCommissionEvent,
  commissionMachines,
  commissionStateName,
  isConstituted,
  whyCommissionRefused,
} from '../../workflows';
import { actsForAuthority, requireAuthority } from '../auth/access';
import { AuthenticatedAccount } from '../auth/authenticated-account';
import { ConclusionEntity, CaseEntity } from '../cases/case.entity';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { IdGenerator } from '../common/id-generator';
import { EventStore, GENESIS_HASH } from '../events/event-store';
import { maskIin } from '../reference/iin';
import { ReferenceService } from '../reference/reference.service';
import { describeRefusal } from '../workflow-runtime/refusal-messages';
import { StreamWriter } from '../workflow-runtime/stream-writer';
import { initialPersisted, restore } from '../workflow-runtime/workflow-runtime';
import { CommissionEntity } from './commission.entity';
import { AddMemberDto, AttendanceDto, CreateCommissionDto, ScheduleMeetingDto } from './dto/commission.dto';

export interface LoadedCommission {
  row: CommissionEntity;
  snapshot: any;
  context: SpecialCommissionContext;
}

/** The special commission workflow (p.100–p.104) over HTTP: its own event stream, like a case. */
@Injectable()
export class CommissionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly events: EventStore,
    private readonly writer: StreamWriter,
    private readonly reference: ReferenceService,
  ) {}

  async create(dto: CreateCommissionDto, account: AuthenticatedAccount) {
    if (!account.authorityCode || !actsForAuthority(account, account.authorityCode)) {
      throw new DomainError('forbidden', 'Only the staff of an evaluating authority form its special commission (p.100/p.101)');
    }
    await this.reference.cycle(dto.cycle);
    const authority = account.authorityCode;
    const rules = (await this.reference.ruleSetInForceAt(this.clock.now().toISOString())).rules;
    const now = this.clock.now().toISOString();
    const id = this.ids.uuid();
    return this.dataSource.transaction(async (m) => {
      const existing = await m.findOneBy(CommissionEntity, { authorityCode: authority, direction: dto.direction, cycleCode: dto.cycle });
      if (existing) {
        throw DomainError.validation([{ name: 'direction', reason: `the special commission of ${authority} for ${dto.direction} ${dto.cycle} already exists: ${existing.id}` }]);
      }
      const machine = commissionMachines[LATEST_COMMISSION_VERSION];
      const input = { commissionId: id, authority, direction: dto.direction, cycle: dto.cycle, minMembers: rules.minCommissionMembers };
      const { persisted, snapshot } = initialPersisted(machine, input);
      const actor = { id: account.id, role: account.role };
      const [opened] = await this.events.append(
        m,
        { id, type: 'commission', lastSeq: 0, lastHash: GENESIS_HASH },
        [{ type: 'COMMISSION.OPENED', payload: { input, workflowVersion: LATEST_COMMISSION_VERSION }, businessTime: now }],
        actor,
        now,
      );
      await m.insert(CommissionEntity, {
        id,
        authorityCode: authority,
        direction: dto.direction,
        cycleCode: dto.cycle,
        workflowVersion: LATEST_COMMISSION_VERSION,
        state: commissionStateName(snapshot),
        snapshot: JSON.stringify(persisted),
        version: opened.seq,
        lastHash: opened.hash,
        createdAt: now,
        updatedAt: now,
      });
      // Bodies that objected before the commission was formed count from the start (p.100).
      for (const objecting of await this.objectingBodies(m, authority, dto.direction, dto.cycle)) {
        const loaded = await this.load(m, id, true);
        await this.applyEvent(m, loaded!, { type: 'OBJECTION.REGISTERED', at: now, bodyCode: objecting.bodyCode, evaluators: objecting.evaluators }, actor, now);
      }
      return this.view((await this.load(m, id, false))!, account);
    });
  }

  async get(id: string, account: AuthenticatedAccount) {
    const loaded = await this.load(this.dataSource.manager, id, false);
    if (!loaded || !this.canSee(account, loaded.row)) throw new DomainError('not-found', `No commission ${id}`);
    return this.view(loaded, account);
  }

  async list(account: AuthenticatedAccount) {
    const rows = await this.dataSource.manager.find(CommissionEntity, { order: { createdAt: 'DESC' } });
    return Promise.all(
      rows.filter((r) => this.canSee(account, r)).map(async (r) => this.view({ row: r, snapshot: restore(commissionMachines[r.workflowVersion], JSON.parse(r.snapshot)), context: JSON.parse(r.snapshot).context }, account)),
    );
  }

  addMember(id: string, dto: AddMemberDto, account: AuthenticatedAccount) {
    return this.command(id, account, dto.expectedVersion, async (m, loaded, at) => {
      const [person] = await this.reference.people([dto.iin], 'iin', m);
      const evaluatedBodies = await this.bodiesEvaluatedBy(m, dto.iin, loaded.row.direction, loaded.row.cycleCode);
      return { type: 'MEMBER.ADD', at, iin: dto.iin, role: dto.role, name: person.fullName, evaluatedBodies };
    });
  }

  removeMember(id: string, iin: string, expectedVersion: number | undefined, account: AuthenticatedAccount) {
    return this.command(id, account, expectedVersion, async (_m, _l, at) => ({ type: 'MEMBER.REMOVE', at, iin }));
  }

  constitute(id: string, expectedVersion: number | undefined, account: AuthenticatedAccount) {
    return this.command(id, account, expectedVersion, async (_m, _l, at) => ({ type: 'CONSTITUTE', at }));
  }

  dissolve(id: string, expectedVersion: number | undefined, account: AuthenticatedAccount) {
    return this.command(id, account, expectedVersion, async (_m, _l, at) => ({ type: 'DISSOLVE', at }));
  }

  scheduleMeeting(id: string, dto: ScheduleMeetingDto, account: AuthenticatedAccount) {
    const meetingId = this.ids.uuid();
    return this.command(id, account, dto.expectedVersion, async (_m, _l, at) => ({
      type: 'MEETING.SCHEDULE',
      at,
      meetingId,
      scheduledFor: dto.scheduledFor,
      invitees: dto.invitees.map((i) => ({ ...i })),
    }));
  }

  recordAttendance(id: string, meetingId: string, dto: AttendanceDto, account: AuthenticatedAccount) {
    return this.command(id, account, dto.expectedVersion, async (_m, loaded, at) => {
      const strangers = dto.present.filter((iin) => !loaded.context.members.some((mm) => mm.iin === iin));
      if (strangers.length) {
        throw DomainError.validation(strangers.map((s) => ({ name: `present[${dto.present.indexOf(s)}]`, reason: 'not a member of this commission' })));
      }
      return { type: 'MEETING.ATTENDANCE', at, meetingId, present: dto.present };
    });
  }

  /** The commission that rules on a case, if formed — read inside the case command's transaction. */
  async forScope(m: EntityManager, authority: string, direction: string, cycle: string, lock: boolean): Promise<LoadedCommission | null> {
    const row = await m.findOneBy(CommissionEntity, { authorityCode: authority, direction, cycleCode: cycle });
    return row ? this.load(m, row.id, lock) : null;
  }

  isConstituted(loaded: LoadedCommission | null): boolean {
    return loaded !== null && isConstituted(loaded.snapshot);
  }

  /** p.100: a new objection recuses sitting members who evaluated the objecting body (same transaction as the objection). */
  async registerObjection(
    m: EntityManager,
    c: { authorityCode: string; direction: string; cycleCode: string; bodyCode: string },
    evaluators: string[],
    actor: { id: string; role: string },
    at: string,
  ): Promise<void> {
    const loaded = await this.forScope(m, c.authorityCode, c.direction, c.cycleCode, true);
    if (!loaded || loaded.snapshot.status === 'done') return;
    await this.applyEvent(m, loaded, { type: 'OBJECTION.REGISTERED', at, bodyCode: c.bodyCode, evaluators }, actor, at);
  }

  private async command(
    id: string,
    account: AuthenticatedAccount,
    expectedVersion: number | undefined,
    build: (m: EntityManager, loaded: LoadedCommission, at: string) => Promise<SpecialCommissionEvent>,
  ) {
    return this.dataSource.transaction(async (m) => {
      const loaded = await this.load(m, id, true);
      if (!loaded || !this.canSee(account, loaded.row)) throw new DomainError('not-found', `No commission ${id}`);
      requireAuthority(account, loaded.row.authorityCode, 'run its special commission');
      if (account.role === 'commissionChair') throw new DomainError('forbidden', 'The secretary or an authority officer records the commission’s work');
      if (expectedVersion !== undefined && expectedVersion !== loaded.row.version) {
        throw new DomainError('version-conflict', `The commission is at version ${loaded.row.version}, not ${expectedVersion}`, { currentVersion: loaded.row.version });
      }
      const at = this.clock.now().toISOString();
      const event = await build(m, loaded, at);
      await this.applyEvent(m, loaded, event, { id: account.id, role: account.role }, at);
      return this.view((await this.load(m, id, false))!, account);
    });
  }

  private async applyEvent(m: EntityManager, loaded: LoadedCommission, event: SpecialCommissionEvent, actor: { id: string; role: string }, at: string) {
    const machine = commissionMachines[loaded.row.workflowVersion];
    return this.writer.apply(m, {
      table: 'commissions',
      streamType: 'commission',
      row: loaded.row,
      machine,
      snapshot: loaded.snapshot,
      event: event as never,
      actor,
      recordedTime: at,
      whyRefused: () => whyCommissionRefused(machine, loaded.snapshot, event),
      describe: (r) => describeRefusal(event.type, r),
      project: (next) => ({ state: commissionStateName(next) }),
    });
  }

  private async load(m: EntityManager, id: string, lock: boolean): Promise<LoadedCommission | null> {
    const qb = m.createQueryBuilder(CommissionEntity, 'c').where('c.id = :id', { id });
    if (lock && m.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row) return null;
    const persisted = JSON.parse(row.snapshot);
    return { row, snapshot: restore(commissionMachines[row.workflowVersion], persisted), context: persisted.context };
  }

  private canSee(account: AuthenticatedAccount, row: CommissionEntity): boolean {
    return account.role === 'administrator' || account.role === 'auditor' || actsForAuthority(account, row.authorityCode);
  }

  /** The bodies this person evaluated in a direction and cycle, from every version of their conclusions. */
  async bodiesEvaluatedBy(m: EntityManager, iin: string, direction: string, cycle: string): Promise<string[]> {
    const rows: { body_code: string; evaluators: string }[] = await m
      .createQueryBuilder(ConclusionEntity, 'k')
      .innerJoin(CaseEntity, 'c', 'c.id = k.case_id')
      .select(['c.body_code AS body_code', 'k.evaluators AS evaluators'])
      .where('c.direction = :direction AND c.cycle_code = :cycle', { direction, cycle })
      .getRawMany();
    return [...new Set(rows.filter((r) => (JSON.parse(r.evaluators) as string[]).includes(iin)).map((r) => r.body_code))].sort();
  }

  private async objectingBodies(m: EntityManager, authority: string, direction: string, cycle: string) {
    const cases = await m.findBy(CaseEntity, { authorityCode: authority, direction, cycleCode: cycle });
    const out: { bodyCode: string; evaluators: string[] }[] = [];
    for (const c of cases) {
      const context = JSON.parse(c.snapshot).context;
      if (!context.objectionAt) continue;
      const conclusion = await m.findOne(ConclusionEntity, { where: { caseId: c.id }, order: { version: 'DESC' } });
      out.push({ bodyCode: c.bodyCode, evaluators: conclusion ? JSON.parse(conclusion.evaluators) : [] });
    }
    return out;
  }

  private view(loaded: LoadedCommission, account: AuthenticatedAccount) {
    const reveal = account.role === 'administrator' || account.role === 'auditor';
    const mask = (iin: string) => (reveal ? iin : maskIin(iin));
    const c = loaded.context;
    return {
      id: loaded.row.id,
      authority: loaded.row.authorityCode,
      direction: loaded.row.direction,
      cycle: loaded.row.cycleCode,
      state: commissionStateName(loaded.snapshot),
      constituted: isConstituted(loaded.snapshot),
      minMembers: c.minMembers,
      members: c.members.map((mm) => ({ ...mm, iin: mask(mm.iin) })),
      objectingBodies: c.objectingBodies,
      recusals: c.recusals.map((r) => ({ ...r, iin: mask(r.iin) })),
      meetings: c.meetings.map((mt) => ({
        ...mt,
        invitees: mt.invitees.map((i) => ({ ...i, ...(i.iin ? { iin: mask(i.iin) } : {}) })),
        present: mt.present?.map(mask),
        presentCount: mt.present?.length,
      })),
      version: loaded.row.version,
      workflowVersion: loaded.row.workflowVersion,
      updatedAt: loaded.row.updatedAt,
    };
  }
}
