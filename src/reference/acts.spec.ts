import {
  ActRecord,
  CatalogueVersion,
  PinnedRuleSet,
  describeScale,
  newVersionProblems,
  periodsOverlap,
  pinnedRulesHash,
  repealProblems,
  scoreWithinScale,
  takesEffectAfterPublication,
} from './acts';

const act = (over: Partial<ActRecord> = {}): ActRecord => ({
  title: 'Resolution of the Akimat of Almaty region',
  number: '266',
  date: '2017-06-27',
  adoptedOn: '2017-06-27',
  inForceFrom: '2017-08-14',
  inForceUntil: null,
  repealedBy: null,
  ...over,
});

describe(scoreWithinScale.name, () => {
  it('p.104/107/108: a maximum scale takes whole points 0…max only', () => {
    const hr1 = { scale: { max: 5 } };
    expect([0, 1, 5].map((s) => scoreWithinScale(hr1, s))).toEqual([true, true, true]);
    expect([6, 999, -1, 2.5, NaN, Infinity].map((s) => scoreWithinScale(hr1, s))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('an allowed-values scale (the seed’s +1…+5 incentive points) takes those values only', () => {
    const incentive = { scale: { values: [1, 2, 3, 4, 5] } };
    expect([1, 3, 5].map((s) => scoreWithinScale(incentive, s))).toEqual([true, true, true]);
    expect([0, 6, 2.5, -1].map((s) => scoreWithinScale(incentive, s))).toEqual([false, false, false, false]);
  });
});

describe(describeScale.name, () => {
  it('words a scale for a refusal', () => {
    expect(describeScale({ max: 5 })).toBe('0…5 (whole points)');
    expect(describeScale({ values: [1, 2, 3, 4, 5] })).toBe('one of +1, +2, +3, +4, +5');
  });
});

describe(takesEffectAfterPublication.name, () => {
  it('"ten calendar days after the day of its first official publication": published 3 August, in effect from 14 August', () => {
    expect(takesEffectAfterPublication('2017-08-03')).toBe('2017-08-14');
    expect(takesEffectAfterPublication('2018-02-28')).toBe('2018-03-11');
  });
});

describe(periodsOverlap.name, () => {
  it('inclusive ends; an open end runs forever', () => {
    expect(
      periodsOverlap(
        { inForceFrom: '2017-01-01', inForceUntil: '2017-12-31' },
        { inForceFrom: '2018-01-01', inForceUntil: null },
      ),
    ).toBe(false);
    expect(
      periodsOverlap(
        { inForceFrom: '2017-01-01', inForceUntil: '2018-01-01' },
        { inForceFrom: '2018-01-01', inForceUntil: null },
      ),
    ).toBe(true);
    expect(
      periodsOverlap(
        { inForceFrom: '2019-01-01', inForceUntil: null },
        { inForceFrom: '2018-01-01', inForceUntil: null },
      ),
    ).toBe(true);
  });
});

describe(newVersionProblems.name, () => {
  const series = {
    noun: { text: 'refusals.reference.nounRuleSet' as const },
    repealPath: (code: string) => `/api/v1/rule-sets/${code}/repeal`,
  };
  it('refuses an overlap, naming the field whose day falls inside the other version and how to resolve it', () => {
    const others = [
      { code: 'v1', inForceFrom: '2017-01-01', inForceUntil: null },
      { code: 'v0', inForceFrom: '2010-01-01', inForceUntil: '2016-12-31' },
    ];
    expect(
      newVersionProblems(
        { act: { date: '2020-01-01' }, inForceFrom: '2020-01-01', inForceUntil: null },
        others,
        series,
      ),
    ).toMatchObject([
      {
        name: 'inForceFrom',
        reason: expect.stringMatching(
          /^the period overlaps rule set v1, in force from 01.01.2017 with no end: .*POST \/api\/v1\/rule-sets\/v1\/repeal/,
        ),
      },
    ]);
    expect(
      newVersionProblems(
        { act: { date: '2009-01-01' }, inForceFrom: '2009-06-01', inForceUntil: '2011-01-01' },
        others,
        series,
      ),
    ).toMatchObject([{ name: 'inForceUntil', reason: expect.stringContaining('overlaps rule set v0') }]);
    expect(
      newVersionProblems(
        { act: { date: '2009-01-01' }, inForceFrom: '2009-06-01', inForceUntil: '2009-12-31' },
        others,
        series,
      ),
    ).toEqual([]);
  });

  it('refuses a period ending before it starts, and a version in force before its act was adopted', () => {
    expect(
      newVersionProblems(
        { act: { date: '2020-01-01' }, inForceFrom: '2020-02-01', inForceUntil: '2020-01-31' },
        [],
        series,
      )[0].name,
    ).toBe('inForceUntil');
    expect(
      newVersionProblems(
        { act: { date: '2020-01-01', adoptedOn: '2020-01-05' }, inForceFrom: '2020-01-02', inForceUntil: null },
        [],
        series,
      ),
    ).toMatchObject([
      { name: 'inForceFrom', reason: expect.stringContaining('before the act was adopted (05.01.2020)') },
    ]);
  });
});

describe(repealProblems.name, () => {
  it('refuses a repeal effective before the repealing act, on or before the first day in force, after a fixed end, or twice', () => {
    const repeal = (date: string, effectiveFrom: string) => ({ act: { number: '106', date }, effectiveFrom });
    expect(repealProblems({ act: act() }, repeal('2018-03-06', '2018-03-26'))).toEqual([]);
    expect(repealProblems({ act: act() }, repeal('2018-03-06', '2018-03-05'))[0]).toMatchObject({
      name: 'effectiveFrom',
      reason: expect.stringContaining("repealing act's date"),
    });
    expect(repealProblems({ act: act() }, repeal('2017-06-01', '2017-08-14')).map((p) => p.name)).toEqual([
      'act.date',
      'effectiveFrom',
    ]);
    expect(
      repealProblems({ act: act({ inForceUntil: '2018-01-31' }) }, repeal('2018-03-06', '2018-03-26'))[0].reason,
    ).toContain('only until 31.01.2018');
    expect(repealProblems({ act: act({ inForceUntil: '2018-03-25' }) }, repeal('2018-03-06', '2018-03-26'))).toEqual(
      [],
    );
    const repealed = act({
      inForceUntil: '2018-03-25',
      repealedBy: { number: '106', date: '2018-03-06', effectiveFrom: '2018-03-26' },
    });
    expect(repealProblems({ act: repealed }, repeal('2018-04-01', '2018-04-10'))).toMatchObject([
      { name: 'code', reason: 'already repealed by No. 106 of 06.03.2018, effective 26.03.2018' },
    ]);
  });
});

describe(pinnedRulesHash.name, () => {
  const ruleSet: PinnedRuleSet = {
    id: 1,
    code: 'methodology-ch7-v1',
    act: act({ title: 'Methodology', number: null, date: null, adoptedOn: null, inForceFrom: '2017-01-01' }),
    rules: {
      objectionWorkingDays: 5,
      tableWorkingDays: 5,
      resultCalendarDays: 15,
      resultTermStartsAt: 'objectionReceipt',
      escalationWorkingDays: 5,
      escalationTermStartsAt: 'laterOfDispatchAndCorrection',
      minCommissionMembers: 5,
      quorumFraction: 0.5,
      secretaryVotes: true,
      signatureWorkingDays: 2,
      deliveryBackdatingWorkingDays: 2,
      maxDocumentsPerObjection: 20,
    },
  };
  const catalogue: CatalogueVersion = {
    id: 3,
    code: 'personnel-v1',
    direction: 'personnel',
    act: act({ inForceFrom: '2024-01-01' }),
    indicators: [{ code: 'HR-1', title: { kk: 'а', ru: 'б', en: 'c' }, scale: { max: 5 } }],
  };

  it('is the SHA-256 of the canonical content: stable, and blind to a later repeal (which only ends the period)', () => {
    const hash = pinnedRulesHash(ruleSet, catalogue);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const repealed = {
      ...catalogue,
      act: {
        ...catalogue.act,
        inForceUntil: '2025-12-31',
        repealedBy: { number: '9', date: '2025-12-01', effectiveFrom: '2026-01-01' },
      },
    };
    expect(pinnedRulesHash(ruleSet, repealed)).toBe(hash);
    expect(pinnedRulesHash({ ...ruleSet, id: 99 }, { ...catalogue, id: 42 })).toBe(hash); // row ids are not content
  });

  it('changes when any setting, scale, title or the act’s identity is edited', () => {
    const hash = pinnedRulesHash(ruleSet, catalogue);
    expect(pinnedRulesHash({ ...ruleSet, rules: { ...ruleSet.rules, objectionWorkingDays: 6 } }, catalogue)).not.toBe(
      hash,
    );
    expect(
      pinnedRulesHash(ruleSet, { ...catalogue, indicators: [{ ...catalogue.indicators[0], scale: { max: 10 } }] }),
    ).not.toBe(hash);
    expect(
      pinnedRulesHash(ruleSet, {
        ...catalogue,
        indicators: [{ ...catalogue.indicators[0], title: { kk: 'а', ru: 'б', en: 'd' } }],
      }),
    ).not.toBe(hash);
    expect(pinnedRulesHash(ruleSet, { ...catalogue, act: { ...catalogue.act, number: '267' } })).not.toBe(hash);
    expect(pinnedRulesHash(ruleSet, { ...catalogue, act: { ...catalogue.act, inForceFrom: '2024-01-02' } })).not.toBe(
      hash,
    );
  });
});
