import { Transform } from 'class-transformer';
import { ValidationOptions, registerDecorator } from 'class-validator';

/**
 * Characters no free text of the service may hold (docs/decisions.md, "Bad input"):
 * - control characters (Unicode Cc: NUL, C0, DEL, C1) — a multi-line text keeps tab, line feed and carriage return;
 * - format characters (Unicode Cf): bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069), marks
 *   (U+200E, U+200F, U+061C), zero-width space/joiners (U+200B–U+200D), word joiner, BOM (U+FEFF), tags —
 *   invisible in a signed table, they make one text look like another;
 * - line and paragraph separators (U+2028, U+2029) in a one-line text;
 * - unpaired UTF-16 surrogates (not text at all; PostgreSQL refuses them as an invalid byte sequence).
 */
const FORBIDDEN_ONE_LINE =
  /[\p{Cc}\p{Cf}\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const FORBIDDEN_MULTI_LINE =
  /[^\P{Cc}\t\n\r]|\p{Cf}|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

export interface SafeTextOptions {
  /** Fewest characters after trimming (default 1: an empty or blank text is refused). */
  min?: number;
  max: number;
  /** Keeps tab, line feed and carriage return (arguments, rationales, notes). */
  multiline?: boolean;
}

/** The first forbidden character of `value` as `U+XXXX at position N`, or null when the text is clean. */
export function forbiddenCharacter(value: string, multiline = false): string | null {
  const re = multiline ? FORBIDDEN_MULTI_LINE : FORBIDDEN_ONE_LINE;
  const found = re.exec(value);
  if (!found) return null;
  const code = found[0].codePointAt(0)!;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} at position ${found.index + 1}`;
}

/** NFC-normalized and trimmed; anything that is not a string is left for the validator to refuse. */
export function normalizeText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  // normalize() cannot throw on a lone surrogate; it leaves it in place for the validator to name.
  return value.normalize('NFC').trim();
}

/**
 * Free text from a person (names, arguments, positions, notes): a string, trimmed and NFC-normalized,
 * between `min` and `max` characters, without control, bidi, zero-width or unpaired-surrogate characters.
 * The one decorator every free-text DTO field carries, so the rule cannot differ between fields.
 */
export function SafeText(options: SafeTextOptions, validation?: ValidationOptions): PropertyDecorator {
  const min = options.min ?? 1;
  const transform = Transform(({ value }) =>
    validation?.each && Array.isArray(value) ? value.map(normalizeText) : normalizeText(value),
  );
  return (target, propertyName) => {
    transform(target, propertyName);
    registerDecorator({
      name: 'safeText',
      target: target.constructor,
      propertyName: propertyName as string,
      options: validation,
      constraints: [min, options.max, options.multiline ?? false],
      validator: {
        validate(value: unknown) {
          return (
            typeof value === 'string' &&
            value.length >= min &&
            value.length <= options.max &&
            forbiddenCharacter(value, options.multiline) === null
          );
        },
        defaultMessage(args) {
          const value: unknown = args?.value;
          const property = args?.property ?? String(propertyName);
          if (typeof value !== 'string') return `${property} must be a text`;
          if (value.length < min)
            return min <= 1
              ? `${property} must not be empty`
              : `${property} must be at least ${min} characters long (after trimming)`;
          if (value.length > options.max) return `${property} must be at most ${options.max} characters long`;
          const bad = forbiddenCharacter(value, options.multiline);
          return `${property} must not contain control, bidi, zero-width or unpaired surrogate characters (${bad})`;
        },
      },
    });
  };
}
