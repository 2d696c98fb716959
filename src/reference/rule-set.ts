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
  /**
   * p.106 is silent on when its term runs ("in accordance with the Decree"): from the receipt of the objection
   * (default) or from the submission of the table to the commission. Read by workflow v2.
   */
  resultTermStartsAt: 'objectionReceipt' | 'tableSubmission';
  /** p.108 */
  escalationWorkingDays: number;
  /**
   * p.108 "after completing the appeal procedure at the authority": D4 runs from the later of the dispatch and the
   * correction owed under p.107 (default, so the body appeals against the corrected conclusion), or from the dispatch.
   */
  escalationTermStartsAt: 'laterOfDispatchAndCorrection' | 'dispatch';
  /** p.100/p.101 */
  minCommissionMembers: number;
  /** p.104: the meeting is competent when more than this fraction of members is present. */
  quorumFraction: number;
  /** p.104 (SPEC §2): whether the commission's secretary votes; when not, the secretary counts neither as present nor as a member in a vote. */
  secretaryVotes: boolean;
  /** p.105 (our default): working days the body's representative has to sign the table or refuse, from the last decision. */
  signatureWorkingDays: number;
  /**
   * p.98 (SPEC §2): a delivery time earlier than its recording is accepted only within this many working days before
   * the recording, and only with a delivery record — so the body's five days are never shortened unseen.
   */
  deliveryBackdatingWorkingDays: number;
  maxDocumentsPerObjection: number;
}

/**
 * What a rule set that predates a setting reads for it: the SPEC §2 default (the values of the shipped
 * `methodology-ch7-v2`). Workflow v1 cases never read the settings added for v2.
 */
export const RULE_DEFAULTS: Pick<
  Rules,
  | 'resultTermStartsAt'
  | 'escalationTermStartsAt'
  | 'secretaryVotes'
  | 'signatureWorkingDays'
  | 'deliveryBackdatingWorkingDays'
> = {
  resultTermStartsAt: 'objectionReceipt',
  escalationTermStartsAt: 'laterOfDispatchAndCorrection',
  secretaryVotes: true,
  signatureWorkingDays: 2,
  deliveryBackdatingWorkingDays: 2,
};

/** A stored rule set's settings, each missing one read as its SPEC §2 default. */
export function withRuleDefaults(stored: Partial<Rules> & Omit<Rules, keyof typeof RULE_DEFAULTS>): Rules {
  return { ...RULE_DEFAULTS, ...stored };
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
    if (act?.[field] !== null && act?.[field] !== undefined && !isIsoDate(act[field]))
      problems.push(`act.${field}: must be a date or null`);
  }
  if (!isIsoDate(inForceFrom)) problems.push('inForceFrom: must be a date YYYY-MM-DD');
  if (inForceUntil !== null && (!isIsoDate(inForceUntil) || inForceUntil < inForceFrom))
    problems.push('inForceUntil: must be null or a date not before inForceFrom');
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
      for (const lang of ['kk', 'ru', 'en'] as const)
        if (!i.title?.[lang]) problems.push(`indicators[${n}].title.${lang}: required`);
      const s = i.scale as { max?: unknown; values?: unknown };
      const maxOk = s && Number.isInteger(s.max) && (s.max as number) > 0 && s.values === undefined;
      const valuesOk =
        s &&
        Array.isArray(s.values) &&
        s.values.length > 0 &&
        s.values.every((v) => Number.isFinite(v)) &&
        s.max === undefined;
      if (!maxOk && !valuesOk)
        problems.push(`indicators[${n}].scale: { max } (a whole number above 0) or { values } (numbers), not both`);
    });
    return problems;
  });
}
