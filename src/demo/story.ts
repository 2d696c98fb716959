import { DateTime } from 'luxon';
import { KZ_ZONE } from '../calendar/calendar-rules';
import { Api, expectOk } from './api-client';
import { INDICATORS, World, demoIin, demoPdf, seedWorld } from './world';

/**
 * The demo's story (`npm run demo`, and the browser tests' world): a realistic evaluation cycle written through the
 * public API — both directions, a constituted special commission per direction, and cases in every state of SPEC §4.
 * The dates below are the story as written (autumn 2026, the latest step on Friday 20 November, 11:00 Astana);
 * `shiftDays` moves all of them, so the demo can end its story in the week it runs and every term that must still run
 * (D1 of the issued cases, D4 of the escalation window) still runs at real time.
 */

/** The first step of the story as written (Tuesday 1 September 2026, 09:30 Astana). */
export const STORY_START = '2026-09-01T09:30:00';
/** The latest step of the story as written (Friday 20 November 2026, 11:00 Astana). */
export const STORY_END = '2026-11-20T11:00:00';

/** What the story needs of the service's clock: read it, move it forward, and fire the terms that ran out. */
export interface StoryDriver {
  now(): number;
  jumpTo(at: string): void;
  sweep(): Promise<unknown>;
}

export interface Story {
  world: World;
  cycle: string;
  /** Case ids by `direction:bodyCode` (e.g. `personnel:MZ`). */
  caseIds: Record<string, string>;
  commissionIds: { personnel: string; it: string };
  representatives: Record<string, string>;
}

export class StoryError extends Error {}

/** Whole weeks to move the story by, so that its last step falls within the seven days before `now` (weekdays stay). */
export function storyShiftDays(now: Date): number {
  const end = DateTime.fromISO(STORY_END, { zone: KZ_ZONE }).toMillis();
  return 7 * Math.floor((now.getTime() - end) / (7 * 86_400_000));
}

interface Step {
  at: string;
  what: string;
  run: () => Promise<void>;
}

/** More evaluated bodies, with their official Kazakh and Russian names. */
export const EXTRA_BODIES = [
  {
    code: 'MT',
    kind: 'agency',
    nameKk: 'Қазақстан Республикасы Көлік министрлігі',
    nameRu: 'Министерство транспорта Республики Казахстан',
    nameEn: 'Ministry of Transport',
  },
  {
    code: 'MJ',
    kind: 'agency',
    nameKk: 'Қазақстан Республикасы Әділет министрлігі',
    nameRu: 'Министерство юстиции Республики Казахстан',
    nameEn: 'Ministry of Justice',
  },
  {
    code: 'MVD',
    kind: 'agency',
    nameKk: 'Қазақстан Республикасы Ішкі істер министрлігі',
    nameRu: 'Министерство внутренних дел Республики Казахстан',
    nameEn: 'Ministry of Internal Affairs',
  },
  {
    code: 'MIO',
    kind: 'agency',
    nameKk: 'Қазақстан Республикасы Ақпарат және қоғамдық даму министрлігі',
    nameRu: 'Министерство информации и общественного развития Республики Казахстан',
    nameEn: 'Ministry of Information and Social Development',
  },
  {
    code: 'AKM-AST',
    kind: 'agency',
    nameKk: 'Астана қаласының әкімдігі',
    nameRu: 'Акимат города Астаны',
    nameEn: 'Akimat of Astana',
  },
] as const;

/** More people: three members of the informatization authority's commission, evaluators of the PA and the PMO. */
const EXTRA_PEOPLE = [
  {
    i: 13,
    fullName: 'Қасымов Нұрсұлтан Ерланұлы',
    bodyCode: 'MDAI',
    position: 'Департамент директорының орынбасары / Заместитель директора департамента',
  },
  {
    i: 14,
    fullName: 'Петрова Ольга Николаевна',
    bodyCode: 'MDAI',
    position: 'Басқарма басшысы / Руководитель управления',
  },
  { i: 15, fullName: 'Жақсылықов Талғат Бақытұлы', bodyCode: 'MDAI', position: 'Бас сарапшы / Главный эксперт' },
  { i: 16, fullName: 'Мұратова Әсел Қанатқызы', bodyCode: 'AP', position: 'Инспектор / Инспектор' },
  { i: 17, fullName: 'Ержанов Ринат Асқарұлы', bodyCode: 'KPM', position: 'Сарапшы / Эксперт' },
];

