import { getMetadataStorage } from 'class-validator';
import { LANGUAGES } from '../../common/i18n';
import { CASE_ROUTES } from '../../cases/commands';
import { COMMISSION_ROUTES } from '../../commissions/commands';
import { RulesDto } from '../../reference/dto/reference.dto';
import { BODY_KINDS } from '../../reference/reference.entities';
import { ROLES } from '../../auth/roles';
import { t } from '../../i18n/catalogue';
import { dynamicKey, Words } from './words';

/**
 * Keys the pages build from data (a state, an action, an event type, a rule's name): each must exist in all three
 * languages, or the page would show the key itself — an internal code in front of people.
 */
describe(Words.name, () => {
  const states = [
    'issued',
    'objectionReceived',
    'tablePreparation',
    'commissionReview',
    'signing',
    'dispatch',
    'correction',
    'escalationWindow',
    'escalated',
    'closed',
  ];
  const dataKeys = [
    ...states.map((s) => `caseStates.${s}`),
    ...['noObjection', 'noResponse', 'withdrawn', 'final', 'upheld', 'revised'].map((o) => `outcomes.${o}`),
    ...['objection', 'table', 'result', 'escalation', 'signature'].flatMap((k) => [`termKinds.${k}`, `termWhose.${k}`]),
    ...['noObjectionNotice', 'table', 'result'].map((k) => `breaches.${k}`),
    ...[...CASE_ROUTES, ...COMMISSION_ROUTES].map((c) => `actions.${c.action}`),
    ...['OBJECTION_FILE', 'NO_OBJECTION_FILE', 'TABLE_SUBMIT', 'RESULTS_DISPATCH', 'ESCALATION_FILE'].map(
      (a) => `answers.${a}`,
    ),
    ...['chair', 'secretary', 'member'].map((r) => `memberRoles.${r}`),
    ...['agencyRepresentative', 'evaluator'].map((k) => `invitees.${k}`),
    ...['for', 'against', 'abstained'].map((b) => `ballot.${b}`),
    ...['forming', 'constituted', 'dissolved'].map((s) => `commissionStates.${s}`),
    ...ROLES.map((r) => `roles.${r}`),
    ...BODY_KINDS.map((k) => `bodyKinds.${k}`),
    ...[
      ...new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(RulesDto, '', true, false)
          .map((m) => m.propertyName),
      ),
    ].map((n) => `ruleSettings.${n}`),
    ...['holiday', 'religious', 'moved', 'transfer', 'workingWeekend'].flatMap((c) => [
      `calendar.short.${c}`,
      `calendar.categories.${c}`,
    ]),
    ...Array.from({ length: 12 }, (_, i) => `calendar.months.m${i + 1}`),
    ...Array.from({ length: 7 }, (_, i) => `calendar.weekdays.d${i + 1}`),
    ...[
      'seq-gap',
      'prev-hash-mismatch',
      'hash-mismatch',
      'projection-mismatch',
      'snapshot-mismatch',
      'missing-stream',
      'rewound',
      'digest-mismatch',
      'deadline-mismatch',
    ].map((p) => `verify.problems.${p}`),
    ...['workingBody', 'body'].map((r) => `results.recipient.${r}`),
    ...['account', 'password', 'body', 'person', 'ruleSet', 'ruleSetRepealed', 'catalogue', 'catalogueRepealed'].map(
      (d) => `admin.done.${d}`,
    ),
  ];

  it('has a text for every key built from data, in kk, ru and en', () => {
    const missing = LANGUAGES.flatMap((lang) =>
      dataKeys.filter((key) => t(lang, dynamicKey(key), { code: 'X' }) === key).map((key) => `${lang}: ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('catches a key that is missing (the check can fail)', () => {
    expect(t('kk', dynamicKey('caseStates.noSuchState'))).toBe('caseStates.noSuchState');
  });

  it('writes law points in words and the short reference of a case', () => {
    const kk = new Words('kk');
    expect(kk.law('p.98/p.99')).toBe('98-тармақ / 99-тармақ');
    expect(new Words('ru').law('p.106')).toBe('пункт 106');
    expect(kk.caseRef({ bodyCode: 'MZ', direction: 'personnel', cycle: '2026' })).toBe(
      'MZ · Персоналды басқару · 2026',
    );
    expect(new Words('ru').caseRef({ bodyCode: 'MZ', direction: 'it', cycle: '2026' })).toBe(
      'MZ · Применение информационных технологий · 2026',
    );
  });

  it('says where a term stands: working days left, the last day, overdue', () => {
    const ru = new Words('ru');
    expect(ru.standing({ lastDay: '2026-11-27', overdue: false, workingDaysLeft: 3, lastDayToday: false })).toEqual({
      text: 'осталось 3 рабочих дня',
      tone: 'running',
    });
    expect(ru.standing({ lastDay: '2026-11-27', overdue: false, workingDaysLeft: 2, lastDayToday: false }).tone).toBe(
      'urgent',
    );
    expect(ru.standing({ lastDay: '2026-11-27', overdue: false, workingDaysLeft: 1, lastDayToday: true })).toEqual({
      text: 'Сегодня — последний день',
      tone: 'urgent',
    });
    expect(
      new Words('kk').standing({ lastDay: '2026-11-27', overdue: true, workingDaysLeft: 0, lastDayToday: false }),
    ).toEqual({ text: 'Мерзімі өтті: 27.11.2026', tone: 'overdue' });
  });
});
