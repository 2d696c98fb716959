import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { jsonDepthOver, MAX_JSON_DEPTH } from '../json-body';
import { inheritedNameParams } from '../validation';
import { isIsoDate, isIsoInstant } from './iso-instant';
import { SafeText, forbiddenCharacter } from './safe-text';

describe(isIsoInstant.name, () => {
  it.each([
    '2025-02-03T10:00:00+05:00',
    '2025-02-03T05:00:00Z',
    '2025-02-03T10:00+05:00',
    '2025-02-03T10:00:00.123456789Z',
    '2025-02-03T10:00:00+14:00',
    '2025-02-03T10:00:00-12:00',
  ])('accepts %s', (value) => expect(isIsoInstant(value)).toBe(true));
  it.each([
    '2025-02-03T10:00:00+24:00',
    '2025-02-03T10:00:00+99:00',
    '2025-02-03T10:00:00+14:01',
    '2025-02-03T10:00:00+05:60',
    '2025-02-03T24:00:00Z',
    '2025-02-29T10:00:00Z',
    '0001-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59+05:00',
    '2025-02-03T10:00:00',
  ])('refuses %s (every later reader could not take it, or it is not a plausible date)', (value) =>
    expect(isIsoInstant(value)).toBe(false),
  );

  it('dates: existing, years 2000–2099', () => {
    expect(isIsoDate('2025-03-08')).toBe(true);
    expect(['1970-01-01', '9999-01-01', '2025-02-30'].map(isIsoDate)).toEqual([false, false, false]);
  });
});

class Named {
  @SafeText({ min: 2, max: 10 }) name!: string;
  @SafeText({ max: 50, multiline: true }) note!: string;
}

describe(SafeText.name, () => {
  const check = (name: unknown, note: unknown = 'ok') => {
    const dto = plainToInstance(Named, { name, note });
    return { dto, errors: validateSync(dto).flatMap((e) => Object.values(e.constraints ?? {})) };
  };

  it('trims and NFC-normalizes (a decomposed Ё becomes one character)', () => {
    const { dto, errors } = check('  Е\u0308ркін  ');
    expect(errors).toEqual([]);
    expect(dto.name).toBe('Ёркін');
  });

  it.each([
    ['NUL', 'ab\u0000c'],
    ['a C1 control', 'ab\u0085c'],
    ['a bidi override', 'ab\u202Ec'],
    ['a bidi isolate', 'ab\u2066c'],
    ['a zero-width space', 'ab\u200Bc'],
    ['a zero-width joiner', 'ab\u200Dc'],
    ['a BOM', 'ab\uFEFFc'],
    ['a lone high surrogate', 'ab\uD800c'],
    ['a lone low surrogate', 'ab\uDC00c'],
    ['a line feed in a one-line text', 'ab\nc'],
  ])('refuses %s, naming the character and its position', (_, value) => {
    const { errors } = check(value);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^name must not contain .* \(U\+[0-9A-F]{4} at position 3\)$/);
  });

  it('keeps line feeds and tabs in a multi-line text, emoji and Kazakh letters anywhere', () => {
    expect(check('Әй 😀', 'бірінші\n\tекінші').errors).toEqual([]);
    expect(forbiddenCharacter('a\u0000', true)).toBe('U+0000 at position 2');
  });

  it('refuses blank, too long and non-text values', () => {
    expect(check('   ').errors[0]).toMatch(/at least 2/);
    expect(check('x'.repeat(11)).errors[0]).toMatch(/at most 10/);
    expect(check(42).errors[0]).toMatch(/must be a text/);
  });
});

describe(jsonDepthOver.name, () => {
  it('finds nesting past the limit without parsing, ignoring brackets inside strings', () => {
    expect(jsonDepthOver('['.repeat(5_000), MAX_JSON_DEPTH)).toBe(MAX_JSON_DEPTH + 1);
    expect(jsonDepthOver(JSON.stringify({ a: [{ b: { c: ['[[[[[[[[[[[[[[[['] } }] }), MAX_JSON_DEPTH)).toBe(0);
    expect(jsonDepthOver('"\\"[[[[[[[[[[[[[["', 3)).toBe(0);
  });
});

describe(inheritedNameParams.name, () => {
  it('walks any depth without recursion and refuses past the limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inheritedNameParams(deep)[0].reason).toMatch(/nested deeper/);
    expect(
      inheritedNameParams(JSON.parse('{"a":{"__proto__":1,"constructor":2}}'))
        .map((p) => p.name)
        .sort(),
    ).toEqual(['a.__proto__', 'a.constructor']);
  });
});
