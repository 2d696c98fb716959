import { ValidationOptions, registerDecorator } from 'class-validator';

/**
 * Kazakhstan IIN: 12 digits, the 12th a check digit — weights 1..11, sum mod 11; if that gives 10,
 * weights 3..11,1,2; a second 10 means the number is invalid. The first six digits are the birth date YYMMDD.
 */
export function isValidIin(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{12}$/.test(value)) return false;
  const d = [...value].map(Number);
  const month = d[2] * 10 + d[3];
  const day = d[4] * 10 + d[5];
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
  let check = w1.reduce((s, w, i) => s + w * d[i], 0) % 11;
  if (check === 10) check = w2.reduce((s, w, i) => s + w * d[i], 0) % 11;
  return check !== 10 && check === d[11];
}

/** Completes 11 digits with their check digit (for making valid IINs in demos and tests), or null. */
export function withCheckDigit(first11: string): string | null {
  for (let c = 0; c <= 9; c++) if (isValidIin(first11 + c)) return first11 + c;
  return null;
}

/** IINs are shown masked to everyone but administrators and auditors (SPEC §4). */
export function maskIin(iin: string): string {
  return '********' + iin.slice(8);
}

export function IsIin(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIin',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property }) => `${property} must be a valid IIN (12 digits with a correct check digit)`,
        ...options,
      },
      validator: { validate: (v: unknown) => isValidIin(v) },
    });
}
