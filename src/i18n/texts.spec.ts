import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { appealCaseMachines, commissionMachines } from '../../workflows';
import { LANGUAGES } from '../common/i18n';
import { PROBLEM_TYPES } from '../common/problem-types';
import { constraintText } from '../common/validation';
import { hasKey, t } from './catalogue';

/** Letters only from the Latin alphabet (digits, signs and spaces aside): a text nobody translated. */
const latinOnly = (text: string) => /\p{L}/u.test(text) && !/[^\P{L}A-Za-z]/u.test(text);

/** Problems with `key` in the three languages: missing (i18next answers the key itself), empty, or untranslated. */
function problemsOf(key: string): string[] {
  if (!hasKey(key)) return [`${key}: missing`];
  const out: string[] = [];
  for (const lang of LANGUAGES) {
    const text = t(lang, key, { n: 1, count: 1 });
    if (!text || text === key) out.push(`${lang}: ${key} missing`);
    else if (lang !== 'en' && latinOnly(text.replace(/\{\{\w+\}\}/g, '')))
      out.push(`${lang}: ${key} is in Latin letters only: ${text}`);
  }
  return out;
}

/** Every guard the machines of workflows/ can refuse with, of every version. */
function guardNames(): string[] {
  const machines = [...Object.values(appealCaseMachines), ...Object.values(commissionMachines)];
  return [...new Set(machines.flatMap((m) => Object.keys((m.implementations as { guards: object }).guards)))].sort();
}

/** Every event type the machines take (a refusal names its action in words). */
function eventTypes(): string[] {
  const machines = [...Object.values(appealCaseMachines), ...Object.values(commissionMachines)];
  return [...new Set(machines.flatMap((m) => m.events as string[]))].filter((e) => !e.startsWith('xstate.')).sort();
}

/** Every DTO of src/ loaded, so class-validator's storage holds every constraint the API uses. */
function loadDtos(dir = join(__dirname, '..')): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) loadDtos(path);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads every DTO class so its decorators register
    else if (/\.dto\.ts$/.test(name)) require(path);
  }
}

function constraintsUsed(): string[] {
  loadDtos();
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<unknown, { type: string; name?: string }[]>;
  };
  const names = new Set<string>();
  for (const list of storage.validationMetadatas.values()) {
    for (const m of list) {
      if (m.type === 'customValidation' && m.name) names.add(m.name);
      else if (m.type === 'nestedValidation' || m.type === 'whitelistValidation') names.add(m.type);
    }
  }
  return [...names].sort();
}

describe('the one catalogue of texts (issue 11): what the API says, in kk, ru and en', () => {
  it('SPEC §9: every problem type has a title and a general detail in the three languages', () => {
    const problems = Object.keys(PROBLEM_TYPES).flatMap((type) => [
      ...problemsOf(`problems.${type}.title`),
      ...problemsOf(`problems.${type}.detail`),
    ]);
    expect(problems).toEqual([]);
  });

  it('SPEC §9: every guard of workflows/ names its rule in words in the three languages (and its point where it is one of the law)', () => {
    const guards = guardNames();
    expect(guards.length).toBeGreaterThan(40);
    expect(guards.flatMap((g) => problemsOf(`refusals.guards.${g}`))).toEqual([]);
  });

  it('SPEC §9: every action of the machines has its words, never the event name', () => {
    const events = eventTypes().filter((e) => !/^(DEADLINE|DEADLINES|OBJECTION\.REGISTERED)/.test(e));
    expect(events.length).toBeGreaterThan(15);
    expect(events.flatMap((e) => problemsOf(`refusals.actions.${e.replace(/\./g, '_')}`))).toEqual([]);
  });

  it('SPEC §9: every validation constraint the DTOs use has its reason in the three languages', () => {
    const constraints = constraintsUsed();
    expect(constraints).toEqual(expect.arrayContaining(['isInt', 'max', 'matches', 'safeText', 'isIin', 'isIsoDate']));
    const problems = constraints.flatMap((c) => {
      const text = constraintText(c, 'x must not be greater than 5');
      return text.key === 'validation.invalid' ? [`${c}: no text of its own`] : problemsOf(text.key);
    });
    expect(problems).toEqual([]);
  });
});