/** The representatives of the evaluated bodies (account display names, signatures of the table). */
export const REPRESENTATIVES: Record<string, string> = {
  MZ: 'Сәрсенбаева Мадина Асқарқызы (ДСМ / МЗ)',
  MON: 'Құдайбергенов Ерлан Нұрланұлы (ОАМ / МП)',
  MF: 'Абдрахманова Лаура Серікқызы (ҚМ / МФ)',
  'AKM-ALM': 'Төлегенов Бақытжан Әсетұлы (Алматы облысының әкімдігі / Акимат Алматинской области)',
  MSH: 'Есенова Гүлмира Жұмабайқызы (АШМ / МСХ)',
  ASC: 'Рахимов Азамат Болатұлы (МҚІА / АДГС)',
  MDAI: 'Ли Виктория Андреевна (ЦДИАӨМ / МЦРИАП)',
  MT: 'Мұхамедиев Ерболат Сәкенұлы (КМ / МТ)',
  MJ: 'Байжанова Айнұр Ғалымқызы (ӘМ / МЮ)',
  MVD: 'Серікбаев Дәурен Қайратұлы (ІІМ / МВД)',
  MIO: 'Нұрпейісова Жанна Маратқызы (АҚДМ / МИОР)',
  'AKM-AST': 'Омаров Тимур Ерікұлы (Астана қаласының әкімдігі / Акимат города Астаны)',
};

/**
 * Writes the story through the public API. `driver` moves the service's clock forward to each step (never backward:
 * events keep their order) and sweeps, as the running service would have: terms that ran out in between fire before
 * the next command, deterministically. Every date of the story is moved by `shiftDays` (whole weeks keep weekdays).
 */
