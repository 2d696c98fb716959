import {
  CatalogueIndicator,
  CatalogueVersion,
  PinnedRuleSet,
  Scale,
  actOfRow,
  pinnedRulesHash,
} from '../reference/acts';
import type { Direction } from '../reference/routing';
import { Rules, withRuleDefaults } from '../reference/rule-set';

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/** The act columns every versioned reference table carries (SPEC §2: which act adopted and repealed it). */
interface ActColumns {
  act_number: string | null;
  act_date: string | null;
  adopted_on: string | null;
  repealed_by_act_number: string | null;
  repealed_by_act_date: string | null;
  repeal_effective_from: string | null;
}
interface RuleSetRow extends ActColumns {
  id: number | string;
  code: string;
  valid_from: string;
  valid_to: string | null;
  rules: string;
  act: string;
}
interface IndicatorRow {
  catalogue_id: number | string;
  code: string;
  title_kk: string;
  title_ru: string;
  title_en: string;
  scale_max: number | string | null;
  scale_values: string | null;
}
interface CatalogueRow extends ActColumns {
  id: number | string;
  code: string;
  direction: string;
  act_title: string;
  in_force_from: string;
  in_force_until: string | null;
}

/** The rule sets and catalogue versions as stored now, by id: what a case's pinned-rules hash is checked against. */
export interface StoredRules {
  ruleSets: Map<number, PinnedRuleSet>;
  catalogues: Map<number, CatalogueVersion>;
}

const ACT_COLUMNS =
  'act_number, act_date, adopted_on, repealed_by_act_number, repealed_by_act_date, repeal_effective_from';

function actOf(r: ActColumns, title: string, from: string, until: string | null) {
  return actOfRow({
    title,
    actNumber: r.act_number ?? null,
    actDate: r.act_date ?? null,
    adoptedOn: r.adopted_on ?? null,
    inForceFrom: from,
    inForceUntil: until,
    repealedByActNumber: r.repealed_by_act_number ?? null,
    repealedByActDate: r.repealed_by_act_date ?? null,
    repealEffectiveFrom: r.repeal_effective_from ?? null,
  });
}

/** Reads every rule set and catalogue version (small tables) in two plus one statements. */
export async function loadStoredRules(query: Query): Promise<StoredRules> {
  const ruleSets = new Map<number, PinnedRuleSet>();
  for (const r of await query<RuleSetRow>(
    `SELECT id, code, valid_from, valid_to, rules, act, ${ACT_COLUMNS} FROM rule_sets`,
  )) {
    ruleSets.set(Number(r.id), {
      id: Number(r.id),
      code: r.code,
      rules: withRuleDefaults(JSON.parse(r.rules) as Rules),
      act: actOf(r, r.act, r.valid_from, r.valid_to ?? null),
    });
  }
  const indicators = new Map<number, CatalogueIndicator[]>();
  for (const i of await query<IndicatorRow>(
    'SELECT catalogue_id, code, position, title_kk, title_ru, title_en, scale_max, scale_values FROM catalogue_indicators ORDER BY catalogue_id, position',
  )) {
    const scale: Scale =
      i.scale_max !== null && i.scale_max !== undefined
        ? { max: Number(i.scale_max) }
        : { values: JSON.parse(i.scale_values ?? '[]') as number[] };
    const list = indicators.get(Number(i.catalogue_id)) ?? [];
    list.push({ code: i.code, title: { kk: i.title_kk, ru: i.title_ru, en: i.title_en }, scale });
    indicators.set(Number(i.catalogue_id), list);
  }
  const catalogues = new Map<number, CatalogueVersion>();
  for (const c of await query<CatalogueRow>(
    `SELECT id, code, direction, act_title, in_force_from, in_force_until, ${ACT_COLUMNS} FROM indicator_catalogues`,
  )) {
    catalogues.set(Number(c.id), {
      id: Number(c.id),
      code: c.code,
      direction: c.direction as Direction,
      act: actOf(c, c.act_title, c.in_force_from, c.in_force_until ?? null),
      indicators: indicators.get(Number(c.id)) ?? [],
    });
  }
  return { ruleSets, catalogues };
}

/**
 * Issue 13: a case's first event carries the hash of the rule set and catalogue it is pinned to. The hash of what is
 * stored now under those ids must still be that hash — an edit of either after the case opened breaks it (a repeal,
 * which only ends a period, does not). Returns null when they agree, or what differs.
 */
export function pinnedRulesDifference(
  opening: Record<string, unknown>,
  stored: StoredRules,
): { expected: unknown; actual: unknown } | null {
  if (typeof opening.pinnedRulesHash !== 'string') return null; // opened before issue 13 (workflow v1): nothing pinned by hash
  const idOf = (pinned: unknown) => Number((pinned as { id?: unknown } | undefined)?.id);
  const ruleSet = stored.ruleSets.get(idOf(opening.ruleSet));
  const catalogue = stored.catalogues.get(idOf(opening.catalogue));
  if (!ruleSet || !catalogue) {
    return {
      expected: { pinnedRulesHash: opening.pinnedRulesHash, ruleSet: opening.ruleSet, catalogue: opening.catalogue },
      actual: { ruleSet: ruleSet?.code ?? null, catalogue: catalogue?.code ?? null },
    };
  }
  const now = pinnedRulesHash(ruleSet, catalogue);
  return now === opening.pinnedRulesHash
    ? null
    : {
        expected: { pinnedRulesHash: opening.pinnedRulesHash, ruleSet: ruleSet.code, catalogue: catalogue.code },
        actual: { pinnedRulesHash: now },
      };
}
