import { plainToInstance } from 'class-transformer';
import { ValidationError, validate } from 'class-validator';
import type { Language } from '../common/i18n';
import { DomainError } from '../common/domain-error';
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
const RULE_ORDER = ['whitelistValidation', 'isIn', 'isBoolean', 'isIin', 'isIsoDate', 'matches', 'isInt', 'isNumber', 'min', 'max', 'minLength', 'maxLength', 'arrayUnique', 'isString'];

/** Known refusals of the services, recognised by their reason, in the reader's language. */
const REFUSALS: Array<[RegExp, MessageKey]> = [
  [/already exists|a person with this IIN already exists/i, 'forms.refusals.duplicate'],
  [/another account has this user name/i, 'forms.refusals.userNameTaken'],
  [/there is one such body/i, 'forms.refusals.oneSuchBody'],
  [/no body with code/i, 'forms.refusals.noBody'],
  [/no person with this IIN/i, 'forms.refusals.noPerson'],
  [/overlap|in force on|already in force/i, 'forms.refusals.overlap'],
  [/before the act|adoption|adopted/i, 'forms.refusals.beforeAct'],
  [/calendar has no year|Add the year/i, 'forms.refusals.yearUnknown'],
  [/no entry for/i, 'forms.refusals.noEntry'],
  [/represents one body/i, 'forms.refusals.needsBody'],
  [/works for one authority|not an evaluating authority|must be the Presidential Administration/i, 'forms.refusals.needsAuthority'],
  [/signs as a person/i, 'forms.refusals.needsPerson'],
  [/working body is not evaluated/i, 'forms.refusals.workingBody'],
  [/exactly one of max/i, 'forms.refusals.scale'],
  [/appears twice|each indicator once/i, 'forms.refusals.unique'],
  [/already repealed|repeal/i, 'forms.refusals.repeal'],
];

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
      const path = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
      // The first rule that explains it best: a missing value is "fill this in", whatever else it also breaks.
      const broken = Object.keys(e.constraints ?? {});
      const rule = e.value === undefined || e.value === null || e.value === '' ? (broken.length ? broken.find((r) => r === 'whitelistValidation') ?? 'isDefined' : undefined) : (RULE_ORDER.find((r) => broken.includes(r)) ?? broken[0]);
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
 * A service's refusal of a form, at its fields: validation refusals by the names they give, in words where the
 * reason is known (else the service's own reason, quoted); other refusals as a form-level error.
 */
export function refusalToForm(error: unknown, errors: FormErrors, lang: Language, fieldOf: (name: string) => string, formField = 'form'): boolean {
  if (!(error instanceof DomainError)) return false;
  const params = error.extra.invalidParams ?? [];
  if (params.length === 0) {
    errors.addText(formField, `${t(lang, 'forms.refusals.other')}: ${error.detail}`);
    return true;
  }
  for (const p of params) {
    const known = REFUSALS.find(([pattern]) => pattern.test(p.reason));
    errors.addText(fieldOf(p.name), known ? `${t(lang, known[1])}${lawOf(lang, p.reason)}` : `${t(lang, 'forms.refusals.other')}: ${p.reason}`);
  }
  return true;
}
