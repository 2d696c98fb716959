/**
 * The password policy (NIST SP 800-63B style: length and a blocklist, no composition rules):
 * at least 12 characters (Unicode code points, so Kazakh and Russian letters count as one each),
 * at most 128, not the user name, not in the list of common passwords below (case-insensitive).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Common passwords of 12 characters or more (shorter ones fail the length rule anyway): the top of the
 * public breach lists, keyboard walks on the Latin and the Cyrillic layouts, and local favourites.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '1234567891011',
  '123123123123',
  '111111111111',
  '000000000000',
  '121212121212',
  '123321123321',
  '987654321012',
  '147258369000',
  '123456123456',
  '12344321abcd',
  '112233445566',
  '123qweasdzxc',
  'qweasdzxc123',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwertyuiopas',
  'qwerty123456',
  'qwerty1234567',
  '1qaz2wsx3edc',
  '1qaz2wsx3edc4rfv',
  'zaq12wsxcde3',
  'zaq1zaq1zaq1',
  'qazwsxedcrfv',
  'qazwsxedc123',
  '1q2w3e4r5t6y',
  '1q2w3e4r5t6y7u',
  'q1w2e3r4t5y6',
  'asdfghjkl123',
  "asdfghjkl;'",
  'zxcvbnm12345',
  'password1234',
  'password12345',
  'password123!',
  'passw0rd1234',
  'p@ssw0rd1234',
  'p@ssword1234',
  'mypassword12',
  'changeme1234',
  'administrator',
  'administrator1',
  'admin1234567',
  'adminadmin12',
  'administrator123',
  'welcome12345',
  'welcome123456',
  'letmein12345',
  'iloveyou1234',
  'sunshine1234',
  'football1234',
  'baseball1234',
  'princess1234',
  'superman1234',
  'trustno11234',
  'abcdefghijkl',
  'abcdef123456',
  'abc123abc123',
  'aaaaaaaaaaaa',
  'qqqqqqqqqqqq',
  '1111111111111',
  'password2024',
  'password2025',
  'password2026',
  'йцукенгшщзхъ',
  'йцукенгшщз12',
  'йцукен123456',
  'фывапролджэ1',
  'ячсмитьбю123',
  'пароль123456',
  'парольпароль',
  'пароль12345678',
  'qwerty123456!',
  'kazakhstan2024',
  'kazakhstan2025',
  'kazakhstan2026',
  'kazakhstan123',
  'qazaqstan2025',
  'astana123456',
  'astana2024!!',
  'astana2025!!',
  'almaty123456',
  'казахстан2025',
  'қазақстан2025',
  'астана123456',
  'алматы123456',
  'сәлем123456',
  'salem1234567',
  'нурсултан2025',
  'temppassword',
  'temporary123',
  'default12345',
  'newpassword1',
  'newpassword12',
]);

export type PasswordRule = 'tooShort' | 'tooLong' | 'sameAsUserName' | 'common';

/** The rules `password` breaks, in the order a person fixes them (empty: acceptable). */
export function passwordProblems(password: string, userName: string): PasswordRule[] {
  const length = Array.from(password).length;
  const problems: PasswordRule[] = [];
  if (length < PASSWORD_MIN_LENGTH) problems.push('tooShort');
  if (length > PASSWORD_MAX_LENGTH) problems.push('tooLong');
  const folded = password.normalize('NFC').trim().toLocaleLowerCase('kk');
  if (userName && folded === userName.normalize('NFC').trim().toLocaleLowerCase('kk')) problems.push('sameAsUserName');
  if (COMMON_PASSWORDS.has(folded)) problems.push('common');
  return problems;
}
