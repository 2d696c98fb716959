import { LANGUAGES, Language } from '../common/i18n';
import { CATALOGUES, lawPoint, t, workingDaysLeft } from './catalogue';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every leaf of a nested catalogue as `dotted.key → text`. */
function flatten(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

/**
 * The whole catalogue against itself, so a text added in one language and forgotten in another fails here
 * (and not in front of a civil servant). The checks take the list of keys from all three files together.
 */
function catalogueProblems(catalogues: Record<Language, unknown> = CATALOGUES): string[] {
  const problems: string[] = [];
  const byLang = Object.fromEntries(LANGUAGES.map((lang) => [lang, groupedOf(catalogues[lang])])) as Record<
    Language,
    Map<string, Map<string, string>>
  >;
  const allKeys = new Set(LANGUAGES.flatMap((lang) => [...byLang[lang].keys()]));
  for (const key of [...allKeys].sort()) {
    const reference = placeholders(
      [...(byLang.kk.get(key)?.values() ?? byLang.ru.get(key)?.values() ?? [''])][0] ?? '',
    );
    const plural = LANGUAGES.some((lang) => [...(byLang[lang].get(key)?.keys() ?? [])].some((form) => form !== ''));
    for (const lang of LANGUAGES) {
      const forms = byLang[lang].get(key);
      if (!forms) {
        problems.push(`${lang}: missing ${key}`);
        continue;
      }
      if (plural) {
        const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.slice().sort();
        const present = [...forms.keys()].sort();
        if (JSON.stringify(needed) !== JSON.stringify(present)) {
          problems.push(
            `${lang}: ${key} has plural forms [${present.join(',')}] but ${lang} needs [${needed.join(',')}]`,
          );
        }
      }
      for (const [form, text] of forms) {
        if (text.trim() === '') problems.push(`${lang}: ${key}${form ? '_' + form : ''} is empty`);
        const found = placeholders(text);
        if (JSON.stringify(found) !== JSON.stringify(reference)) {
          problems.push(
            `${lang}: ${key}${form ? '_' + form : ''} has placeholders [${found.join(',')}], kk has [${reference.join(',')}]`,
          );
        }
      }
    }
  }
  return problems;
}

/** Base key → its texts (one per plural form, or the one text under ''). */
function groupedOf(tree: unknown): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [key, text] of flatten(tree)) {
    const base = key.replace(PLURAL_SUFFIX, '');
    const form = PLURAL_SUFFIX.exec(key)?.[1] ?? '';
    if (!out.has(base)) out.set(base, new Map());
    out.get(base)!.set(form, text);
  }
  return out;
}

describe('The catalogue of texts (kk, ru, en)', () => {
  it('has every key in every language, the plural forms each language needs, and the same placeholders', () => {
    expect(catalogueProblems()).toEqual([]);
    expect(groupedOf(CATALOGUES.kk).size).toBeGreaterThan(50);
  });

  it('catches a missing key, a missing plural form and a placeholder that differs (the check can fail)', () => {
    const copy = JSON.parse(JSON.stringify(CATALOGUES)) as Record<Language, any>;
    delete copy.ru.signIn.title;
    delete copy.ru.terms.workingDaysLeft_few;
    copy.en.signIn.locked = 'Too many failed attempts. Try again after {{when}}.';
    copy.kk.extra = { only: 'тек қазақша' };
    expect(catalogueProblems(copy)).toEqual(
      expect.arrayContaining([
        'ru: missing signIn.title',
        'ru: terms.workingDaysLeft has plural forms [many,one,other] but ru needs [few,many,one,other]',
        'en: signIn.locked has placeholders [when], kk has [time]',
        'ru: missing extra.only',
        'en: missing extra.only',
      ]),
    );
  });

  it('defaults to Kazakh texts and fills placeholders without HTML-escaping them (pages escape on output)', () => {
    expect(t('kk', 'signIn.title')).toBe('Жүйеге кіру');
    expect(t('ru', 'signIn.title')).toBe('Вход');
    expect(t('en', 'layout.signedInAs', { name: 'A & B <x>' })).toBe('Signed in: A & B <x>');
  });

  it('says the working days left with each language’s plural forms', () => {
    expect([1, 3, 5].map((n) => workingDaysLeft('kk', n))).toEqual([
      '1 жұмыс күні қалды',
      '3 жұмыс күні қалды',
      '5 жұмыс күні қалды',
    ]);
    expect([1, 3, 5, 11, 21, 22, 25].map((n) => workingDaysLeft('ru', n))).toEqual([
      'осталось 1 рабочий день',
      'осталось 3 рабочих дня',
      'осталось 5 рабочих дней',
      'осталось 11 рабочих дней',
      'осталось 21 рабочий день',
      'осталось 22 рабочих дня',
      'осталось 25 рабочих дней',
    ]);
    expect([1, 3].map((n) => workingDaysLeft('en', n))).toEqual(['1 working day left', '3 working days left']);
  });

  it('names a point of the law in words: «98-тармақ», «пункт 98», "point 98"', () => {
    expect(lawPoint('kk', 98)).toBe('98-тармақ');
    expect(lawPoint('ru', 98)).toBe('пункт 98');
    expect(lawPoint('en', 98)).toBe('point 98');
  });
});
