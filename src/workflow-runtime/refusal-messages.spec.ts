import { appealCaseMachines, commissionMachines } from '../../workflows';
import { LANGUAGES } from '../common/i18n';
import { renderText } from '../i18n/text';
import { refusalText } from './refusal-messages';

const machines = [...Object.values(appealCaseMachines), ...Object.values(commissionMachines)];
const EVENTS = [...new Set(machines.flatMap((m) => m.events as string[]))].filter((e) =>
  /^[A-Z_]+(\.[A-Z_]+)?$/.test(e),
);
const GUARDS = [...new Set(machines.flatMap((m) => Object.keys((m.implementations as { guards: object }).guards)))];
const STAGES = ['issued', 'objectionReceived', 'commissionReview', 'closed', 'forming', 'constituted', undefined];

/** An event name (OBJECTION.WITHDRAW), a guard's name or the English "p.98" in a text for people. */
const internal = (text: string) =>
  /\b[A-Z][A-Z_]+[._][A-Z][A-Z_]+\b/.test(text) || GUARDS.some((g) => text.includes(g)) || /\bp\.\d/.test(text);

describe(refusalText.name, () => {
  it('SPEC §9: "too early" names the action and what must happen first, in words, at any stage — never the event', () => {
    const texts = EVENTS.flatMap((event) =>
      STAGES.flatMap((stage) =>
        LANGUAGES.map((lang) => renderText(lang, refusalText(event, { type: 'invalid-transition', stage }))),
      ),
    );
    expect(texts.filter(internal)).toEqual([]);
    expect(renderText('ru', refusalText('OBJECTION.WITHDRAW', { type: 'invalid-transition', stage: 'issued' }))).toBe(
      'Отозвать возражение: невозможно на стадии «Заключение вручено»: возражение должно быть подано, и ни по одной строке ещё не должно быть решения',
    );
  });

  it('SPEC §9: a failing guard names its rule and point of the law in words, never the guard', () => {
    const texts = GUARDS.flatMap((guard) =>
      LANGUAGES.map((lang) => renderText(lang, refusalText('ROW.DECIDE', { type: 'quorum-not-met', guard }))),
    );
    expect(texts.filter(internal)).toEqual([]);
    expect(
      renderText('kk', refusalText('ROW.DECIDE', { type: 'quorum-not-met', guard: 'quorumMet', law: 'p.103' })),
    ).toContain('103-тармақ');
  });

  it('p.100/p.101: the point is the machine rule’s — p.101 for the informatization authority’s commission', () => {
    const it101 = refusalText('TABLE.SUBMIT', {
      type: 'commission-not-constituted',
      guard: 'commissionConstituted',
      law: 'p.101',
    });
    expect(renderText('kk', it101)).toMatch(/ \(101-тармақ\)$/);
    expect(renderText('ru', it101)).toMatch(/ \(пункт 101\)$/);
    expect(renderText('en', it101)).not.toContain('point 100');
  });

  it('p.106: after the dispatch the authority’s decision is final, said in each language', () => {
    expect(renderText('kk', refusalText('TABLE.DRAFT', { type: 'final-at-authority' }))).toContain('106-тармақ');
    expect(renderText('en', refusalText('TABLE.DRAFT', { type: 'final-at-authority' }))).toContain('(point 106)');
  });
});
