import i18next, { TFunction } from 'i18next';
import { LANGUAGES, Language } from '../common/i18n';
import en from './locales/en.json';
import kk from './locales/kk.json';
import ru from './locales/ru.json';

/**
 * The one catalogue of texts (issue 11, item 4): one JSON file per language in `locales/`, Kazakh first
 * (the state language and the default), Russian and English: the pages, and the API's refusals
 * (`refusals.*`), validation reasons (`validation.*`) and problem titles (`problems.*`) — see src/i18n/text.ts.
 *
 * Keys are nested objects joined with dots (`signIn.title`). A key with plural forms is written once per
 * plural category of its language, as i18next's JSON v4 format has it (`terms.workingDaysLeft_one`,
 * `_few`, `_many`, `_other` in Russian; `_one`, `_other` in Kazakh and English, as `Intl.PluralRules`
 * says), and is called by its base name with `{ count }`.
 */
export const CATALOGUES = { kk, ru, en } as const satisfies Record<Language, unknown>;

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type WithoutPluralSuffix<K> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;

/** Every key of the catalogue (from the Kazakh file, which the unit test holds the others equal to). */
export type MessageKey = WithoutPluralSuffix<Leaves<typeof kk>>;
export type MessageParams = Record<string, string | number>;

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: CATALOGUES[lang] }])),
  lng: 'kk',
  supportedLngs: LANGUAGES,
  // A missing text is a defect the catalogue test catches; at run time the key shows rather than another language.
  fallbackLng: false,
  initAsync: false,
  returnNull: false,
  // Pages escape on output (Nunjucks autoescape); escaping here too would show `&amp;` to people.
  interpolation: { escapeValue: false },
});
const fixed = new Map<Language, TFunction>(LANGUAGES.map((lang) => [lang, instance.getFixedT(lang)]));

/** The text of `key` in `lang`, with `{{placeholders}}` filled from `params` (`count` picks the plural form). */
export function t(lang: Language, key: MessageKey, params?: MessageParams): string {
  return (fixed.get(lang) ?? fixed.get('kk')!)(key, params ?? {});
}

/** Whether the catalogue has `key` (for keys built from data: a stage, an event, a rule). */
export function hasKey(key: string): key is MessageKey {
  return instance.exists(key, { lng: 'kk' });
}

/** A point of the law in words: «98-тармақ», «пункт 98», "point 98". */
export function lawPoint(lang: Language, point: number | string): string {
  return t(lang, 'law.point', { n: point });
}

/** "3 жұмыс күні қалды" / "осталось 3 рабочих дня" / "3 working days left". */
export function workingDaysLeft(lang: Language, count: number): string {
  return t(lang, 'terms.workingDaysLeft', { count });
}
