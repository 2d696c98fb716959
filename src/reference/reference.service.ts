import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { localDateOf } from '../calendar/calendar-rules';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import { isIsoDate } from '../common/validators/iso-instant';
import { PinnedRuleSet, actOfRow, dayBefore, inForceOn, newVersionProblems, repealProblems } from './acts';
import { AuthorityRoles, Direction, evaluatingAuthorityOf } from './routing';
import { BodyEntity, BodyKind, CycleEntity, PersonEntity, RuleSetEntity } from './reference.entities';
import { CreateBodyDto, CreateCycleDto, CreatePersonDto } from './dto/reference.dto';
import { RepealDto } from './dto/act.dto';
import { CreateRuleSetActDto } from './dto/rule-set-act.dto';
import { Rules, readRuleSetConfig, withRuleDefaults } from './rule-set';
import { Text, text, textOr } from '../i18n/text';

export type { PinnedRuleSet };

/** Serializes writes of rule-set versions across instances sharing one PostgreSQL database. */
const RULE_SETS_LOCK_KEY = 7_263_002;

/** Bodies, people, cycles and rule sets (the administrator's reference data, SPEC §1). */
@Injectable()
export class ReferenceService implements OnModuleInit {
  private readonly logger = new Logger(ReferenceService.name);
  /** Bodies and rule-set settings are never changed once written: cached after the first read (a repeal only ends a rule set's period, and drops it from this cache). */
  private readonly ruleSets = new Map<number, PinnedRuleSet>();
  private readonly bodies = new Map<string, BodyEntity>();
  constructor(
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /**
   * Rule sets shipped in config/rules are loaded once (by code); later ones come from administrators. A shipped file
   * may give a stored, open-ended version of its code the end of its period (a later shipped version took over, as
   * `methodology-ch7-v2` did from `methodology-ch7-v1`): only that end is written — settings never change, so the
   * cases pinned to it replay exactly.
   */
  async onModuleInit(): Promise<void> {
    for (const file of readRuleSetConfig()) {
      await this.unitOfWork.run(async (m) => {
        const stored = await m.findOneBy(RuleSetEntity, { code: file.code });
        if (stored) {
          if (stored.validTo === null && file.inForceUntil && file.inForceUntil >= stored.validFrom) {
            await m.update(RuleSetEntity, { id: stored.id }, { validTo: file.inForceUntil });
            this.ruleSets.delete(stored.id);
            this.logger.warn({
              msg: 'shipped rule set ends the stored version of its code',
              code: file.code,
              inForceUntil: file.inForceUntil,
            });
          }
          return;
        }
        await m.insert(RuleSetEntity, {
          code: file.code,
          validFrom: file.inForceFrom,
          validTo: file.inForceUntil ?? null,
          rules: JSON.stringify(file.rules),
          act: file.act.title,
          actNumber: file.act.number,
          actDate: file.act.date,
          adoptedOn: file.act.adoptedOn,
          createdAt: this.clock.now().toISOString(),
          createdBy: 'system',
        });
      });
    }
  }

  async createBody(m: EntityManager, dto: CreateBodyDto): Promise<BodyEntity> {
    await this.assertAbsent(
      m,
      BodyEntity,
      { code: dto.code },
      'code',
      text('refusals.reference.bodyExists', { code: dto.code }),
    );
    const unique: BodyKind[] = [
      'civilServiceAuthority',
      'informatizationAuthority',
      'presidentialAdministration',
      'primeMinisterOffice',
      'workingBody',
    ];
    if (unique.includes(dto.kind)) {
      const other = await m.findOneBy(BodyEntity, { kind: dto.kind });
      if (other)
        throw DomainError.field('kind', 'refusals.reference.oneSuchBody', {
          kind: textOr(`bodyKinds.${dto.kind}`, dto.kind),
          code: other.code,
        });
    }
    const body = Object.assign(new BodyEntity(), {
      ...dto,
      nameEn: dto.nameEn ?? null,
      createdAt: this.clock.now().toISOString(),
    });
    await m.insert(BodyEntity, body);
    return body;
  }

  listBodies(): Promise<BodyEntity[]> {
    return this.reader.manager.find(BodyEntity, { order: { code: 'ASC' } });
  }

  async body(code: string, field = 'bodyCode', manager: EntityManager = this.reader.manager): Promise<BodyEntity> {
    const cached = this.bodies.get(code);
    if (cached) return cached;
    const body = await manager.findOneBy(BodyEntity, { code });
    if (!body) throw DomainError.field(field, 'refusals.reference.noBody', { code });
    this.bodies.set(code, body);
    return body;
  }

  async createPerson(m: EntityManager, dto: CreatePersonDto): Promise<PersonEntity> {
    await this.assertAbsent(m, PersonEntity, { iin: dto.iin }, 'iin', text('refusals.reference.personExists'));
    if (dto.bodyCode) await this.body(dto.bodyCode, 'bodyCode', m);
    const person = Object.assign(new PersonEntity(), {
      iin: dto.iin,
      fullName: dto.fullName,
      bodyCode: dto.bodyCode ?? null,
      position: dto.position ?? null,
      createdAt: this.clock.now().toISOString(),
    });
    await m.insert(PersonEntity, person);
    return person;
  }

  listPeople(): Promise<PersonEntity[]> {
    return this.reader.manager.find(PersonEntity, { order: { fullName: 'ASC' } });
  }

  async people(iins: string[], field: string, manager: EntityManager = this.reader.manager): Promise<PersonEntity[]> {
    const out: PersonEntity[] = [];
    for (const [i, iin] of iins.entries()) {
      const p = await manager.findOneBy(PersonEntity, { iin });
      if (!p) throw DomainError.field(`${field}[${i}]`, 'refusals.reference.noPerson');
      out.push(p);
    }
    return out;
  }

  async createCycle(m: EntityManager, dto: CreateCycleDto): Promise<CycleEntity> {
    await this.assertAbsent(
      m,
      CycleEntity,
      { code: dto.code },
      'code',
      text('refusals.reference.cycleExists', { code: dto.code }),
    );
    const cycle = Object.assign(new CycleEntity(), { ...dto, createdAt: this.clock.now().toISOString() });
    await m.insert(CycleEntity, cycle);
    return cycle;
  }

  listCycles(): Promise<CycleEntity[]> {
    return this.reader.manager.find(CycleEntity, { order: { code: 'DESC' } });
  }

  async cycle(code: string, field = 'cycle', manager: EntityManager = this.reader.manager): Promise<CycleEntity> {
    const cycle = await manager.findOneBy(CycleEntity, { code });
    if (!cycle) throw DomainError.field(field, 'refusals.reference.noCycle', { code });
    return cycle;
  }

  /**
   * A new version of the procedure settings, as the act that sets it (issue 13). Refused, naming the field, when
   * its period overlaps another version's (two rule sets are never in force on the same day) or starts before the
   * act's adoption.
   */
  async createRuleSet(dto: CreateRuleSetActDto, actor: string) {
    return this.unitOfWork.run(async (m) => {
      await this.lock(m, RULE_SETS_LOCK_KEY);
      if (await m.findOneBy(RuleSetEntity, { code: dto.code })) {
        throw DomainError.field('code', 'refusals.reference.ruleSetExists', { code: dto.code });
      }
      const others = (await m.find(RuleSetEntity)).map((r) => ({
        code: r.code,
        inForceFrom: r.validFrom,
        inForceUntil: r.validTo,
      }));
      const problems = newVersionProblems(
        { act: dto.act, inForceFrom: dto.inForceFrom, inForceUntil: dto.inForceUntil ?? null },
        others,
        {
          noun: { text: 'refusals.reference.nounRuleSet' },
          repealPath: (code) => `/api/v1/rule-sets/${code}/repeal`,
        },
      );
      if (problems.length) throw DomainError.validation(problems);
      const row = Object.assign(new RuleSetEntity(), {
        code: dto.code,
        validFrom: dto.inForceFrom,
        validTo: dto.inForceUntil ?? null,
        rules: JSON.stringify({ ...dto.rules }),
        act: dto.act.title,
        actNumber: dto.act.number,
        actDate: dto.act.date,
        adoptedOn: dto.act.adoptedOn ?? null,
        repealedByActNumber: null,
        repealedByActDate: null,
        repealEffectiveFrom: null,
        repealRecordedAt: null,
        repealRecordedBy: null,
        createdAt: this.clock.now().toISOString(),
        createdBy: actor,
      });
      await m.insert(RuleSetEntity, row);
      this.logger.log({
        msg: 'rule set created',
        code: row.code,
        inForceFrom: row.validFrom,
        inForceUntil: row.validTo,
        actor,
      });
      return this.ruleSetView(row);
    });
  }

  /**
   * Records the repeal of a rule set by another act: its last day in force becomes the day before the repeal takes
   * effect. Its settings never change, so cases pinned to it keep replaying exactly.
   */
  async repealRuleSet(code: string, dto: RepealDto, actor: string) {
    return this.unitOfWork.run(async (m) => {
      await this.lock(m, RULE_SETS_LOCK_KEY);
      const row = await m.findOneBy(RuleSetEntity, { code });
      if (!row) throw new DomainError('not-found', text('refusals.reference.noRuleSet', { code }));
      const problems = repealProblems({ act: this.actOf(row) }, dto);
      if (problems.length) throw DomainError.validation(problems);
      Object.assign(row, {
        validTo: dayBefore(dto.effectiveFrom),
        repealedByActNumber: dto.act.number,
        repealedByActDate: dto.act.date,
        repealEffectiveFrom: dto.effectiveFrom,
        repealRecordedAt: this.clock.now().toISOString(),
        repealRecordedBy: actor,
      });
      await m.update(
        RuleSetEntity,
        { id: row.id },
        {
          validTo: row.validTo,
          repealedByActNumber: row.repealedByActNumber,
          repealedByActDate: row.repealedByActDate,
          repealEffectiveFrom: row.repealEffectiveFrom,
          repealRecordedAt: row.repealRecordedAt,
          repealRecordedBy: row.repealRecordedBy,
        },
      );
      this.ruleSets.delete(row.id);
      this.logger.log({ msg: 'rule set repealed', code, by: dto.act, effectiveFrom: dto.effectiveFrom, actor });
      return this.ruleSetView(row);
    });
  }

  async listRuleSets() {
    const rows = await this.reader.manager.find(RuleSetEntity, { order: { validFrom: 'DESC', id: 'DESC' } });
    return rows.map((r) => this.ruleSetView(r));
  }

  async getRuleSet(code: string) {
    const row = await this.reader.manager.findOneBy(RuleSetEntity, { code });
    if (!row) throw new DomainError('not-found', text('refusals.reference.noRuleSet', { code }));
    return this.ruleSetView(row);
  }

  /**
   * The rule set in force on a local (Astana) date. Versions never overlap, so it is at most one.
   * `field` names the input that led here in the refusal when none is in force.
   */
  async ruleSetInForce(localDate: string, field = 'deliveredAt'): Promise<PinnedRuleSet> {
    if (!isIsoDate(localDate)) throw DomainError.field(field, 'refusals.reference.localDate');
    const rows = await this.reader.manager.find(RuleSetEntity, { order: { validFrom: 'DESC', id: 'DESC' } });
    const row = rows.find((r) => inForceOn({ inForceFrom: r.validFrom, inForceUntil: r.validTo }, localDate));
    if (!row) throw DomainError.field(field, 'refusals.reference.noRuleSetInForce', { date: { date: localDate } });
    return this.pinnedOf(row);
  }

  /** The rule set in force at an instant: the one in force on its Astana (Asia/Almaty) date, not its UTC date. */
  async ruleSetInForceAt(instant: string, field = 'deliveredAt'): Promise<PinnedRuleSet> {
    return this.ruleSetInForce(localDateOf(instant), field);
  }

  /** A pinned rule set by id (cached: its settings never change; a repeal only ends its period). */
  async ruleSet(id: number): Promise<PinnedRuleSet> {
    const cached = this.ruleSets.get(id);
    if (cached) return cached;
    const row = await this.reader.manager.findOneByOrFail(RuleSetEntity, { id });
    const pinned = this.pinnedOf(row);
    this.ruleSets.set(id, pinned);
    return pinned;
  }

  private actOf(row: RuleSetEntity) {
    return actOfRow({ ...row, title: row.act, inForceFrom: row.validFrom, inForceUntil: row.validTo });
  }

  private pinnedOf(row: RuleSetEntity): PinnedRuleSet {
    return {
      id: row.id,
      code: row.code,
      rules: withRuleDefaults(JSON.parse(row.rules) as Rules),
      act: this.actOf(row),
    };
  }

  private ruleSetView(row: RuleSetEntity) {
    return {
      id: row.id,
      code: row.code,
      act: this.actOf(row),
      rules: JSON.parse(row.rules) as Rules,
      createdAt: row.createdAt,
      createdBy: row.createdBy,
      ...(row.repealRecordedAt ? { repealRecorded: { at: row.repealRecordedAt, by: row.repealRecordedBy } } : {}),
    };
  }

  private async lock(m: EntityManager, key: number): Promise<void> {
    if (this.reader.dataSource.options.type === 'postgres') await m.query('SELECT pg_advisory_xact_lock($1)', [key]);
  }

  /** The institutions of points 91–97, from the bodies' kinds. */
  async authorityRoles(): Promise<AuthorityRoles> {
    const rows = await this.reader.manager.find(BodyEntity);
    const of = (kind: BodyKind) => rows.find((b) => b.kind === kind)?.code;
    return {
      civilService: of('civilServiceAuthority'),
      informatization: of('informatizationAuthority'),
      presidentialAdministration: of('presidentialAdministration'),
      primeMinisterOffice: of('primeMinisterOffice'),
      workingBody: of('workingBody'),
    };
  }

  /** Points 91, 93, 95, 97: who evaluates this body in this direction. */
  async evaluatingAuthority(direction: Direction, bodyCode: string): Promise<string> {
    const roles = await this.authorityRoles();
    const authority = evaluatingAuthorityOf(direction, bodyCode, roles);
    if (!authority) {
      throw DomainError.field('direction', 'refusals.reference.authorityUnregistered');
    }
    return authority;
  }

  private async assertAbsent(
    m: EntityManager,
    entity: new () => object,
    where: Record<string, unknown>,
    field: string,
    reason: Text,
  ): Promise<void> {
    if (await m.findOneBy(entity, where)) throw DomainError.field(field, reason.key, reason.params);
  }
}
