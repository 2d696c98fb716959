import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, Max, Min, validate } from 'class-validator';
import { renderText } from '../i18n/text';
import { reasonIn } from './domain-error';
import { constraintText, flattenValidationErrors } from './validation';
import { SafeText } from './validators/safe-text';

class Sample {
  @IsInt() @Min(1) @Max(10) score!: number;
  @IsIn(['agree', 'disagree']) decision!: string;
  @SafeText({ min: 3, max: 20 }) rationale!: string;
}

describe(constraintText.name, () => {
  it('names the limit a constraint sets and the values it allows, in each language', () => {
    expect(renderText('kk', constraintText('max', 'score must not be greater than 10'))).toBe(
      '10 мәнінен артық болмауы керек',
    );
    expect(renderText('ru', constraintText('minLength', 'x must be longer than or equal to 3 characters'))).toBe(
      'не короче 3 символов',
    );
    expect(
      renderText('en', constraintText('isIn', 'decision must be one of the following values: agree, disagree')),
    ).toBe('must be one of the following values: agree, disagree');
    expect(constraintText('noSuchConstraint', 'x is odd')).toEqual({ key: 'validation.invalid' });
  });

  it('says the form a @Matches asks for, in words (its hint was English only)', () => {
    const code = constraintText('matches', 'code must be 1–40 letters, digits, dots, dashes or underscores');
    expect(renderText('ru', code)).toBe('должно быть 1–40 букв, цифр, точек, дефисов или подчёркиваний');
    expect(
      renderText(
        'kk',
        constraintText('matches', 'meetingId must be the id of a meeting (1–36 letters, digits or dashes)'),
      ),
    ).toBe('отырыстың идентификаторы болуы керек (1–36 әріп, цифр немесе сызықша)');
    expect(constraintText('matches', 'x must match /^a$/ regular expression')).toEqual({ key: 'validation.matches' });
  });

  it('says which of SafeText’s rules a value broke', () => {
    expect(constraintText('safeText', 'rationale must be at least 3 characters long (after trimming)')).toEqual({
      key: 'validation.minLength',
      params: { limit: 3 },
    });
    expect(
      renderText(
        'ru',
        constraintText(
          'safeText',
          'x must not contain control, bidi, zero-width or unpaired surrogate characters (U+0000 at position 5)',
        ),
      ),
    ).toBe(
      'не должно содержать управляющих, bidi, нулевой ширины или непарных суррогатных символов (U+0000 at position 5)',
    );
  });
});

describe(flattenValidationErrors.name, () => {
  it('SPEC §9: each field named, its reason in the reader’s language', async () => {
    const errors = await validate(plainToInstance(Sample, { score: 11, decision: 'maybe', rationale: 'ok' }));
    const params = flattenValidationErrors(errors);
    expect(params.map((p) => [p.name, reasonIn('kk', p)])).toEqual([
      ['score', '10 мәнінен артық болмауы керек'],
      ['decision', 'мына мәндердің бірі болуы керек: agree, disagree'],
      ['rationale', 'кемінде 3 таңба болуы керек'],
    ]);
  });
});
