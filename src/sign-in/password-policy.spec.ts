import { COMMON_PASSWORDS, PASSWORD_MIN_LENGTH, passwordProblems } from './password-policy';

describe(passwordProblems.name, () => {
  it('accepts a long enough password that is neither the user name nor a common one', () => {
    expect(passwordProblems('көктемгі алма ағашы', 'aigerim.s')).toEqual([]);
    expect(passwordProblems('correct horse battery', 'aigerim.s')).toEqual([]);
  });

  it(`refuses fewer than ${PASSWORD_MIN_LENGTH} characters, counting Kazakh letters as one each`, () => {
    expect(passwordProblems('әәәәәәәәәәә', 'x')).toEqual(['tooShort']); // 11 letters, 22 bytes
    expect(passwordProblems('әәәәәәәәәәәә', 'x')).toEqual([]);
    expect(passwordProblems('a'.repeat(129), 'x')).toEqual(['tooLong']);
  });

  it('refuses the user name, whatever its case', () => {
    expect(passwordProblems('Aigerim.Sadykova', 'aigerim.sadykova')).toEqual(['sameAsUserName']);
  });

  it('refuses common passwords, whatever their case', () => {
    expect(passwordProblems('Password1234', 'x')).toEqual(['common']);
    expect(passwordProblems('ЙЦУКЕНГШЩЗХЪ', 'x')).toEqual(['common']);
    for (const common of COMMON_PASSWORDS) expect(common).toBe(common.toLocaleLowerCase('kk'));
  });
});
