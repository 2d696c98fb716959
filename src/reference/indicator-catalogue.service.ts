import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { localDateOf } from '../calendar/calendar-rules';
import { Clock } from '../common/clock';
import { DomainError, invalidParam } from '../common/domain-error';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import { isIsoDate } from '../common/validators/iso-instant';
import { canonicalJson } from '../events/canonical';
import {
  CatalogueIndicator,
  CatalogueVersion,
  Scale,
  actOfRow,
  catalogueContent,
  dayBefore,
  inForceOn,
  newVersionProblems,
  repealProblems,
} from './acts';
import { RepealDto } from './dto/act.dto';
import { CreateIndicatorCatalogueDto } from './dto/indicator-catalogue.dto';
import { CatalogueIndicatorEntity, IndicatorCatalogueEntity } from './indicator-catalogue.entities';
import { Direction } from './routing';
import { CatalogueFile, readCatalogueConfig } from './rule-set';
import { text } from '../i18n/text';

/** Serializes writes of catalogue versions across instances sharing one PostgreSQL database. */
const CATALOGUES_LOCK_KEY = 7_263_003;

/**
 * The versioned indicator catalogue of each direction (issue 13, "rules are acts"): every version is the act that
 * set it, with its indicators and their scales; two versions of a direction are never in force on the same day,
 * and the local (Astana) date decides which one is. Indicators and scales never change once written; a repeal
 * only ends a version's period.
 */
@Injectable()
export class IndicatorCatalogueService implements OnModuleInit {
  private readonly logger = new Logger(IndicatorCatalogueService.name);

