import { dateOfDayNumber, dayNumber } from '../calendar/calendar-rules';
import { I18nText } from '../common/i18n';
import { canonicalJson, sha256Hex } from '../events/canonical';
import type { Direction } from './routing';
import type { Rules } from './rule-set';
import { InvalidParam, invalidParam } from '../common/domain-error';
import type { TextParam } from '../i18n/text';

/**
 * Rules are acts (issue 13; SPEC, the second seed): every rule set and indicator catalogue the engine applies is a
 * version with the act that set it — adopted, in force from, in force until or repealed by another act — and the
 * local (Astana) date decides which version is in force. Pure functions; the services store and find them.
 */

/** The act a version comes from, and its period in force. Dates are local dates (YYYY-MM-DD). */
export interface ActRecord {
  /** What the act is: its kind, issuer and title. */
  title: string;
  /** The act's number ("266"); null where the shipped data could not identify it. */
  number: string | null;
  /** The date the act bears ("No. 266 of 27 June 2017"). */
  date: string | null;
  /** The day it was adopted, when that differs from or is known beside its date. */
  adoptedOn: string | null;
  /** The first day the version applies (the act takes effect, e.g. ten calendar days after its first publication). */
  inForceFrom: string;
  /** The last day the version applies (inclusive); null while it is in force with no end. */
  inForceUntil: string | null;
  /** The act that repealed it, and the day the repeal took effect (the version's last day is the day before). */
  repealedBy: { number: string; date: string; effectiveFrom: string } | null;
}

/** An indicator's scale: whole points from 0 to a maximum, or a fixed list of allowed values (e.g. +1 … +5). */
export type Scale = { max: number } | { values: number[] };

export interface CatalogueIndicator {
  code: string;
  title: I18nText;
  scale: Scale;
}

/** One version of the indicator catalogue of a direction. */
export interface CatalogueVersion {
  id: number;
  code: string;
  direction: Direction;
  act: ActRecord;
  indicators: CatalogueIndicator[];
}

/** One version of the procedure settings (SPEC §2 open points as settings). */
export interface PinnedRuleSet {
  id: number;
  code: string;
  rules: Rules;
  act: ActRecord;
}

/** p.104/107/108: whether a score lies within the indicator's scale. */
export function scoreWithinScale(indicator: { scale: Scale }, score: number): boolean {
  if (typeof score !== 'number' || !Number.isFinite(score)) return false;
  const scale = indicator.scale;
  if ('max' in scale) return Number.isInteger(score) && score >= 0 && score <= scale.max;
  return scale.values.includes(score);
}

/** Words for a scale, for refusals: "0…5 (whole points)" or "one of +1, +2, +3, +4, +5". */
export function describeScale(scale: Scale): string {
  if ('max' in scale) return `0…${scale.max} (whole points)`;
  return `one of ${scale.values.map((v) => (v > 0 ? `+${v}` : String(v))).join(', ')}`;
}

/** Whether a version is in force on a local date. */
export function inForceOn(act: Pick<ActRecord, 'inForceFrom' | 'inForceUntil'>, date: string): boolean {
  return act.inForceFrom <= date && (act.inForceUntil === null || date <= act.inForceUntil);
}

/** Whether two periods in force share a day (inclusive ends; null = open). */
export function periodsOverlap(
  a: Pick<ActRecord, 'inForceFrom' | 'inForceUntil'>,
  b: Pick<ActRecord, 'inForceFrom' | 'inForceUntil'>,
): boolean {
  return (
    (b.inForceUntil === null || a.inForceFrom <= b.inForceUntil) &&
    (a.inForceUntil === null || b.inForceFrom <= a.inForceUntil)
  );
}

/**
 * The day an act takes effect when it "is put into effect after ten calendar days have passed since its first
 * official publication" (the seed's formula, «алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң»):
 * the days are counted from the day after publication, so the act applies from the eleventh day.
 */
export function takesEffectAfterPublication(publishedOn: string, days = 10): string {
  return dateOfDayNumber(dayNumber(publishedOn) + days + 1);
}

export function dayBefore(date: string): string {
  return dateOfDayNumber(dayNumber(date) - 1);
}

/**
 * What a hash of a version covers: its identity, the act that set it, the day it took effect and its content —
 * not its end (`inForceUntil`, `repealedBy`), which a later repeal legitimately writes. So a case's first event can
 * carry the hash of the rules it is pinned to, and the audit detects any later edit of them, but not a repeal.
 */
function actIdentity(act: ActRecord) {
  return {
    title: act.title,
    number: act.number,
    date: act.date,
    adoptedOn: act.adoptedOn,
    inForceFrom: act.inForceFrom,
  };
}

export function ruleSetContent(ruleSet: PinnedRuleSet) {
  return { code: ruleSet.code, act: actIdentity(ruleSet.act), rules: ruleSet.rules };
}

