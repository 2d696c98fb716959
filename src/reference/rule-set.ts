import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';
import { isIsoDate } from '../common/validators/iso-instant';
import type { Scale } from './acts';

/** The settings of the procedure a case is pinned to (SPEC §2 "open points … each is a rule-set setting"). */
export interface Rules {
  /** p.98/p.99 */
  objectionWorkingDays: number;
  /** p.102 */
  tableWorkingDays: number;
  /** p.106 */
  resultCalendarDays: number;
  /** p.106 is silent on when its term runs: default from the receipt of the objection. */
  resultTermStartsAt: 'objectionReceipt';
  /** p.108 */
  escalationWorkingDays: number;
  /** p.100/p.101 */
  minCommissionMembers: number;
  /** p.104: the meeting is competent when more than this fraction of members is present. */
  quorumFraction: number;
  maxDocumentsPerObjection: number;
}

/** The act of a shipped version: number and date may be null where the shipped data could not identify them. */
export interface ShippedAct {
  title: string;
  number: string | null;
  date: string | null;
  adoptedOn: string | null;
}

export interface RuleSetFile {
  code: string;
  act: ShippedAct;
  inForceFrom: string;
  inForceUntil: string | null;
  rules: Rules;
}

export interface CatalogueFile {
  code: string;
  direction: 'personnel' | 'it';
  act: ShippedAct;
  inForceFrom: string;
  inForceUntil: string | null;
  indicators: { code: string; title: { kk: string; ru: string; en: string }; scale: Scale }[];
}

function readJsonDir<T>(dir: string, check: (data: T) => string[]): T[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const data = JSON.parse(readFileSync(join(dir, f), 'utf8')) as T;
      const problems = check(data);
      if (problems.length) throw new Error(`${join(dir, f)}: ${problems.join('; ')}`);
      return data;
    });
}

function checkAct(act: ShippedAct | undefined, inForceFrom: string, inForceUntil: string | null): string[] {
  const problems: string[] = [];
  if (!act || typeof act.title !== 'string' || act.title.length < 5) problems.push('act.title: required');
  for (const field of ['date', 'adoptedOn'] as const) {
    if (act?.[field] !== null && act?.[field] !== undefined && !isIsoDate(act[field])) problems.push(`act.${field}: must be a date or null`);
  }
  if (!isIsoDate(inForceFrom)) problems.push('inForceFrom: must be a date YYYY-MM-DD');
  if (inForceUntil !== null && (!isIsoDate(inForceUntil) || inForceUntil < inForceFrom)) problems.push('inForceUntil: must be null or a date not before inForceFrom');
  return problems;
}

/** Rule sets shipped in config/rules: loaded once each (by code); later versions come from administrators. */
export function readRuleSetConfig(dir = join(projectRoot(), 'config', 'rules')): RuleSetFile[] {
  return readJsonDir<RuleSetFile>(dir, (f) => [
    ...(typeof f.code === 'string' && /^[A-Za-z0-9._-]{1,40}$/.test(f.code) ? [] : ['code: required']),
    ...checkAct(f.act, f.inForceFrom, f.inForceUntil ?? null),
    ...(f.rules && typeof f.rules === 'object' ? [] : ['rules: required']),
  ]);
}

/** Indicator catalogues shipped in config/catalogues: loaded once each (by code). */
export function readCatalogueConfig(dir = join(projectRoot(), 'config', 'catalogues')): CatalogueFile[] {
  return readJsonDir<CatalogueFile>(dir, (f) => {
    const problems = [
      ...(typeof f.code === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/.test(f.code) ? [] : ['code: required']),
      ...(['personnel', 'it'].includes(f.direction) ? [] : ['direction: must be personnel or it']),
      ...checkAct(f.act, f.inForceFrom, f.inForceUntil ?? null),
    ];
    if (!Array.isArray(f.indicators) || f.indicators.length === 0) return [...problems, 'indicators: at least one'];
    f.indicators.forEach((i, n) => {
      if (typeof i.code !== 'string' || !i.code) problems.push(`indicators[${n}].code: required`);
      for (const lang of ['kk', 'ru', 'en'] as const) if (!i.title?.[lang]) problems.push(`indicators[${n}].title.${lang}: required`);
      const s = i.scale as { max?: unknown; values?: unknown };
      const maxOk = s && Number.isInteger(s.max) && (s.max as number) > 0 && s.values === undefined;
      const valuesOk = s && Array.isArray(s.values) && s.values.length > 0 && s.values.every((v) => Number.isFinite(v)) && s.max === undefined;
      if (!maxOk && !valuesOk) problems.push(`indicators[${n}].scale: { max } (a whole number above 0) or { values } (numbers), not both`);
    });
    return problems;
  });
}
