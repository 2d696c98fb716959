import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import { AuthorityRoles, Direction, evaluatingAuthorityOf } from './routing';
import { BodyEntity, BodyKind, CycleEntity, PersonEntity, RuleSetEntity } from './reference.entities';
import { CreateBodyDto, CreateCycleDto, CreatePersonDto, CreateRuleSetDto } from './dto/reference.dto';
import { Rules, readRuleSetConfig } from './rule-set';

export interface PinnedRuleSet {
  id: number;
  code: string;
  rules: Rules;
}

/** Bodies, people, cycles and rule sets (the administrator's reference data, SPEC §1). */
@Injectable()
export class ReferenceService implements OnModuleInit {
  /** Rule sets and bodies are never changed once written: cached after the first read. */
  private readonly ruleSets = new Map<number, PinnedRuleSet>();
  private readonly bodies = new Map<string, BodyEntity>();
  constructor(
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Rule sets shipped in config/rules are loaded once; later ones come from administrators. */
  async onModuleInit(): Promise<void> {
    for (const file of readRuleSetConfig()) {
      await this.unitOfWork.run(async (m) => {
        if (await m.findOneBy(RuleSetEntity, { code: file.code })) return;
        await m.insert(RuleSetEntity, {
          code: file.code,
          validFrom: file.validFrom,
          validTo: file.validTo,
          rules: JSON.stringify(file.rules),
          act: file.act,
          createdAt: this.clock.now().toISOString(),
        });
      });
    }
  }

  async createBody(m: EntityManager, dto: CreateBodyDto): Promise<BodyEntity> {
    await this.assertAbsent(m, BodyEntity, { code: dto.code }, 'code', `a body with code ${dto.code} already exists`);
    const unique: BodyKind[] = ['civilServiceAuthority', 'informatizationAuthority', 'presidentialAdministration', 'primeMinisterOffice', 'workingBody'];
    if (unique.includes(dto.kind)) {
      const other = await m.findOneBy(BodyEntity, { kind: dto.kind });
      if (other) throw DomainError.validation([{ name: 'kind', reason: `${dto.kind} is already ${other.code}; there is one such body` }]);
    }
    const body = Object.assign(new BodyEntity(), { ...dto, nameEn: dto.nameEn ?? null, createdAt: this.clock.now().toISOString() });
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
    if (!body) throw DomainError.validation([{ name: field, reason: `no body with code ${code}` }]);
    this.bodies.set(code, body);
    return body;
  }

  async createPerson(m: EntityManager, dto: CreatePersonDto): Promise<PersonEntity> {
    await this.assertAbsent(m, PersonEntity, { iin: dto.iin }, 'iin', 'a person with this IIN already exists');
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
      if (!p) throw DomainError.validation([{ name: `${field}[${i}]`, reason: 'no person with this IIN; register them first (POST /api/v1/people)' }]);
      out.push(p);
    }
    return out;
  }

  async createCycle(m: EntityManager, dto: CreateCycleDto): Promise<CycleEntity> {
    await this.assertAbsent(m, CycleEntity, { code: dto.code }, 'code', `cycle ${dto.code} already exists`);
    const cycle = Object.assign(new CycleEntity(), { ...dto, createdAt: this.clock.now().toISOString() });
    await m.insert(CycleEntity, cycle);
    return cycle;
  }

  listCycles(): Promise<CycleEntity[]> {
    return this.reader.manager.find(CycleEntity, { order: { code: 'DESC' } });
  }

  async cycle(code: string, field = 'cycle', manager: EntityManager = this.reader.manager): Promise<CycleEntity> {
    const cycle = await manager.findOneBy(CycleEntity, { code });
    if (!cycle) throw DomainError.validation([{ name: field, reason: `no evaluation cycle ${code}` }]);
    return cycle;
  }

  async createRuleSet(m: EntityManager, dto: CreateRuleSetDto): Promise<RuleSetEntity> {
    await this.assertAbsent(m, RuleSetEntity, { code: dto.code }, 'code', `rule set ${dto.code} already exists`);
    if (dto.validTo && dto.validTo < dto.validFrom) throw DomainError.validation([{ name: 'validTo', reason: 'must not be before validFrom' }]);
    const row = Object.assign(new RuleSetEntity(), {
      code: dto.code,
      validFrom: dto.validFrom,
      validTo: dto.validTo ?? null,
      rules: JSON.stringify({ ...dto.rules }),
      act: dto.act,
      createdAt: this.clock.now().toISOString(),
    });
    await m.insert(RuleSetEntity, row);
    return row;
  }

  async listRuleSets() {
    const rows = await this.reader.manager.find(RuleSetEntity, { order: { validFrom: 'DESC', id: 'DESC' } });
    return rows.map((r) => ({ ...r, rules: JSON.parse(r.rules) as Rules }));
  }

  /** The rule set in force on a local date: the newest one whose period covers it. */
  async ruleSetInForce(date: string): Promise<PinnedRuleSet> {
    const rows = await this.reader.manager.find(RuleSetEntity, { order: { validFrom: 'DESC', id: 'DESC' } });
    const row = rows.find((r) => r.validFrom <= date && (!r.validTo || r.validTo >= date));
    if (!row) throw DomainError.validation([{ name: 'deliveredAt', reason: `no rule set is in force on ${date}` }]);
    return { id: row.id, code: row.code, rules: JSON.parse(row.rules) as Rules };
  }

  async ruleSet(id: number): Promise<PinnedRuleSet> {
    const cached = this.ruleSets.get(id);
    if (cached) return cached;
    const row = await this.reader.manager.findOneByOrFail(RuleSetEntity, { id });
    const pinned = { id: row.id, code: row.code, rules: JSON.parse(row.rules) as Rules };
    this.ruleSets.set(id, pinned);
    return pinned;
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
      throw DomainError.validation([
        { name: 'direction', reason: 'the evaluating authority of this direction is not registered as a body (points 91–97)' },
      ]);
    }
    return authority;
  }

  private async assertAbsent(m: EntityManager, entity: new () => object, where: Record<string, unknown>, field: string, reason: string): Promise<void> {
    if (await m.findOneBy(entity, where)) throw DomainError.validation([{ name: field, reason }]);
  }
}
