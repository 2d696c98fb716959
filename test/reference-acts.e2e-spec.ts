import { Api, expectOk } from '../src/demo/api-client';
import { INDICATORS, World } from '../src/demo/world';
import { takesEffectAfterPublication } from '../src/reference/acts';
import { startSeeded } from './support/seeded';
import { ADMIN_TOKEN, TestApp } from './support/test-app';

/**
 * Rules are acts (issue 13; SPEC, the second seed): indicator catalogues and rule sets are versions with the act that
 * set them — adopted, in force from, repealed by another act — never two in force on one day, and the local (Astana)
 * date decides which one is in force.
 */
describe('Rules are acts: indicator catalogues and rule sets (issue 13)', () => {
  let sut: TestApp;
  let api: Api;
  let world: World;

  beforeAll(async () => {
    ({ sut, api, world } = await startSeeded({ now: '2026-12-20T05:00:00Z' }));
  });
  afterAll(async () => {
    await sut.close();
  });

  const admin = (method: 'GET' | 'POST', path: string, body?: unknown) => api.call(method, path, ADMIN_TOKEN, body);

  describe('the indicator catalogue', () => {
    it('ships a version per direction with the methodology as its act: HR-1…HR-3 on 0…5, IT-1, IT-2 on 0…10, titled as the demo world', async () => {
      const res = await api.call('GET', '/api/v1/indicator-catalogues', world.tokens['agency:MZ']);
      expect(res.status).toBe(200);
      const byCode = Object.fromEntries(res.body.items.map((v: any) => [v.code, v]));
      for (const [code, direction] of [
        ['personnel-v1', 'personnel'],
        ['it-v1', 'it'],
      ] as const) {
        const version = byCode[code];
        expect(version).toMatchObject({
          direction,
          act: {
            title: expect.stringContaining('Methodology'),
            inForceFrom: '2024-01-01',
            inForceUntil: null,
            repealedBy: null,
          },
        });
        expect(version.indicators.map((i: any) => i.code)).toEqual(INDICATORS[direction].map((i) => i.code));
        for (const [n, demo] of INDICATORS[direction].entries()) {
          const [kk, ru] = demo.title.split(' / ');
          expect(version.indicators[n]).toMatchObject({
            title: { kk, ru, en: expect.any(String) },
            scale: { max: demo.maxScore },
          });
        }
      }
    });

    // The seed: Almaty region resolution No. 266 of 27 June 2017 (registered 27 July 2017 No. 4283) added a five-level
    // scale of incentive points +1…+5; it was repealed by resolution No. 106 of 6 March 2018, which took effect ten
    // calendar days after its first official publication. The seed gives neither publication date: the two below are
    // assumed for the example (the rule "ten calendar days after publication" is what is exercised).
    const PUBLISHED_266 = '2017-08-03';
    const PUBLISHED_106 = '2018-03-15';
    const almaty = {
      code: 'almaty-b-incentive-2017',
      direction: 'personnel',
      act: {
        title:
          'Resolution of the Akimat of Almaty region amending resolution No. 97 of 3 March 2017 (methodology for evaluating "B" corps administrative civil servants of local executive bodies): appendix 1-1, incentive points',
        number: '266',
        date: '2017-06-27',
        adoptedOn: '2017-06-27',
      },
      inForceFrom: takesEffectAfterPublication(PUBLISHED_266),
      indicators: [
        {
          code: 'INC-5',
          title: {
            kk: 'Нормативтік құқықтық актілердің жобаларын әзірлеу',
            ru: 'Разработка проектов нормативных правовых актов',
            en: 'Drafting normative legal acts',
          },
          scale: { values: [5, 4, 3, 2, 1] },
        },
        {
          code: 'INC-1',
          title: {
            kk: 'Жұмыс топтары, комиссиялар жұмысына қатысу',
            ru: 'Участие в работе рабочих групп, комиссий',
            en: 'Taking part in working groups and commissions',
          },
          scale: { values: [1, 2, 3, 4, 5] },
        },
      ],
    };

    it('the seed’s +1…+5 scale as a catalogue version: adopted 27 June 2017, in force ten days after publication', async () => {
      // Entered today, with no end, it would overlap the shipped personnel-v1 (in force from 2024): refused.
      const open = await admin('POST', '/api/v1/indicator-catalogues', almaty);
      expect(open.status).toBe(400);
      expect(open.body.invalidParams).toEqual([
        {
          name: 'inForceUntil',
          reason: expect.stringContaining(
            'overlaps personnel catalogue version personnel-v1, in force from 01.01.2024 with no end',
          ),
        },
      ]);
      // Only the administrator keeps the catalogue.
      for (const token of [world.tokens.ascOfficer, world.tokens.auditor, world.tokens['agency:MZ']]) {
        expect(
          (await api.call('POST', '/api/v1/indicator-catalogues', token, { ...almaty, inForceUntil: '2018-03-25' }))
            .status,
        ).toBe(403);
      }
      // Entered as history: it was in force until the day before its repeal took effect (recorded next).
      const res = await admin('POST', '/api/v1/indicator-catalogues', { ...almaty, inForceUntil: '2018-03-25' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        code: 'almaty-b-incentive-2017',
        act: {
          number: '266',
          date: '2017-06-27',
          adoptedOn: '2017-06-27',
          inForceFrom: '2017-08-14',
          inForceUntil: '2018-03-25',
          repealedBy: null,
        },
        indicators: [{ code: 'INC-5', scale: { values: [1, 2, 3, 4, 5] } }, { code: 'INC-1' }],
      });
      const inForce = await api.call(
        'GET',
        '/api/v1/indicator-catalogues/in-force?direction=personnel&date=2017-08-14',
        world.tokens.auditor,
      );
      expect(inForce.body.code).toBe('almaty-b-incentive-2017');
      const before = await api.call(
        'GET',
        '/api/v1/indicator-catalogues/in-force?direction=personnel&date=2017-08-13',
        world.tokens.auditor,
      );
      expect(before.status).toBe(400);
      expect(before.body.invalidParams).toEqual([
        { name: 'date', reason: 'no indicator catalogue of personnel is in force on 13.08.2017 (Astana date)' },
      ]);
    });

    it('an overlapping version is refused with a clear error naming the field, and nothing is written', async () => {
      const res = await admin('POST', '/api/v1/indicator-catalogues', {
        ...almaty,
        code: 'almaty-overlap',
        inForceFrom: '2018-01-01',
        inForceUntil: '2018-06-30',
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation-failed');
      expect(res.body.invalidParams).toEqual([
        {
          name: 'inForceFrom',
          reason: expect.stringContaining(
            'overlaps personnel catalogue version almaty-b-incentive-2017, in force from 14.08.2017 until 25.03.2018',
          ),
        },
      ]);
      // A version ending inside a later one names its end.
      const late = await admin('POST', '/api/v1/indicator-catalogues', {
        ...almaty,
        code: 'almaty-late',
        act: { ...almaty.act, date: '2015-01-01', adoptedOn: undefined },
        inForceFrom: '2016-01-01',
        inForceUntil: '2024-06-30',
      });
      expect(late.body.invalidParams.map((p: any) => p.name)).toEqual(['inForceUntil', 'inForceUntil']);
      const codes = (await admin('GET', '/api/v1/indicator-catalogues')).body.items.map((v: any) => v.code);
      expect(codes).not.toContain('almaty-overlap');
      expect(codes).not.toContain('almaty-late');
    });

    it('the repeal by resolution No. 106 of 6 March 2018 is recorded: it took effect on 26 March 2018, the day after the version’s last day', async () => {
      const effectiveFrom = takesEffectAfterPublication(PUBLISHED_106); // 2018-03-26
      const anonymous = await api.call(
        'POST',
        '/api/v1/indicator-catalogues/almaty-b-incentive-2017/repeal',
        undefined,
        { act: { number: '106', date: '2018-03-06' }, effectiveFrom },
      );
      expect(anonymous.status).toBe(401);
      const officer = await api.call(
        'POST',
        '/api/v1/indicator-catalogues/almaty-b-incentive-2017/repeal',
        world.tokens.ascOfficer,
        { act: { number: '106', date: '2018-03-06' }, effectiveFrom },
      );
      expect(officer.status).toBe(403);
      const early = await admin('POST', '/api/v1/indicator-catalogues/almaty-b-incentive-2017/repeal', {
        act: { number: '106', date: '2018-03-06' },
        effectiveFrom: '2018-03-01',
      });
      expect(early.body.invalidParams).toEqual([
        { name: 'effectiveFrom', reason: expect.stringContaining("before the repealing act's date (06.03.2018)") },
      ]);
      const late = await admin('POST', '/api/v1/indicator-catalogues/almaty-b-incentive-2017/repeal', {
        act: { number: '106', date: '2018-03-06' },
        effectiveFrom: '2018-04-02',
      });
      expect(late.body.invalidParams).toEqual([
        { name: 'effectiveFrom', reason: expect.stringContaining('in force only until 25.03.2018') },
      ]);

      const res = await admin('POST', '/api/v1/indicator-catalogues/almaty-b-incentive-2017/repeal', {
        act: { number: '106', date: '2018-03-06' },
        effectiveFrom,
      });
      expect(res.status).toBe(201);
      expect(res.body.act).toMatchObject({
        number: '266',
        inForceFrom: '2017-08-14',
        inForceUntil: '2018-03-25',
        repealedBy: { number: '106', date: '2018-03-06', effectiveFrom: '2018-03-26' },
      });
      const again = await admin('POST', '/api/v1/indicator-catalogues/almaty-b-incentive-2017/repeal', {
        act: { number: '107', date: '2018-03-07' },
        effectiveFrom: '2018-03-20',
      });
      expect(again.body.invalidParams).toEqual([
        { name: 'code', reason: 'already repealed by No. 106 of 06.03.2018, effective 26.03.2018' },
      ]);
      expect(
        (
          await admin('POST', '/api/v1/indicator-catalogues/nothing-here/repeal', {
            act: { number: '1', date: '2018-03-06' },
            effectiveFrom,
          })
        ).status,
      ).toBe(404);
    });

    it('the Astana date decides which version is in force, also where the UTC date is the day before', async () => {
      // A successor from the day the repeal took effect (a version invented for the test), closed before personnel-v1.
      const successor = await admin('POST', '/api/v1/indicator-catalogues', {
        ...almaty,
        code: 'almaty-successor-2018',
        act: { title: 'TEST: a successor resolution (hypothetical)', number: '107', date: '2018-03-06' },
        inForceFrom: '2018-03-26',
        inForceUntil: '2018-12-31',
      });
      expect(successor.status).toBe(201);
      const at = (instant: string) =>
        api.call(
          'GET',
          `/api/v1/indicator-catalogues/in-force?direction=personnel&at=${encodeURIComponent(instant)}`,
          world.tokens['agency:MZ'],
        );
      // 2018-03-25T20:00Z is 26 March 02:00 in Astana (UTC+6 then): the repeal has taken effect.
      expect((await at('2018-03-25T20:00:00Z')).body.code).toBe('almaty-successor-2018');
      // 2018-03-25T17:59Z is 25 March 23:59 in Astana: resolution No. 266 is still in force.
      expect((await at('2018-03-25T17:59:00Z')).body.code).toBe('almaty-b-incentive-2017');
      // Since the zone change of 1 March 2024 Astana is UTC+5: 2024-12-31T19:00Z is already 1 January 2025.
      expect((await at('2024-12-31T19:00:00Z')).body.code).toBe('personnel-v1');
      expect((await at('2023-12-31T18:30:00Z')).body.code).toBe('personnel-v1'); // 1 January 2024 00:30 (+06)
      const both = await api.call(
        'GET',
        '/api/v1/indicator-catalogues/in-force?direction=it&date=2025-01-01&at=2025-01-01T00:00:00Z',
        world.tokens.auditor,
      );
      expect(both.body.invalidParams.map((p: any) => p.name)).toEqual(['date', 'at']);
      const noDirection = await api.call(
        'GET',
        '/api/v1/indicator-catalogues/in-force?date=2025-01-01',
        world.tokens.auditor,
      );
      expect(noDirection.body.invalidParams.map((p: any) => p.name)).toEqual(['direction']);
    });

    it('a version in force with no end is repealed to make way for the next: it-v1 ends on 31 December 2026, it-v2 starts in 2027', async () => {
      const it2 = {
        code: 'it-v2',
        direction: 'it',
        act: {
          title: 'TEST: a joint order amending the methodology (hypothetical)',
          number: '45/НҚ',
          date: '2026-12-10',
        },
        inForceFrom: '2027-01-01',
        indicators: [
          {
            code: 'IT-1',
            title: {
              kk: 'Мемлекеттік қызметтерді автоматтандыру',
              ru: 'Автоматизация госуслуг',
              en: 'Automation of public services',
            },
            scale: { max: 20 },
          },
        ],
      };
      expect((await admin('POST', '/api/v1/indicator-catalogues', it2)).body.invalidParams[0]).toMatchObject({
        name: 'inForceFrom',
        reason: expect.stringContaining('it-v1'),
      });
      const repeal = await admin('POST', '/api/v1/indicator-catalogues/it-v1/repeal', {
        act: { number: '45/НҚ', date: '2026-12-10' },
        effectiveFrom: '2027-01-01',
      });
      expect(repeal.body.act).toMatchObject({
        inForceFrom: '2024-01-01',
        inForceUntil: '2026-12-31',
        repealedBy: { number: '45/НҚ', effectiveFrom: '2027-01-01' },
      });
      expect((await admin('POST', '/api/v1/indicator-catalogues', it2)).status).toBe(201);
      const at = (instant: string) =>
        api.call(
          'GET',
          `/api/v1/indicator-catalogues/in-force?direction=it&at=${encodeURIComponent(instant)}`,
          world.tokens.mdaiOfficer,
        );
      expect((await at('2026-12-31T19:00:00Z')).body).toMatchObject({
        code: 'it-v2',
        indicators: [{ code: 'IT-1', scale: { max: 20 } }],
      });
      expect((await at('2026-12-31T18:59:59Z')).body.code).toBe('it-v1');
      // The repealed version keeps its indicators and scales for the cases pinned to it.
      expect(
        (await api.call('GET', '/api/v1/indicator-catalogues/it-v1', world.tokens.auditor)).body.indicators.map(
          (i: any) => i.scale,
        ),
      ).toEqual([{ max: 10 }, { max: 10 }]);
    });

    it('bad catalogue input names each field: a scale with both or neither form, repeated codes, bad act number', async () => {
      const res = await admin('POST', '/api/v1/indicator-catalogues', {
        ...almaty,
        code: 'bad',
        inForceFrom: '2030-01-01',
        indicators: [
          { code: 'A', title: almaty.indicators[0].title, scale: { max: 5, values: [1] } },
          { code: 'B', title: almaty.indicators[0].title, scale: {} },
        ],
      });
      expect(res.body.invalidParams.map((p: any) => p.name)).toEqual(['indicators[0].scale', 'indicators[1].scale']);
      const dup = await admin('POST', '/api/v1/indicator-catalogues', {
        ...almaty,
        code: 'bad',
        inForceFrom: '2030-01-01',
        indicators: [almaty.indicators[0], almaty.indicators[0]],
      });
      expect(dup.body.invalidParams.map((p: any) => p.name)).toEqual(['indicators[1].code']);
      const shape = await admin('POST', '/api/v1/indicator-catalogues', {
        ...almaty,
        code: 'bad',
        direction: 'finance',
        act: { ...almaty.act, number: '' },
        indicators: [{ ...almaty.indicators[0], scale: { values: [1, 1.234] } }],
      });
      expect(shape.status).toBe(400);
      expect(shape.body.invalidParams.map((p: any) => p.name)).toEqual(
        expect.arrayContaining(['direction', 'act.number', 'indicators[0].scale.values']),
      );
    });
  });

  describe('rule sets', () => {
    const rules = {
      objectionWorkingDays: 5,
      tableWorkingDays: 5,
      resultCalendarDays: 15,
      resultTermStartsAt: 'objectionReceipt',
      escalationWorkingDays: 5,
      escalationTermStartsAt: 'laterOfDispatchAndCorrection',
      minCommissionMembers: 7,
      quorumFraction: 0.5,
      secretaryVotes: false,
      signatureWorkingDays: 3,
      deliveryBackdatingWorkingDays: 1,
      maxDocumentsPerObjection: 20,
    };
    const v3 = {
      code: 'methodology-ch7-v3',
      act: { title: 'TEST: an order amending the methodology (hypothetical)', number: '12/НҚ', date: '2026-12-15' },
      inForceFrom: '2027-01-01',
      rules,
    };

    it('the shipped rule sets are acts too, read by every signed-in role: v1 until 2023, v2 (issue 13 settings) from 2024', async () => {
      const res = await api.call('GET', '/api/v1/rule-sets', world.tokens['agency:MZ']);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          code: 'methodology-ch7-v2',
          act: expect.objectContaining({
            inForceFrom: '2024-01-01',
            inForceUntil: null,
            number: null,
            repealedBy: null,
          }),
          rules: expect.objectContaining({
            resultTermStartsAt: 'objectionReceipt',
            escalationTermStartsAt: 'laterOfDispatchAndCorrection',
            secretaryVotes: true,
            signatureWorkingDays: 2,
            deliveryBackdatingWorkingDays: 2,
          }),
        }),
        expect.objectContaining({
          code: 'methodology-ch7-v1',
          act: expect.objectContaining({
            inForceFrom: '2017-01-01',
            inForceUntil: '2023-12-31',
            number: null,
            repealedBy: null,
          }),
        }),
      ]);
      expect((await api.call('GET', '/api/v1/rule-sets')).status).toBe(401);
    });

    it('a version overlapping the one in force is refused, naming the field and how to resolve it; changes nothing', async () => {
      const res = await admin('POST', '/api/v1/rule-sets', v3);
      expect(res.status).toBe(400);
      expect(res.body.invalidParams).toEqual([
        {
          name: 'inForceFrom',
          reason: expect.stringContaining(
            'overlaps rule set methodology-ch7-v2, in force from 01.01.2024 with no end: two versions may not be in force on the same day; repeal it first (POST /api/v1/rule-sets/methodology-ch7-v2/repeal)',
          ),
        },
      ]);
      expect((await admin('GET', '/api/v1/rule-sets')).body.items).toHaveLength(2);
      expect((await api.call('POST', '/api/v1/rule-sets', world.tokens.ascOfficer, v3)).status).toBe(403);
    });

    it('every open point of SPEC §2 is an explicit setting of a new version: missing or unknown values are refused, naming the field', async () => {
      const { secretaryVotes: _s, ...incomplete } = rules;
      const res = await admin('POST', '/api/v1/rule-sets', {
        ...v3,
        rules: { ...incomplete, escalationTermStartsAt: 'whenever' },
      });
      expect(res.status).toBe(400);
      expect(res.body.invalidParams.map((p: any) => p.name)).toEqual(
        expect.arrayContaining(['rules.secretaryVotes', 'rules.escalationTermStartsAt']),
      );
    });

    it('repeal, then a new version from the day the repeal takes effect', async () => {
      const repeal = await admin('POST', '/api/v1/rule-sets/methodology-ch7-v2/repeal', {
        act: { number: '12/НҚ', date: '2026-12-15' },
        effectiveFrom: '2027-01-01',
      });
      expect(repeal.status).toBe(201);
      expect(repeal.body.act).toMatchObject({
        inForceUntil: '2026-12-31',
        repealedBy: { number: '12/НҚ', date: '2026-12-15', effectiveFrom: '2027-01-01' },
      });
      expect(repeal.body.repealRecorded).toEqual({ at: '2026-12-20T10:00:00.000+05:00', by: expect.any(String) });
      const created = await admin('POST', '/api/v1/rule-sets', v3);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        code: 'methodology-ch7-v3',
        act: { number: '12/НҚ', date: '2026-12-15', inForceFrom: '2027-01-01', inForceUntil: null },
        rules,
      });
      // A third one across both is refused on both sides.
      const across = await admin('POST', '/api/v1/rule-sets', {
        ...v3,
        code: 'across',
        act: { ...v3.act, date: '2020-01-01' },
        inForceFrom: '2020-01-01',
        inForceUntil: '2030-01-01',
      });
      expect(across.body.invalidParams.map((p: any) => p.name).sort()).toEqual([
        'inForceFrom',
        'inForceUntil',
        'inForceUntil',
      ]); // v1 before it, v2 and v3 after its start
    });

    it('the Astana date decides which rule set is in force: at 2026-12-31T19:30Z it is already 2027 in Astana', async () => {
      const at = (instant: string) =>
        api.call('GET', `/api/v1/rule-sets/in-force?at=${encodeURIComponent(instant)}`, world.tokens.auditor);
      expect((await at('2026-12-31T19:30:00Z')).body.code).toBe('methodology-ch7-v3');
      expect((await at('2026-12-31T18:59:59Z')).body.code).toBe('methodology-ch7-v2');
      expect(
        (await api.call('GET', '/api/v1/rule-sets/in-force?date=2027-01-01', world.tokens.auditor)).body.code,
      ).toBe('methodology-ch7-v3');
    });

    it('p.100: a commission formed at 00:30 on 1 January 2027 in Astana (19:30 UTC the day before) takes the rule set of 2027', async () => {
      await expectOk(
        admin('POST', '/api/v1/cycles', { code: '2027', title: '2027 жылғы бағалау / Оценка за 2027 год', year: 2027 }),
        'cycle 2027',
      );
      sut.clock.set('2026-12-31T19:30:00Z');
      const commission = await expectOk(
        api.call('POST', '/api/v1/commissions', world.tokens.ascOfficer, { direction: 'personnel', cycle: '2027' }),
        'commission',
      );
      const read = await api.call('GET', `/api/v1/commissions/${commission.id}`, world.tokens.auditor);
      expect(read.body.minMembers).toBe(7);
    });
  });
});
