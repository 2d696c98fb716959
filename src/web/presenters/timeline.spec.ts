import { timelineOf, TimelineEvent } from './timeline';
import { Words } from './words';

const at = '2026-11-20T05:00:00.000Z';
const event = (
  seq: number,
  type: string,
  payload: object,
  actorId = 'a1',
  actorRole = 'agencyRepresentative',
): TimelineEvent => ({ seq, type, payload, actorId, actorRole, businessTime: at, recordedTime: at });
const options = {
  caseId: 'c',
  actors: new Map([['a1', 'Сәрсенбаева Мадина']]),
  indicatorTitle: (code: string) => (code === 'HR-1' ? 'Кадрлық резерв' : ''),
  documentHref: (sha: string) => `/case/c/documents/${sha}`,
};

describe(timelineOf.name, () => {
  it('says who, when and what in words — which row, which decision, old → new deadline and the reason — never an event type name', () => {
    const entries = timelineOf(
      [
        event(1, 'OBJECTION.FILE', {
          at,
          items: [{ indicatorCode: 'HR-1', claimedScore: 5, argument: 'x' }],
          documents: [{ name: 'Бұйрық.pdf', sha256: 'ab'.repeat(32) }],
          deadlines: {},
        }),
        event(
          2,
          'ROW.DECIDE',
          {
            at,
            n: 2,
            decision: 'disagree',
            rationale: 'Негізсіз',
            vote: { for: 2, against: 2, abstained: 0, present: 4, members: 5, chairVote: 'for' },
            commissionConstituted: true,
          },
          'a1',
          'commissionSecretary',
        ),
        event(3, 'TABLE.SIGN', { at, signer: 'agency', refusalReason: 'Келіспейміз' }),
        event(
          4,
          'DEADLINES.RECOMPUTED',
          {
            at,
            deadlines: { objection: '2026-11-30T23:59:59.999+05:00' },
            meta: {
              previous: { objection: '2026-11-27T23:59:59.999+05:00' },
              calendarVersion: 7,
              reason: '2026-11-24: бұйрық',
            },
          },
          'calendar',
          'system',
        ),
        event(5, 'SOMETHING.NEW', { at }),
      ],
      new Words('kk'),
      options,
    );
    expect(entries.map((e) => e.title)).toEqual([
      'Қарсылық берілді: 1 көрсеткіш дауланды',
      '2-жол: комиссия қарсылықпен келіспеді',
      'Мемлекеттік органның өкілі кестеге қол қоюдан бас тартты',
      'Ресми күнтізбе өзгерді (7-нұсқа): мерзімдер қайта есептелді',
      'Іс бойынша қадам тіркелді',
    ]);
    expect(entries[0].lines).toEqual(['HR-1 Кадрлық резерв: сұралған балл 5']);
    expect(entries[0].documents).toEqual([{ name: 'Бұйрық.pdf', href: `/case/c/documents/${'ab'.repeat(32)}` }]);
    expect(entries[1].lines).toEqual([
      'Дауыс: жақтады 2, қарсы 2, қалыс қалды 0; 5 мүшенің 4-і қатысты.',
      'Тең дауыс кезінде төрағаның дауысы шешті: жақтады.',
    ]);
    expect(entries[2].quotes).toEqual([{ label: 'Бас тарту себебі', text: 'Келіспейміз' }]);
    expect(entries[3].lines).toEqual(['D1 — қарсылық беру мерзімі: 27.11.2026 23:59 → 30.11.2026 23:59']);
    expect(entries[3].quotes).toEqual([{ label: 'Себебі', text: '2026-11-24: бұйрық' }]);
    expect(entries[3].who).toBe('Жүйе: ресми күнтізбе');
    expect(entries[1].who).toBe('Сәрсенбаева Мадина (Комиссия хатшысы)');
    expect(entries[0].when).toBe('20.11.2026 10:00');
    expect(JSON.stringify(entries)).not.toMatch(/[A-Z_]+\.[A-Z_]+/);
  });
});
