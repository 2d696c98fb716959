import { plainToInstance } from 'class-transformer';
import { ValidationError, validate } from 'class-validator';
import type { Language } from '../common/i18n';
import { DomainError, InvalidParam, reasonIn } from '../common/domain-error';
import { MessageKey, lawPoint, t } from '../i18n/catalogue';
import { FormErrors } from './web-views';

/** class-validator's rule names → the words of a field's error (the DTOs of the API are the rules of the forms too). */
const RULES: Record<string, MessageKey> = {
  isDefined: 'forms.rules.required',
  isNotEmpty: 'forms.rules.required',
  isString: 'forms.rules.required',
  arrayMinSize: 'forms.rules.required',
  isIn: 'forms.rules.choose',
  isBoolean: 'forms.rules.choose',
  matches: 'forms.rules.format',
  minLength: 'forms.rules.tooShort',
  maxLength: 'forms.rules.tooLong',
  isInt: 'forms.rules.wholeNumber',
  isNumber: 'forms.rules.number',
  min: 'forms.rules.tooSmall',
  max: 'forms.rules.tooLarge',
  isIin: 'forms.rules.iin',
  isIsoDate: 'forms.rules.date',
  whitelistValidation: 'forms.rules.unknown',
  arrayUnique: 'forms.rules.unique',
};

/** When a value breaks several rules, the one named (the most telling first). */
const RULE_ORDER = [
  'whitelistValidation',
  'isIn',
  'isBoolean',
  'isIin',
  'isIsoDate',
  'matches',
  'isInt',
  'isNumber',
  'min',
  'max',
  'minLength',
  'maxLength',
  'arrayUnique',
  'isString',
];

/**
 * A service's refusal in the page's language (issue 11): the refusal's own text of the catalogue with its parameters
 * — the rule in words and its point of the law, days in the reader's form — never its English or an internal name.
 * The one function the web forms call to say why an action was refused (`describeRefusal(words.lang, error)`).
 */
export function describeRefusal(lang: Language, error: DomainError): string {
  return error.detailIn(lang);
}

/** One field's reason of a refusal in the page's language (`reasonIn`: the catalogue's text with its parameters). */
export function describeReason(lang: Language, param: InvalidParam): string {
  return param.text ? reasonIn(lang, param) : `${t(lang, 'forms.refusals.other')}: ${param.reason}`;
}

/** The points of the law a reason names ("(p.100)") in words. */
function lawOf(lang: Language, reason: string): string {
  const points = [...reason.matchAll(/p\.(\d+)/g)].map((m) => lawPoint(lang, m[1]));
  return points.length ? ` (${points.join(', ')})` : '';
}

/** Empty form fields are absent, not empty strings (an optional field left blank is simply not given). */
export function withoutBlanks<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '' && v !== undefined)) as Partial<T>;
}

/**
 * Validates a form against the API's DTO (the same rules as the API), putting each problem at its field in the
 * reader's language. `fieldOf` maps a DTO path (`act.number`, `rules.quorumFraction`) to the form field's id.
 */
export async function validateForm<T extends object>(
  dto: new () => T,
  plain: Record<string, unknown>,
  errors: FormErrors,
  lang: Language,
  fieldOf: (path: string) => string = (path) => path.replace(/[.[\]]+/g, '-').replace(/-$/, ''),
): Promise<T | null> {
  const instance = plainToInstance(dto, plain);
  const problems = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  const walk = (list: ValidationError[], parent: string) => {
    for (const e of list) {
      const path = parent
        ? /^\d+$/.test(e.property)
          ? `${parent}[${e.property}]`
          : `${parent}.${e.property}`
        : e.property;
      // The first rule that explains it best: a missing value is "fill this in", whatever else it also breaks.
      const broken = Object.keys(e.constraints ?? {});
      const rule =
        e.value === undefined || e.value === null || e.value === ''
          ? broken.length
            ? (broken.find((r) => r === 'whitelistValidation') ?? 'isDefined')
            : undefined
          : (RULE_ORDER.find((r) => broken.includes(r)) ?? broken[0]);
      if (rule) {
        const reason = e.constraints![rule] ?? Object.values(e.constraints!)[0];
        errors.addText(fieldOf(path), `${t(lang, RULES[rule] ?? 'forms.rules.invalid')}${lawOf(lang, reason)}`);
      }
      if (e.children?.length) walk(e.children, path);
    }
  };
  walk(problems, '');
  return errors.any ? null : instance;
}

/**
 * A service's refusal of a form, at its fields: validation refusals by the names they give, each reason in the page's
 * language; other refusals as a form-level error, in words (describeRefusal).
 */
export function refusalToForm(
  error: unknown,
  errors: FormErrors,
  lang: Language,
  fieldOf: (name: string) => string,
  formField = 'form',
): boolean {
  if (!(error instanceof DomainError)) return false;
  const params = error.extra.invalidParams ?? [];
  if (params.length === 0) {
    errors.addText(formField, describeRefusal(lang, error));
    return true;
  }
  for (const p of params) errors.addText(fieldOf(p.name), describeReason(lang, p));
  return true;
}
