import type { Language } from './i18n';
import type { MessageKey } from '../i18n/catalogue';
import { Text, TextParam, renderText } from '../i18n/text';
import { PROBLEM_TYPES, ProblemType } from './problem-types';

export interface InvalidParam {
  /** The field or parameter, as the client named it (`from`, `items[0].indicatorCode`). */
  name: string;
  /** The reason in English (for logs and the refusal log); answers render `text` in the reader's language. */
  reason: string;
  /** The reason as a text of the catalogue (issue 11); absent only for reasons not yet moved there. */
  text?: Text;
}

/** A field's problem as a text of the catalogue: `invalidParam('n', 'validation.min', { limit: 1 })`. */
export function invalidParam(name: string, key: MessageKey, params?: Record<string, TextParam>): InvalidParam {
  const text: Text = params ? { key, params } : { key };
  return { name, reason: renderText('en', text), text };
}

/** A field's reason in `lang` (the English reason when it has no text yet). */
export function reasonIn(lang: Language, param: InvalidParam): string {
  return param.text ? renderText(lang, param.text) : param.reason;
}

/**
 * A refusal by a rule of the domain. Services throw these (never HTTP exceptions);
 * the global filter turns them into application/problem+json in the reader's language.
 *
 * The detail is a text of the catalogue with its parameters (`new DomainError('forbidden', text('…', {…}))`);
 * `detail` keeps its English rendering for logs. A plain string is still accepted for a detail not yet moved
 * into the catalogue: readers of another language then get the problem type's general detail.
 */
export class DomainError extends Error {
  readonly status: number;
  readonly detail: string;
  readonly text?: Text;

  constructor(
    readonly type: ProblemType,
    detail: string | Text,
    readonly extra: { law?: string; invalidParams?: InvalidParam[]; [key: string]: unknown } = {},
  ) {
    const english = typeof detail === 'string' ? detail : renderText('en', detail);
    super(english);
    this.name = 'DomainError';
    this.detail = english;
    if (typeof detail !== 'string') this.text = detail;
    this.status = PROBLEM_TYPES[type].status;
  }

  /** The detail in `lang`: its text; for validation, each field's reason; else the type's general detail. */
  detailIn(lang: Language): string {
    if (this.text) return renderText(lang, this.text);
    const params = this.extra.invalidParams;
    if (this.type === 'validation-failed' && params?.length && params.every((p) => p.text)) {
      return params.map((p) => `${p.name}: ${reasonIn(lang, p)}`).join('; ');
    }
    if (lang === 'en') return this.detail;
    return renderText(lang, { key: `problems.${this.type}.detail` });
  }

  static validation(invalidParams: InvalidParam[], detail?: string | Text, extra: { law?: string } = {}): DomainError {
    return new DomainError(
      'validation-failed',
      detail ?? invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; '),
      { ...extra, invalidParams },
    );
  }

  /** One field refused, with the catalogue's reason. */
  static field(name: string, key: MessageKey, params?: Record<string, TextParam>): DomainError {
    return DomainError.validation([invalidParam(name, key, params)]);
  }
}
