import { CommissionFormsPresenter } from '../presenters/commission-forms.presenter';
import { astanaInstant } from './commission-steps';

describe('astanaInstant (p.103: the time of a meeting as typed)', () => {
  it('reads a date and a time of day in Astana time (UTC+5 since March 2024, UTC+6 before)', () => {
    expect(astanaInstant('2025-03-05', '15:00')).toBe('2025-03-05T15:00:00+05:00');
    expect(astanaInstant('2025-03-05', '9:30')).toBe('2025-03-05T09:30:00+05:00');
    expect(astanaInstant('2023-03-05', '15:00')).toBe('2023-03-05T15:00:00+06:00');
  });

  it('refuses what is not a date or not a time of day (the form then names the field)', () => {
    expect(astanaInstant('05.03.2025', '15:00')).toBeNull();
    expect(astanaInstant('2025-02-30', '15:00')).toBeNull();
    expect(astanaInstant('2025-03-05', '25:00')).toBeNull();
    expect(astanaInstant('2025-03-05', '15:60')).toBeNull();
    expect(astanaInstant('2025-03-05', '')).toBeNull();
  });
});

describe(`${CommissionFormsPresenter.name}.quorum (p.104, SPEC §2: more than the fraction of the members)`, () => {
  const sut = Object.create(CommissionFormsPresenter.prototype) as CommissionFormsPresenter;

  it('says how many are needed and how many are short', () => {
    expect(sut.quorum(2, 5, 0.5)).toEqual({ met: false, needed: 3, short: 1 });
    expect(sut.quorum(3, 5, 0.5)).toEqual({ met: true, needed: 3, short: 0 });
    expect(sut.quorum(3, 6, 0.5)).toEqual({ met: false, needed: 4, short: 1 });
    expect(sut.quorum(0, 7, 2 / 3)).toEqual({ met: false, needed: 5, short: 5 });
  });
});
