import { isValidIin, maskIin, withCheckDigit } from './iin';

describe(isValidIin.name, () => {
  it('accepts an IIN whose 12th digit is its check digit', () => {
    const iin = withCheckDigit('90010230012')!;
    expect(iin).toHaveLength(12);
    expect(isValidIin(iin)).toBe(true);
  });

  it('refuses a wrong check digit, a wrong length, letters and an impossible birth date', () => {
    const iin = withCheckDigit('90010230012')!;
    const wrong = iin.slice(0, 11) + ((Number(iin[11]) + 1) % 10);
    expect(isValidIin(wrong)).toBe(false);
    expect(isValidIin('12345')).toBe(false);
    expect(isValidIin('90010230012a')).toBe(false);
    expect(isValidIin(withCheckDigit('90130230012') ?? '901302300120')).toBe(false);
  });

  it('masks all but the last four digits', () => {
    expect(maskIin('900102300123')).toBe('********0123');
  });
});