export async function seedStory(
  api: Api,
  adminToken: string,
  driver: StoryDriver,
  options: { shiftDays?: number } = {},
): Promise<Story> {
  const shiftDays = options.shiftDays ?? 0;
  const shifted = (local: string) => DateTime.fromISO(local, { zone: KZ_ZONE }).plus({ days: shiftDays });
  const CYCLE = String(shifted(STORY_START).year);
  const advanceTo = async (at: string) => {
    if (Date.parse(at) > driver.now()) driver.jumpTo(at);
    await driver.sweep();
  };
  driver.jumpTo(shifted(STORY_START).toISO()!);
  /** An untyped step of the story (its path is built at run time): the answer's id, token or hash, as the caller reads it. */
  const post = async (what: string, path: string, token: string, body: unknown = {}) =>
    (await expectOk(api.call('POST', path, token, body), what)) as { id: string; token: string };

  const world = await seedWorld(api, adminToken, CYCLE);
  const t = (key: string) => {
    const token = world.tokens[key];
    if (!token) throw new Error(`no demo account ${key}`);
    return token;
  };

  for (const b of EXTRA_BODIES) await post(`body ${b.code}`, '/api/v1/bodies', adminToken, b);
  const extra: Record<number, string> = {};
  for (const p of EXTRA_PEOPLE) {
    extra[p.i] = demoIin(p.i);
    await post(`person ${p.fullName}`, '/api/v1/people', adminToken, {
      iin: extra[p.i],
      fullName: p.fullName,
      bodyCode: p.bodyCode,
      position: p.position,
    });
  }
  for (const b of EXTRA_BODIES) {
    const created = await post(`account agency:${b.code}`, '/api/v1/accounts', adminToken, {
      role: 'agencyRepresentative',
      displayName: REPRESENTATIVES[b.code],
      bodyCode: b.code,
    });
    world.tokens[`agency:${b.code}`] = created.token;
  }

  const people = world.people;
  const evaluatorInvitees = (direction: 'personnel' | 'it') =>
    (direction === 'personnel' ? [people[6], people[7]] : [people[10], people[11]]).map((p) => ({
      name: p.fullName,
      iin: p.iin,
      kind: 'evaluator' as const,
    }));
  // p.103: the representative of each objecting body (naming the body) and every evaluator of the direction are invited.
  const rep = (code: string) => ({
    name: REPRESENTATIVES[code] ?? `Өкіл / Представитель ${code}`,
    kind: 'agencyRepresentative' as const,
    bodyCode: code,
  });

  const ids: Record<string, string> = {};
  const commissions: Record<
    'personnel' | 'it',
    { id: string; members: { iin: string; role: 'chair' | 'secretary' | 'member' }[] }
  > = {
    personnel: { id: '', members: world.members.personnel },
    it: {
      id: '',
      members: [
        { iin: people[8].iin, role: 'chair' },
        { iin: people[9].iin, role: 'secretary' },
        { iin: extra[13], role: 'member' },
        { iin: extra[14], role: 'member' },
        { iin: extra[15], role: 'member' },
      ],
    },
  };
  const key = (code: string, direction: 'personnel' | 'it') => `${direction}:${code}`;
  const secretary = (d: 'personnel' | 'it') => t(d === 'personnel' ? 'ascSecretary' : 'mdaiSecretary');
  const officer = (d: 'personnel' | 'it') => t(d === 'personnel' ? 'ascOfficer' : 'mdaiOfficer');
  const chair = (d: 'personnel' | 'it') => t(d === 'personnel' ? 'ascChair' : 'mdaiChair');
  const meetings: Record<string, string> = {};

  // ---- building blocks, each one command of the public API
  // p.98: handed over at the step's time (its receipt), or — with `delivered` — earlier, on paper, with its delivery record.
  const issue =
    (
      code: string,
      direction: 'personnel' | 'it',
      _at: string,
      issuer?: string,
      evaluators?: string[],
      delivered?: { at: string; reference: string },
    ) =>
    async () => {
      const c = await post(`conclusion ${direction} ${code}`, '/api/v1/conclusions', issuer ?? officer(direction), {
        bodyCode: code,
        direction,
        cycle: CYCLE,
        ...(delivered ? { deliveredAt: delivered.at, deliveryRecord: { reference: delivered.reference } } : {}),
        items: INDICATORS[direction],
        evaluators: evaluators ?? world.evaluators[direction],
      });
      ids[key(code, direction)] = c.id;
    };
  const upload = async (code: string, fileName: string, text: string) => {
    const r = await api.upload('/api/v1/documents', t(`agency:${code}`), fileName, demoPdf(`${code}: ${text}`));
    if (r.status >= 300) throw new Error(`upload ${fileName} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return (r.body as { sha256: string }).sha256;
  };
  const object =
    (
      code: string,
      d: 'personnel' | 'it',
      files: [string, string][],
      items: { indicatorCode: string; claimedScore?: number; argument: string }[],
    ) =>
    async () => {
      const documents: string[] = [];
      for (const [name, text] of files) documents.push(await upload(code, name, text));
      await post(`objection ${d} ${code}`, `/api/v1/cases/${ids[key(code, d)]}/objection`, t(`agency:${code}`), {
        items,
        documents,
      });
    };
  const noObjection = (code: string, d: 'personnel' | 'it', note: string) => async () => {
    await post(`no-objection ${d} ${code}`, `/api/v1/cases/${ids[key(code, d)]}/no-objection`, t(`agency:${code}`), {
      note,
    });
  };
  const table =
    (code: string, d: 'personnel' | 'it', rows: { indicatorCode: string; authorityPosition: string }[]) => async () => {
      await post(`table ${d} ${code}`, `/api/v1/cases/${ids[key(code, d)]}/table`, officer(d), { rows });
    };
  const submit = (code: string, d: 'personnel' | 'it') => async () => {
    await post(
      `table submission ${d} ${code}`,
      `/api/v1/cases/${ids[key(code, d)]}/table/submission`,
      secretary(d),
      {},
    );
  };
  const formCommission = (d: 'personnel' | 'it') => async () => {
    const c = await post(`commission ${d}`, '/api/v1/commissions', secretary(d), { direction: d, cycle: CYCLE });
    commissions[d].id = c.id;
    for (const m of commissions[d].members)
      await post(`member ${m.role}`, `/api/v1/commissions/${c.id}/members`, secretary(d), m);
    await post(`constitution ${d}`, `/api/v1/commissions/${c.id}/constitution`, secretary(d), {});
  };
  const schedule = (name: string, d: 'personnel' | 'it', scheduledFor: string, bodies: string[]) => async () => {
    const c = await post(`meeting ${name}`, `/api/v1/commissions/${commissions[d].id}/meetings`, secretary(d), {
      scheduledFor,
      invitees: [...bodies.map(rep), ...evaluatorInvitees(d)],
    });
    meetings[name] = c.id; // the answer is the new meeting (issue 11)
  };
  const attendance = (name: string, d: 'personnel' | 'it', presentIdx: number[]) => async () => {
    const present = presentIdx.map((i) => commissions[d].members[i].iin);
    await post(
      `attendance ${name}`,
      `/api/v1/commissions/${commissions[d].id}/meetings/${meetings[name]}/attendance`,
      secretary(d),
      { present },
    );
  };
  const decide =
    (
      code: string,
      d: 'personnel' | 'it',
      meeting: string,
      n: number,
      decision: 'agree' | 'disagree',
      rationale: string,
      votes: [number, number, number],
      chairVote?: 'for' | 'against',
    ) =>
    async () => {
      await post(
        `decision ${d} ${code} row ${n}`,
        `/api/v1/cases/${ids[key(code, d)]}/table/rows/${n}/decision`,
        secretary(d),
        {
          meetingId: meetings[meeting],
          decision,
          rationale,
          votes: { for: votes[0], against: votes[1], abstained: votes[2] },
          ...(chairVote ? { chairVote } : {}),
        },
      );
    };
  const agencySigns = (code: string, d: 'personnel' | 'it', refusalReason?: string) => async () => {
    await post(
      `agency signature ${d} ${code}`,
      `/api/v1/cases/${ids[key(code, d)]}/table/signatures`,
      t(`agency:${code}`),
      refusalReason ? { refusalReason } : {},
    );
  };
  const chairSigns = (code: string, d: 'personnel' | 'it') => async () => {
    await post(`chair signature ${d} ${code}`, `/api/v1/cases/${ids[key(code, d)]}/table/signatures`, chair(d), {});
  };
  const dispatch = (code: string, d: 'personnel' | 'it', note: string) => async () => {
    await post(`dispatch ${d} ${code}`, `/api/v1/cases/${ids[key(code, d)]}/dispatch`, officer(d), { note });
  };

  const at = (local: string) => shifted(local).toISO()!;
  const steps: Step[] = [];
  const step = (local: string, what: string, ...runs: (() => Promise<void>)[]) =>
    steps.push({
      at: at(local),
      what,
      run: async () => {
        for (const r of runs) await r();
      },
    });

  // ================================================================== "Personnel management" (ASC, p.95)

  // MON: no objection (p.99) → closed, noObjection.
  step('2026-09-07T10:00:00', 'ASC issues MON', issue('MON', 'personnel', at('2026-09-07T10:00:00')));
  step(
    '2026-09-09T11:20:00',
    'MON: no objection',
    noObjection(
      'MON',
      'personnel',
      'Бағалау нәтижелерімен келісеміз, қарсылығымыз жоқ. / С результатами оценки согласны, возражений не имеем.',
    ),
  );

  // MF: objection, then withdrawn before the commission decides → closed, withdrawn.
  step('2026-09-07T10:05:00', 'ASC issues MF', issue('MF', 'personnel', at('2026-09-07T10:05:00')));
  step(
    '2026-09-10T15:40:00',
    'MF objects',
    object(
      'MF',
      'personnel',
      [['Кадрлық резерв бойынша анықтама.pdf', 'reserve 2026']],
      [
        {
          indicatorCode: 'HR-1',
          claimedScore: 4,
          argument: 'Бос лауазымдардың 62%-ы кадрлық резервтен толықтырылды; бұйрықтардың көшірмелері қоса беріледі.',
        },
      ],
    ),
  );
  step('2026-09-15T09:15:00', 'MF withdraws', async () => {
    await post('withdrawal personnel MF', `/api/v1/cases/${ids[key('MF', 'personnel')]}/withdrawal`, t('agency:MF'), {
      note: 'Кадр қызметімен қосымша салыстырудан кейін қарсылықты кері аламыз. / Возражение отзывается после дополнительной сверки с кадровой службой.',
    });
  });

  // p.100: the special commission of the civil-service authority, once objections arrived.
  step('2026-09-11T10:00:00', 'ASC forms its special commission', formCommission('personnel'));

  // AKM-ALM: decided (disagree), signed, dispatched 1 October; D4 passes → closed, final.
  step('2026-09-14T10:00:00', 'ASC issues AKM-ALM', issue('AKM-ALM', 'personnel', at('2026-09-14T10:00:00')));
  step(
    '2026-09-18T16:30:00',
    'AKM-ALM objects',
    object(
      'AKM-ALM',
      'personnel',
      [
        ['Кадрлардың тұрақтамауы туралы анықтама.pdf', 'turnover'],
        ['Справка об обучении служащих 2026.pdf', 'training'],
      ],
      [
        {
          indicatorCode: 'HR-2',
          claimedScore: 4,
          argument:
            'Кадрлардың тұрақтамауы 9,8% құрайды: аудандық әкімдіктерге ауысқан қызметшілер қате есепке алынған.',
        },
        {
          indicatorCode: 'HR-3',
          claimedScore: 5,
          argument:
            'Обучение прошли 100% служащих по плану 2026 года, сертификаты Академии государственного управления прилагаются.',
        },
      ],
    ),
  );
  step(
    '2026-09-23T11:00:00',
    'ASC: table for AKM-ALM, submitted, meeting called',
    table('AKM-ALM', 'personnel', [
      {
        indicatorCode: 'HR-2',
        authorityPosition: 'Ауысулар Әдістемеге сәйкес тұрақтамау көрсеткішіне енгізіледі; есеп дұрыс.',
      },
      {
        indicatorCode: 'HR-3',
        authorityPosition: 'Сертификаты представлены на 71% служащих; остальные обучены вне утверждённого плана.',
      },
    ]),
    submit('AKM-ALM', 'personnel'),
    schedule('asc-2026-09-29', 'personnel', at('2026-09-29T15:00:00'), ['AKM-ALM']),
  );
  step(
    '2026-09-29T17:10:00',
    'ASC commission meets on AKM-ALM',
    attendance('asc-2026-09-29', 'personnel', [0, 1, 2, 4]),
    decide(
      'AKM-ALM',
      'personnel',
      'asc-2026-09-29',
      1,
      'disagree',
      'Ауысулар Әдістеменің 2-қосымшасына сәйкес есепке алынады; қарсылық негізсіз.',
      [3, 1, 0],
    ),
    decide(
      'AKM-ALM',
      'personnel',
      'asc-2026-09-29',
      2,
      'disagree',
      'Представленные сертификаты не подтверждают обучение всех служащих по плану.',
      [4, 0, 0],
    ),
  );
  step(
    '2026-09-30T10:00:00',
    'AKM-ALM table signed',
    agencySigns('AKM-ALM', 'personnel'),
    chairSigns('AKM-ALM', 'personnel'),
  );
  step(
    '2026-10-01T10:00:00',
    'ASC dispatches AKM-ALM',
    dispatch(
      'AKM-ALM',
      'personnel',
      'Шағымдану нәтижелері жұмыс органына және әкімдікке жіберілді. / Результаты направлены рабочему органу и акимату.',
    ),
  );

  // MZ: full procedure, a row agreed, corrected (p.107), escalated to the PA (p.108) → escalated.
  step('2026-10-20T10:00:00', 'ASC issues MZ', issue('MZ', 'personnel', at('2026-10-20T10:00:00')));
  step(
    '2026-10-27T12:00:00',
    'MZ objects',
    object(
      'MZ',
      'personnel',
      [
        ['Кадрлық резервтен тағайындау туралы бұйрықтар.pdf', 'orders'],
        ['Справка о текучести кадров ДСМ.pdf', 'turnover'],
      ],
      [
        {
          indicatorCode: 'HR-1',
          claimedScore: 5,
          argument: 'Тағайындаулардың 80%-ы кадрлық резервтен жүргізілді (бұйрықтар тізбесі қоса беріледі).',
        },
        {
          indicatorCode: 'HR-2',
          claimedScore: 4,
          argument: 'Текучесть рассчитана без учёта служащих, находящихся в отпуске по уходу за ребёнком.',
        },
      ],
    ),
  );
  step(
    '2026-10-30T10:00:00',
    'ASC: table for MZ, submitted, meeting called',
    table('MZ', 'personnel', [
      { indicatorCode: 'HR-1', authorityPosition: 'Бағалау кезінде резерв деректері толық ұсынылмаған.' },
      {
        indicatorCode: 'HR-2',
        authorityPosition: 'Методика не исключает отпуска по уходу за ребёнком из расчёта текучести.',
      },
    ]),
    submit('MZ', 'personnel'),
    schedule('asc-2026-11-04', 'personnel', at('2026-11-04T15:00:00'), ['MZ']),
  );
  step(
    '2026-11-04T17:00:00',
    'ASC commission meets on MZ',
    attendance('asc-2026-11-04', 'personnel', [0, 1, 2, 3]),
    decide(
      'MZ',
      'personnel',
      'asc-2026-11-04',
      1,
      'agree',
      'Резервтен тағайындау туралы бұйрықтар ұсынылды, деректер расталды.',
      [3, 1, 0],
    ),
    decide(
      'MZ',
      'personnel',
      'asc-2026-11-04',
      2,
      'disagree',
      'Методика не предусматривает исключений при расчёте текучести; голос председателя решающий.',
      [2, 2, 0],
      'for',
    ),
  );
  step(
    '2026-11-05T10:00:00',
    'MZ refuses to sign; the chair signs',
    agencySigns(
      'MZ',
      'personnel',
      'Екінші жол бойынша комиссия шешімімен келіспейміз. / Не согласны с решением по второй строке.',
    ),
    chairSigns('MZ', 'personnel'),
  );
  step(
    '2026-11-09T10:00:00',
    'ASC dispatches MZ',
    dispatch('MZ', 'personnel', 'Нәтижелер жұмыс органына және ДСМ-ге жіберілді.'),
  );
  step('2026-11-10T10:00:00', 'ASC corrects the MZ conclusion (p.107)', async () => {
    await post('correction personnel MZ', `/api/v1/cases/${ids[key('MZ', 'personnel')]}/correction`, t('ascOfficer'), {
      reason: 'Арнайы комиссияның шешімі (1-жол). / Решение специальной комиссии (строка 1).',
    });
  });
  step('2026-11-13T15:00:00', 'MZ escalates to the Presidential Administration (p.108)', async () => {
    const doc = await upload('MZ', 'Президент Әкімшілігіне шағым.pdf', 'escalation');
    await post('escalation personnel MZ', `/api/v1/cases/${ids[key('MZ', 'personnel')]}/escalation`, t('agency:MZ'), {
      reason:
        'Кадрлардың тұрақтамауы көрсеткіші бойынша арнайы комиссияның шешімімен келіспейміз; бала күтімі демалысындағы қызметшілер есептен шығарылуы тиіс.',
      documents: [doc],
    });
  });

  // MSH: objection, table, decision → signing (the agency signed, the chair has not yet).
  step('2026-11-02T10:00:00', 'ASC issues MSH', issue('MSH', 'personnel', at('2026-11-02T10:00:00')));
  step(
    '2026-11-06T16:00:00',
    'MSH objects',
    object(
      'MSH',
      'personnel',
      [['Қызметшілерді оқыту жоспарының орындалуы.pdf', 'training plan']],
      [
        {
          indicatorCode: 'HR-3',
          claimedScore: 5,
          argument: 'Оқыту жоспары 100% орындалды, 214 қызметші біліктілігін арттырды.',
        },
      ],
    ),
  );
  step(
    '2026-11-10T11:00:00',
    'ASC: table for MSH, submitted, meeting called',
    table('MSH', 'personnel', [
      { indicatorCode: 'HR-3', authorityPosition: 'Бағалау кезінде оқыту туралы есеп ұсынылмаған.' },
    ]),
    submit('MSH', 'personnel'),
    schedule('asc-2026-11-17', 'personnel', at('2026-11-17T15:00:00'), ['MSH']),
  );
  step(
    '2026-11-17T17:00:00',
    'ASC commission meets on MSH',
    attendance('asc-2026-11-17', 'personnel', [0, 1, 2, 3, 4]),
    decide(
      'MSH',
      'personnel',
      'asc-2026-11-17',
      1,
      'agree',
      'Оқыту жоспарының орындалуы расталды. / Выполнение плана обучения подтверждено документально.',
      [5, 0, 0],
    ),
  );
  step('2026-11-18T10:00:00', 'MSH signs the table', agencySigns('MSH', 'personnel'));

  // MT: objection, table submitted → commissionReview (a meeting is called for 25 November).
  step('2026-11-05T10:00:00', 'ASC issues MT', issue('MT', 'personnel', at('2026-11-05T10:00:00')));
  step(
    '2026-11-11T14:00:00',
    'MT objects',
    object(
      'MT',
      'personnel',
      [['Справка о назначениях из кадрового резерва МТ.pdf', 'reserve']],
      [
        {
          indicatorCode: 'HR-1',
          claimedScore: 4,
          argument: 'Из 48 назначений 31 произведено из кадрового резерва (64,6%), приказы прилагаются.',
        },
        {
          indicatorCode: 'HR-2',
          claimedScore: 3,
          argument: 'Реорганизация комитета транспортного контроля ошибочно учтена как увольнения.',
        },
      ],
    ),
  );
  step(
    '2026-11-16T11:00:00',
    'ASC: table for MT',
    table('MT', 'personnel', [
      {
        indicatorCode: 'HR-1',
        authorityPosition: 'Часть назначений произведена из резерва другого государственного органа.',
      },
      {
        indicatorCode: 'HR-2',
        authorityPosition: 'Қайта ұйымдастыру кезінде босатылғандар тұрақтамау көрсеткішіне кіреді.',
      },
    ]),
  );
  step(
    '2026-11-17T10:00:00',
    'ASC submits the MT table, meeting called',
    submit('MT', 'personnel'),
    schedule('asc-2026-11-25', 'personnel', at('2026-11-25T15:00:00'), ['MT']),
  );

  // MJ: objection, table drafted, not yet submitted → tablePreparation.
  step('2026-11-10T10:00:00', 'ASC issues MJ', issue('MJ', 'personnel', at('2026-11-10T10:00:00')));
  step(
    '2026-11-16T12:00:00',
    'MJ objects',
    object(
      'MJ',
      'personnel',
      [['Әділет министрлігінің түсініктемесі.pdf', 'explanation']],
      [
        {
          indicatorCode: 'HR-2',
          claimedScore: 4,
          argument: 'Тұрақтамау көрсеткішіне аумақтық әділет органдарына ротация бойынша ауысқандар қате енгізілген.',
        },
      ],
    ),
  );
  step(
    '2026-11-19T11:00:00',
    'ASC: table for MJ drafted',
    table('MJ', 'personnel', [
      {
        indicatorCode: 'HR-2',
        authorityPosition: 'Ротация по Закону о государственной службе не исключается из расчёта; позиция уточняется.',
      },
    ]),
  );

  // AKM-AST: nothing sent within five working days → closed, noResponse (D1 fires).
  step('2026-11-09T10:30:00', 'ASC issues AKM-AST', issue('AKM-AST', 'personnel', at('2026-11-09T10:30:00')));

  // MVD: objection on 19 November → objectionReceived.
  step('2026-11-16T10:00:00', 'ASC issues MVD', issue('MVD', 'personnel', at('2026-11-16T10:00:00')));
  step(
    '2026-11-19T16:00:00',
    'MVD objects',
    object(
      'MVD',
      'personnel',
      [['Справка о кадровом резерве МВД.pdf', 'reserve']],
      [
        {
          indicatorCode: 'HR-1',
          claimedScore: 4,
          argument:
            'В расчёт не включены назначения из резерва полиции (специальные государственные органы), приказы прилагаются.',
        },
      ],
    ),
  );

  // MIO: handed over on paper at 08:45 on 20 November, recorded at 10:00 with its delivery record (p.98) → issued.
  step(
    '2026-11-20T10:00:00',
    'ASC records the delivery of MIO',
    issue('MIO', 'personnel', at('2026-11-20T10:00:00'), undefined, undefined, {
      at: at('2026-11-20T08:45:00'),
      reference: 'Шығыс № 04-2-12/1187, 20.11.2026, қолма-қол тапсырылды / вручено нарочно',
    }),
  );

  // ASC itself: its conclusion is drawn up by the Presidential Administration (p.91) → issued.
  step('2026-11-20T09:00:00', 'The PA issues the conclusion on ASC (p.91)', async () =>
    issue('ASC', 'personnel', at('2026-11-20T09:00:00'), t('pa'), [extra[16]])(),
  );

  // ================================================================== "Application of IT" (MDAI, p.97)

  // MDAI itself: drawn up by the Office of the Prime Minister (p.93); no objection.
  step('2026-09-08T11:00:00', 'The PMO issues the conclusion on MDAI (p.93)', async () =>
    issue('MDAI', 'it', at('2026-09-08T11:00:00'), t('pmo'), [extra[17]])(),
  );
  step('2026-09-11T12:00:00', 'MDAI: no objection', noObjection('MDAI', 'it', 'Қарсылық жоқ. / Возражений нет.'));

  // p.101: the special commission of the informatization authority.
  step('2026-09-14T09:30:00', 'MDAI forms its special commission', formCommission('it'));

  // AKM-ALM: escalated early, the PA upheld the result → closed, upheld.
  step('2026-09-08T10:00:00', 'MDAI issues AKM-ALM', issue('AKM-ALM', 'it', at('2026-09-08T10:00:00')));
  step(
    '2026-09-11T11:00:00',
    'AKM-ALM objects (IT)',
    object(
      'AKM-ALM',
      'it',
      [['Мемлекеттік қызметтерді автоматтандыру есебі.pdf', 'e-services']],
      [
        {
          indicatorCode: 'IT-1',
          claimedScore: 8,
          argument: 'Облыс бойынша 142 мемлекеттік қызметтің 131-і электрондық форматқа көшірілді.',
        },
        {
          indicatorCode: 'IT-2',
          claimedScore: 7,
          argument: 'Акт аудита информационной безопасности от 12.06.2026 подтверждает устранение замечаний.',
        },
      ],
    ),
  );
  step(
    '2026-09-15T10:00:00',
    'MDAI: table for AKM-ALM, submitted, meeting called',
    table('AKM-ALM', 'it', [
      {
        indicatorCode: 'IT-1',
        authorityPosition:
          'Көрсетілген 131 қызметтің 40-ы ғана «Электрондық үкімет» порталында толық автоматтандырылған.',
      },
      { indicatorCode: 'IT-2', authorityPosition: 'Акт аудита составлен после отчётного периода и не учитывается.' },
    ]),
    submit('AKM-ALM', 'it'),
    schedule('mdai-2026-09-17', 'it', at('2026-09-17T15:00:00'), ['AKM-ALM']),
  );
  step(
    '2026-09-17T17:00:00',
    'MDAI commission meets on AKM-ALM',
    attendance('mdai-2026-09-17', 'it', [0, 1, 2, 3, 4]),
    decide(
      'AKM-ALM',
      'it',
      'mdai-2026-09-17',
      1,
      'disagree',
      'Толық автоматтандыру порталдың деректерімен расталмады.',
      [4, 1, 0],
    ),
    decide(
      'AKM-ALM',
      'it',
      'mdai-2026-09-17',
      2,
      'disagree',
      'Акт аудита относится к периоду после оценки.',
      [5, 0, 0],
    ),
  );
  step('2026-09-18T10:00:00', 'AKM-ALM IT table signed', agencySigns('AKM-ALM', 'it'), chairSigns('AKM-ALM', 'it'));
  step(
    '2026-09-21T10:00:00',
    'MDAI dispatches AKM-ALM',
    dispatch('AKM-ALM', 'it', 'Нәтижелер жұмыс органына және әкімдікке жіберілді.'),
  );
  step('2026-09-23T12:00:00', 'AKM-ALM escalates (IT)', async () => {
    await post('escalation it AKM-ALM', `/api/v1/cases/${ids[key('AKM-ALM', 'it')]}/escalation`, t('agency:AKM-ALM'), {
      reason:
        'Просим пересмотреть оценку по автоматизации государственных услуг: данные портала не учитывают услуги, оказываемые через ЦОН.',
    });
  });
  step('2026-10-14T11:00:00', 'The PA upholds the AKM-ALM IT result', async () => {
    await post(
      'escalation outcome it AKM-ALM',
      `/api/v1/cases/${ids[key('AKM-ALM', 'it')]}/escalation/outcome`,
      t('pa'),
      {
        outcome: 'upheld',
        note: 'Уәкілетті органның бағасы күшінде қалдырылды. / Оценка уполномоченного органа оставлена без изменения.',
      },
    );
  });

  // MZ: decided and signed in September, never dispatched → dispatch, with the p.106 breach.
  step('2026-09-14T10:30:00', 'MDAI issues MZ', issue('MZ', 'it', at('2026-09-14T10:30:00')));
  step(
    '2026-09-17T11:00:00',
    'MZ objects (IT)',
    object(
      'MZ',
      'it',
      [['ДСМ ақпараттық қауіпсіздік аудитінің актісі.pdf', 'IS audit']],
      [
        {
          indicatorCode: 'IT-2',
          claimedScore: 8,
          argument: 'Ақпараттық қауіпсіздік аудиті өтті, ескертулер жойылды (акт қоса беріледі).',
        },
      ],
    ),
  );
  step(
    '2026-09-22T10:00:00',
    'MDAI: table for MZ, submitted, meeting called',
    table('MZ', 'it', [{ indicatorCode: 'IT-2', authorityPosition: 'Аудит нәтижелері бағалау кезінде ұсынылмаған.' }]),
    submit('MZ', 'it'),
    schedule('mdai-2026-09-24', 'it', at('2026-09-24T15:00:00'), ['MZ']),
  );
  step(
    '2026-09-24T17:00:00',
    'MDAI commission meets on MZ',
    attendance('mdai-2026-09-24', 'it', [0, 1, 2, 4]),
    decide(
      'MZ',
      'it',
      'mdai-2026-09-24',
      1,
      'agree',
      'Аудит актісі ескертулердің жойылғанын растайды. / Акт аудита подтверждает устранение замечаний.',
      [3, 1, 0],
    ),
  );
  step('2026-09-25T10:00:00', 'MZ IT table signed', agencySigns('MZ', 'it'), chairSigns('MZ', 'it'));

  // MF: objection on 5 October, nothing since → objectionReceived, with the p.102 and p.106 breaches.
  step('2026-09-30T10:00:00', 'MDAI issues MF', issue('MF', 'it', at('2026-09-30T10:00:00')));
  step(
    '2026-10-05T15:00:00',
    'MF objects (IT)',
    object(
      'MF',
      'it',
      [['Справка об автоматизации госуслуг МФ.pdf', 'e-services']],
      [
        {
          indicatorCode: 'IT-1',
          claimedScore: 9,
          argument: 'Все 38 государственных услуг Комитета государственных доходов оказываются в электронной форме.',
        },
      ],
    ),
  );

  // MSH: dispatched 20 November with a row agreed → correction.
  step('2026-11-02T10:30:00', 'MDAI issues MSH', issue('MSH', 'it', at('2026-11-02T10:30:00')));
  step(
    '2026-11-06T11:00:00',
    'MSH objects (IT)',
    object(
      'MSH',
      'it',
      [['АШМ мемлекеттік қызметтерді автоматтандыру.pdf', 'e-services']],
      [
        {
          indicatorCode: 'IT-1',
          claimedScore: 8,
          argument: 'Субсидиялау жүйесі арқылы 12 қызмет толық автоматтандырылды.',
        },
      ],
    ),
  );
  step(
    '2026-11-11T10:00:00',
    'MDAI: table for MSH, submitted',
    table('MSH', 'it', [
      {
        indicatorCode: 'IT-1',
        authorityPosition: 'Субсидиялау ақпараттық жүйесі «Электрондық үкімет» шлюзіне қосылмаған.',
      },
    ]),
    submit('MSH', 'it'),
  );

  // MT: dispatched 19 November, nothing agreed → escalationWindow.
  step('2026-11-03T10:00:00', 'MDAI issues MT', issue('MT', 'it', at('2026-11-03T10:00:00')));
  step(
    '2026-11-09T15:00:00',
    'MT objects (IT)',
    object(
      'MT',
      'it',
      [['Акт аудита информационной безопасности МТ.pdf', 'IS audit']],
      [
        {
          indicatorCode: 'IT-2',
          claimedScore: 7,
          argument: 'Замечания по защите информационных систем устранены в третьем квартале 2026 года.',
        },
      ],
    ),
  );
  step(
    '2026-11-12T10:00:00',
    'MDAI: table for MT, submitted, meeting called',
    table('MT', 'it', [
      {
        indicatorCode: 'IT-2',
        authorityPosition: 'Устранение замечаний не подтверждено актом Национального координационного центра ИБ.',
      },
    ]),
    submit('MT', 'it'),
    schedule('mdai-2026-11-16', 'it', at('2026-11-16T15:00:00'), ['MSH', 'MT']),
  );
  step(
    '2026-11-16T17:00:00',
    'MDAI commission meets on MSH and MT',
    attendance('mdai-2026-11-16', 'it', [0, 1, 3, 4]),
    decide(
      'MSH',
      'it',
      'mdai-2026-11-16',
      1,
      'agree',
      'Қызметтердің автоматтандырылуы жүйенің деректерімен расталды.',
      [4, 0, 0],
    ),
    decide('MT', 'it', 'mdai-2026-11-16', 1, 'disagree', 'Документ об устранении замечаний не представлен.', [3, 0, 1]),
  );
  step(
    '2026-11-18T10:00:00',
    'MSH and MT IT tables signed',
    agencySigns('MSH', 'it'),
    chairSigns('MSH', 'it'),
    agencySigns(
      'MT',
      'it',
      'Комиссия акт аудитін қарамады, шешіммен келіспейміз. / Комиссия не рассмотрела акт аудита.',
    ),
    chairSigns('MT', 'it'),
  );
  step(
    '2026-11-20T10:30:00',
    'MDAI dispatches MT',
    dispatch('MT', 'it', 'Нәтижелер жұмыс органына және Көлік министрлігіне жіберілді.'),
  );
  step(
    '2026-11-20T11:00:00',
    'MDAI dispatches MSH',
    dispatch('MSH', 'it', 'Нәтижелер жұмыс органына және АШМ-ге жіберілді; қорытынды түзетіледі.'),
  );

  // Chronological order: the service stamps each command with the clock, and the scheduler fires terms as it passes them.
  const ordered = steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => Date.parse(a.s.at) - Date.parse(b.s.at) || a.i - b.i)
    .map((x) => x.s);
  for (const s of ordered) {
    await advanceTo(s.at);
    try {
      await s.run();
    } catch (error) {
      throw new StoryError(
        `Demo step "${s.what}" (${s.at}) was refused:\n  ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return {
    world,
    cycle: CYCLE,
    caseIds: ids,
    commissionIds: { personnel: commissions.personnel.id, it: commissions.it.id },
    representatives: REPRESENTATIVES,
  };
}