  constructor(
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Catalogues shipped in config/catalogues are loaded once each (by code); later versions come from administrators. */
  async onModuleInit(): Promise<void> {
    for (const file of readCatalogueConfig()) {
      const existing = await this.reader.manager.findOneBy(IndicatorCatalogueEntity, { code: file.code });
      if (!existing) {
        await this.unitOfWork.run((m) => this.insertVersion(m, file, 'system'));
        continue;
      }
      const stored = await this.versionOf(this.reader.manager, existing);
      const shipped = catalogueContent({
        ...stored,
        direction: file.direction,
        act: { ...stored.act, ...file.act, inForceFrom: file.inForceFrom },
        indicators: file.indicators,
      });
      if (canonicalJson(shipped) !== canonicalJson(catalogueContent(stored))) {
        // An act is never edited: a changed catalogue ships as a new version with a new code.
        this.logger.warn({
          msg: 'shipped indicator catalogue differs from the stored version of the same code; the stored one stands',
          code: file.code,
        });
      }
    }
  }

  /** Every version, newest first per direction, with its indicators. */
  async list(direction?: Direction): Promise<CatalogueVersion[]> {
    const rows = await this.reader.manager.find(IndicatorCatalogueEntity, {
      where: direction ? { direction } : {},
      order: { direction: 'DESC', inForceFrom: 'DESC', id: 'DESC' },
    });
    return this.versionsOf(this.reader.manager, rows);
  }

  async get(code: string): Promise<CatalogueVersion> {
    const row = await this.reader.manager.findOneBy(IndicatorCatalogueEntity, { code });
    if (!row) throw new DomainError('not-found', text('refusals.reference.noCatalogue', { code }));
    return this.versionOf(this.reader.manager, row);
  }

  /** A version by id (what a case is pinned to). */
  async catalogue(id: number): Promise<CatalogueVersion> {
    const row = await this.reader.manager.findOneBy(IndicatorCatalogueEntity, { id });
    if (!row) throw new DomainError('not-found', text('refusals.reference.noCatalogue', { code: String(id) }));
    return this.versionOf(this.reader.manager, row);
  }

  /**
   * The catalogue version of a direction in force on a local (Astana) date, with its indicators and scales.
   * `field` names the input that led here in the refusal when none is in force.
   */
  async catalogueInForce(direction: Direction, localDate: string, field = 'date'): Promise<CatalogueVersion> {
    if (!isIsoDate(localDate)) throw DomainError.field(field, 'refusals.reference.localDate');
    const rows = await this.reader.manager.find(IndicatorCatalogueEntity, {
      where: { direction },
      order: { inForceFrom: 'DESC', id: 'DESC' },
    });
    const row = rows.find((r) => inForceOn(r, localDate));
    if (!row)
      throw DomainError.field(field, 'refusals.reference.noCatalogueInForce', { direction, date: { date: localDate } });
    return this.versionOf(this.reader.manager, row);
  }

  /** The catalogue version in force at an instant: the one in force on its Astana (Asia/Almaty) date. */
  async catalogueInForceAt(direction: Direction, instant: string, field = 'at'): Promise<CatalogueVersion> {
    return this.catalogueInForce(direction, localDateOf(instant), field);
  }

  async create(dto: CreateIndicatorCatalogueDto, actor: string): Promise<CatalogueVersion> {
    const scaleProblems = dto.indicators.flatMap((i, n) => {
      const hasMax = i.scale.max !== undefined;
      const hasValues = i.scale.values !== undefined;
      return hasMax === hasValues ? [invalidParam(`indicators[${n}].scale`, 'refusals.reference.scaleOneOf')] : [];
    });
    const codes = dto.indicators.map((i) => i.code);
    const duplicate = codes.findIndex((c, n) => codes.indexOf(c) !== n);
    if (duplicate >= 0)
      scaleProblems.push(
        invalidParam(`indicators[${duplicate}].code`, 'refusals.reference.indicatorTwice', { code: codes[duplicate] }),
      );
    if (scaleProblems.length) throw DomainError.validation(scaleProblems);

    const file: CatalogueFile = {
      code: dto.code,
      direction: dto.direction,
      act: { title: dto.act.title, number: dto.act.number, date: dto.act.date, adoptedOn: dto.act.adoptedOn ?? null },
      inForceFrom: dto.inForceFrom,
      inForceUntil: dto.inForceUntil ?? null,
      indicators: dto.indicators.map((i) => ({
        code: i.code,
        title: { kk: i.title.kk, ru: i.title.ru, en: i.title.en },
        scale:
          i.scale.max !== undefined ? { max: i.scale.max } : { values: [...i.scale.values!].sort((a, b) => a - b) },
      })),
    };
    return this.unitOfWork.run(async (m) => {
      const id = await this.insertVersion(m, file, actor);
      this.logger.log({
        msg: 'indicator catalogue created',
        code: dto.code,
        direction: dto.direction,
        inForceFrom: dto.inForceFrom,
        actor,
      });
      const row = await m.findOneByOrFail(IndicatorCatalogueEntity, { id });
      return this.versionOf(m, row);
    });
  }

  /** Records the repeal of a version by another act: its last day in force becomes the day before the repeal takes effect. */
  async repeal(code: string, dto: RepealDto, actor: string): Promise<CatalogueVersion> {
    return this.unitOfWork.run(async (m) => {
      await this.lock(m);
      const row = await m.findOneBy(IndicatorCatalogueEntity, { code });
      if (!row) throw new DomainError('not-found', text('refusals.reference.noCatalogue', { code }));
      const problems = repealProblems({ act: this.actOf(row) }, dto);
      if (problems.length) throw DomainError.validation(problems);
      const changes = {
        inForceUntil: dayBefore(dto.effectiveFrom),
        repealedByActNumber: dto.act.number,
        repealedByActDate: dto.act.date,
        repealEffectiveFrom: dto.effectiveFrom,
        repealRecordedAt: this.clock.now().toISOString(),
        repealRecordedBy: actor,
      };
      await m.update(IndicatorCatalogueEntity, { id: row.id }, changes);
      this.logger.log({
        msg: 'indicator catalogue repealed',
        code,
        by: dto.act,
        effectiveFrom: dto.effectiveFrom,
        actor,
      });
      return this.versionOf(m, { ...row, ...changes });
    });
  }

  private async insertVersion(m: EntityManager, file: CatalogueFile, actor: string): Promise<number> {
    await this.lock(m);
    if (await m.findOneBy(IndicatorCatalogueEntity, { code: file.code })) {
      throw DomainError.field('code', 'refusals.reference.catalogueExists', { code: file.code });
    }
    const others = await m.find(IndicatorCatalogueEntity, { where: { direction: file.direction } });
    const problems = newVersionProblems(
      { act: file.act, inForceFrom: file.inForceFrom, inForceUntil: file.inForceUntil },
      others,
      {
        noun: { text: 'refusals.reference.nounCatalogue', params: { direction: file.direction } },
        repealPath: (code) => `/api/v1/indicator-catalogues/${code}/repeal`,
      },
    );
    if (problems.length) throw DomainError.validation(problems);
    const result = await m.insert(IndicatorCatalogueEntity, {
      code: file.code,
      direction: file.direction,
      actTitle: file.act.title,
      actNumber: file.act.number,
      actDate: file.act.date,
      adoptedOn: file.act.adoptedOn,
      inForceFrom: file.inForceFrom,
      inForceUntil: file.inForceUntil,
      repealedByActNumber: null,
      repealedByActDate: null,
      repealEffectiveFrom: null,
      repealRecordedAt: null,
      repealRecordedBy: null,
      createdAt: this.clock.now().toISOString(),
      createdBy: actor,
    });
    const id = Number(result.identifiers[0].id);
    await m.insert(
      CatalogueIndicatorEntity,
      file.indicators.map((i, position) => ({
        catalogueId: id,
        code: i.code,
        position,
        titleKk: i.title.kk,
        titleRu: i.title.ru,
        titleEn: i.title.en,
        scaleMax: 'max' in i.scale ? i.scale.max : null,
        scaleValues: 'values' in i.scale ? JSON.stringify(i.scale.values) : null,
      })),
    );
    return id;
  }

  private actOf(row: IndicatorCatalogueEntity) {
    return actOfRow({ ...row, title: row.actTitle });
  }

  private async versionOf(m: EntityManager, row: IndicatorCatalogueEntity): Promise<CatalogueVersion> {
    return (await this.versionsOf(m, [row]))[0];
  }

  private async versionsOf(m: EntityManager, rows: IndicatorCatalogueEntity[]): Promise<CatalogueVersion[]> {
    if (rows.length === 0) return [];
    const indicators = await m.find(CatalogueIndicatorEntity, {
      where: { catalogueId: In(rows.map((r) => r.id)) },
      order: { catalogueId: 'ASC', position: 'ASC' },
    });
    return rows.map((row) => ({
      id: Number(row.id),
      code: row.code,
      direction: row.direction as Direction,
      act: this.actOf(row),
      indicators: indicators.filter((i) => Number(i.catalogueId) === Number(row.id)).map(indicatorOf),
    }));
  }

  private async lock(m: EntityManager): Promise<void> {
    if (this.reader.dataSource.options.type === 'postgres')
      await m.query('SELECT pg_advisory_xact_lock($1)', [CATALOGUES_LOCK_KEY]);
  }
}

function indicatorOf(row: CatalogueIndicatorEntity): CatalogueIndicator {
  const scale: Scale =
    row.scaleMax !== null ? { max: Number(row.scaleMax) } : { values: JSON.parse(row.scaleValues!) as number[] };
  return { code: row.code, title: { kk: row.titleKk, ru: row.titleRu, en: row.titleEn }, scale };
}
