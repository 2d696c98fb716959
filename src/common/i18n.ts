/** Every user-facing text exists in Kazakh (state language), Russian and English (SPEC §9). */
export interface I18nText {
  kk: string;
  ru: string;
  en: string;
}

export type Language = keyof I18nText;
export const LANGUAGES: Language[] = ['kk', 'ru', 'en'];

/** Picks the first supported language from an Accept-Language header; Kazakh when none is named. */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'kk';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.split('-')[0], q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === 'kk' || tag === 'kz') return 'kk';
    if (tag === 'ru') return 'ru';
    if (tag === 'en') return 'en';
  }
  return 'kk';
}