export function catalogueContent(catalogue: CatalogueVersion) {
  return {
    code: catalogue.code,
    direction: catalogue.direction,
    act: actIdentity(catalogue.act),
    indicators: catalogue.indicators.map((i) => ({ code: i.code, title: i.title, scale: i.scale })),
  };
}

/** SHA-256 (hex) of the canonical JSON (src/events/canonical.ts) of a pinned rule set and catalogue version. */
export function pinnedRulesHash(ruleSet: PinnedRuleSet, catalogue: CatalogueVersion): string {
  return sha256Hex(canonicalJson({ ruleSet: ruleSetContent(ruleSet), catalogue: catalogueContent(catalogue) }));
}

/** A refusal's field and reason, in the catalogue (DomainError's invalidParams). */
export type ActProblem = InvalidParam;

interface VersionPeriod {
  code: string;
  inForceFrom: string;
  inForceUntil: string | null;
}

/**
 * What is wrong with a new version before it is written: its period, its adoption, and any version of the same
 * series (the rule sets; the catalogue of one direction) in force on one of its days — two versions are never in
 * force on the same day, so the version in force on a date is always one.
 */
export function newVersionProblems(
  version: {
    act: { date: string | null; adoptedOn?: string | null };
    inForceFrom: string;
    inForceUntil: string | null;
  },
  others: readonly VersionPeriod[],
  series: { noun: TextParam; repealPath: (code: string) => string },
): ActProblem[] {
  const problems: ActProblem[] = [];
  if (version.inForceUntil !== null && version.inForceUntil < version.inForceFrom) {
    problems.push(
      invalidParam('inForceUntil', 'refusals.reference.untilBeforeFrom', { from: { date: version.inForceFrom } }),
    );
    return problems;
  }
  const adopted = version.act.adoptedOn ?? version.act.date;
  if (adopted && version.inForceFrom < adopted) {
    problems.push(invalidParam('inForceFrom', 'refusals.reference.beforeAdoption', { adopted: { date: adopted } }));
  }
  for (const other of others) {
    if (!periodsOverlap(version, other)) continue;
    const name = other.inForceFrom <= version.inForceFrom ? 'inForceFrom' : 'inForceUntil';
    const until: TextParam = other.inForceUntil
      ? { text: 'refusals.reference.untilDay', params: { date: { date: other.inForceUntil } } }
      : { text: 'refusals.reference.noEnd' };
    problems.push(
      invalidParam(name, 'refusals.reference.overlaps', {
        noun: series.noun,
        code: other.code,
        from: { date: other.inForceFrom },
        until,
        repeal: series.repealPath(other.code),
      }),
    );
  }
  return problems;
}

/** What is wrong with a repeal of a version. */
export function repealProblems(
  version: { act: ActRecord },
  repeal: { act: { number: string; date: string }; effectiveFrom: string },
): ActProblem[] {
  const { act } = version;
  if (act.repealedBy) {
    return [
      invalidParam('code', 'refusals.reference.alreadyRepealed', {
        number: act.repealedBy.number,
        date: { date: act.repealedBy.date },
        effective: { date: act.repealedBy.effectiveFrom },
      }),
    ];
  }
  const problems: ActProblem[] = [];
  if (act.date && repeal.act.date < act.date) {
    problems.push(invalidParam('act.date', 'refusals.reference.repealBeforeAct', { date: { date: act.date } }));
  }
  if (repeal.effectiveFrom < repeal.act.date) {
    problems.push(
      invalidParam('effectiveFrom', 'refusals.reference.effectiveBeforeRepeal', { date: { date: repeal.act.date } }),
    );
  }
  if (repeal.effectiveFrom <= act.inForceFrom) {
    problems.push(
      invalidParam('effectiveFrom', 'refusals.reference.effectiveAfterStart', { date: { date: act.inForceFrom } }),
    );
  } else if (act.inForceUntil !== null && dayBefore(repeal.effectiveFrom) > act.inForceUntil) {
    problems.push(
      invalidParam('effectiveFrom', 'refusals.reference.effectiveWithinPeriod', { date: { date: act.inForceUntil } }),
    );
  }
  return problems;
}

/** The act fields of a row (rule set or catalogue version) as an ActRecord. */
export function actOfRow(row: {
  title: string;
  actNumber: string | null;
  actDate: string | null;
  adoptedOn: string | null;
  inForceFrom: string;
  inForceUntil: string | null;
  repealedByActNumber: string | null;
  repealedByActDate: string | null;
  repealEffectiveFrom: string | null;
}): ActRecord {
  return {
    title: row.title,
    number: row.actNumber,
    date: row.actDate,
    adoptedOn: row.adoptedOn,
    inForceFrom: row.inForceFrom,
    inForceUntil: row.inForceUntil,
    repealedBy:
      row.repealedByActNumber && row.repealedByActDate && row.repealEffectiveFrom
        ? { number: row.repealedByActNumber, date: row.repealedByActDate, effectiveFrom: row.repealEffectiveFrom }
        : null,
  };
}
