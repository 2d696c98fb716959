import type { Language } from '../common/i18n';
import { MessageKey, hasKey, lawPoint, t } from './catalogue';
import { formatDate, formatDateTime } from './time';

/**
 * A parameter of a text, kept as data until the reader's language is known: plain words and numbers as they are,
 * a point of the law («98-тармақ» / «пункт 98» / "point 98"), a day or a moment in Astana time (`dd.MM.yyyy`,
 * `dd.MM.yyyy HH:mm`), or another text of the catalogue (a stage, an action, a role).
 */
export type TextParam =
  | string
  | number
  | { point: number | string }
  | { date: string }
  | { at: string }
  | { text: MessageKey; params?: Record<string, TextParam> };

/** A text of the catalogue with its parameters: what a refusal, a validation reason or a notice says. */
export interface Text {
  key: MessageKey;
  params?: Record<string, TextParam>;
}

function renderParam(lang: Language, value: TextParam): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('point' in value) return lawPoint(lang, value.point);
  // A day or moment that is not one (it came from the request) is shown as it was given, never a failure.
  if ('date' in value) return attempt(() => formatDate(value.date), value.date);
  if ('at' in value) return attempt(() => formatDateTime(value.at), value.at);
  return renderText(lang, { key: value.text, params: value.params });
}

function attempt(format: () => string, raw: string): string {
  try {
    const formatted = format();
    return /Invalid/.test(formatted) ? raw : formatted;
  } catch {
    return raw;
  }
}

/** The text in `lang`, every parameter written the reader's way. */
export function renderText(lang: Language, text: Text): string {
  const params = Object.fromEntries(Object.entries(text.params ?? {}).map(([k, v]) => [k, renderParam(lang, v)]));
  return t(lang, text.key, params);
}

/** Shorthand for a Text: `text('refusals.closed', { stage: … })`. */
export function text(key: MessageKey, params?: Record<string, TextParam>): Text {
  return params ? { key, params } : { key };
}

/** A parameter naming a text by a key built from data (`outcomes.${outcome}`); the plain value when there is none. */
export function textOr(key: string, otherwise: string): TextParam {
  return hasKey(key) ? { text: key } : otherwise;
}
