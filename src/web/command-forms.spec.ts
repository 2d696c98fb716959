import { DomainError } from '../common/domain-error';
import { FormFields, defaultFieldOf, numberField, personOf, personToken, refusalText } from './command-forms';
import { Words } from './presenters/words';

describe('the shared path of the command forms (issue 15)', () => {
  const kk = new Words('kk');
  const ru = new Words('ru');

  it('p.98/p.99: a refusal by the objection term names the date it ended and the point of the law, in the reader’s language', () => {
    const error = new DomainError('deadline-passed', 'OBJECTION.FILE: the objection term has ended', {
      law: 'p.99',
      rule: 'beforeObjectionDeadline',
    });
    expect(refusalText(error, kk, { date: '16.11.2026 23:59' })).toBe(
      'Мерзім 16.11.2026 23:59 аяқталды: бұл қадам енді қабылданбайды (99-тармақ)',
    );
    expect(refusalText(error, ru, { date: '16.11.2026 23:59' })).toBe(
      'Срок истёк 16.11.2026 23:59: этот шаг больше не принимается (пункт 99)',
    );
  });

  it('p.100/p.104: the commission not constituted, whose conflict of interest, how many short of the quorum', () => {
    expect(
      refusalText(
        new DomainError('commission-not-constituted', 'x', { law: 'p.101', rule: 'commissionConstituted' }),
        ru,
      ),
    ).toContain('Специальная комиссия ещё не сформирована');
    expect(
      refusalText(new DomainError('member-conflict-of-interest', 'x', { law: 'p.100' }), kk, { people: 'Сейітов Н.' }),
    ).toContain('Мүдделер қақтығысы: Сейітов Н.');
    expect(
      refusalText(new DomainError('quorum-not-met', 'x', { law: 'p.104', rule: 'quorumMet' }), ru, { short: 2 }),
    ).toBe('Заседание неправомочно: до кворума не хватает членов комиссии: 2 (пункт 104)');
  });

  it('a step too early names the stage in words; another refusal is the service’s own text in the reader’s language', () => {
    expect(refusalText(new DomainError('invalid-transition', 'x', { stage: 'signing' }), kk)).toContain('«');
    const other = refusalText(new DomainError('idempotency-key-reused', 'This key was used'), kk);
    expect(other).toContain('Idempotency-Key');
    expect(other).not.toContain('This key was used');
  });

  it('reads typed numbers (a comma is a decimal point) and leaves other text for the DTO to name', () => {
    expect(numberField('4')).toBe(4);
    expect(numberField('2,5')).toBe(2.5);
    expect(numberField('')).toBeUndefined();
    expect(numberField('four')).toBe('four');
  });

  it('fields: first value trimmed, all values without blanks; DTO paths become field ids', () => {
    const f = FormFields.of({ a: [' x ', ''], b: 'y', c: 3 });
    expect([f.one('a'), f.all('a'), f.one('b'), f.one('c'), f.one('none')]).toEqual(['x', ['x'], 'y', '', '']);
    expect(defaultFieldOf('items[0].claimedScore')).toBe('items-0-claimedScore');
  });

  it('SPEC §4: a person is picked by a token that is not the IIN, and maps back only among the directory', () => {
    const iin = '900101300125';
    const token = personToken(iin);
    expect(token).not.toContain(iin);
    expect(personOf(token, ['800101300111', iin])).toBe(iin);
    expect(personOf(token, ['800101300111'])).toBeUndefined();
  });
});
