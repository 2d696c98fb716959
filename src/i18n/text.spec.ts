import { renderText, text, textOr } from './text';

describe(renderText.name, () => {
  it('p.98: a point of the law in each language’s words', () => {
    const t = text('refusals.guardWithLaw', {
      action: { text: 'refusals.actions.OBJECTION_FILE' },
      reason: { text: 'refusals.guards.hasSupportingDocuments' },
      law: { point: 98 },
    });
    expect(renderText('kk', t)).toBe(
      'Қарсылық беру: Қарсылық растайтын құжаттарымен жіберіледі: кемінде біреуін тіркеңіз (98-тармақ)',
    );
    expect(renderText('ru', t)).toBe(
      'Подать возражение: Возражение направляется с подтверждающими документами: приложите хотя бы один (пункт 98)',
    );
    expect(renderText('en', t)).toBe(
      'File an objection: An objection is sent with its supporting documents: attach at least one (point 98)',
    );
  });

  it('SPEC §3: days and moments in the reader’s form, in Astana time', () => {
    expect(renderText('ru', text('refusals.calendar.noEntry', { date: { date: '2025-02-04' } }))).toBe(
      'В календаре нет записи на 04.02.2025',
    );
    // 23:30 UTC is the next day in Astana (UTC+5 since 1 March 2024).
    expect(
      renderText(
        'en',
        text('refusals.misc.openedAfter', {
          id: 'x',
          opened: { at: '2025-02-03T23:30:00Z' },
          at: { at: '2025-02-03T05:00:00Z' },
        }),
      ),
    ).toBe('Case x was opened at 04.02.2025 04:30, after 03.02.2025 10:00');
  });

  it('bad input never breaks a refusal: a day that is not one is shown as it was given', () => {
    expect(renderText('kk', text('refusals.calendar.noEntry', { date: { date: '2025-02-30' } }))).toContain(
      '2025-02-30',
    );
  });

  it('a key built from data names its text when there is one, else the value as it is', () => {
    expect(
      renderText('kk', text('refusals.caseClosed', { outcome: textOr('outcomes.withdrawn', 'withdrawn') })),
    ).toMatch(/^Іс жабылған \(/);
    expect(textOr('outcomes.no-such-outcome', 'odd')).toBe('odd');
  });
});
