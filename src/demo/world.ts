import { withCheckDigit } from '../reference/iin';
import { Schemas, bearer, dataOf } from '../client';
import { Api } from './api-client';

/**
 * A realistic set-up for one evaluation cycle: the institutions of points 91–97 and 106, evaluated
 * ministries and akimats with Kazakh and Russian names, evaluators, commission members, and an account
 * for every role. Built only through the public API, so it is also a walk-through of it.
 */
export const BODIES = [
  {
    code: 'ASC',
    kind: 'civilServiceAuthority',
    nameKk: 'Қазақстан Республикасы Мемлекеттік қызмет істері агенттігі',
    nameRu: 'Агентство Республики Казахстан по делам государственной службы',
    nameEn: 'Agency for Civil Service Affairs',
  },
  {
    code: 'MDAI',
    kind: 'informatizationAuthority',
    nameKk: 'Қазақстан Республикасы Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі',
    nameRu: 'Министерство цифрового развития, инноваций и аэрокосмической промышленности Республики Казахстан',
    nameEn: 'Ministry of Digital Development',
  },
  {
    code: 'AP',
    kind: 'presidentialAdministration',
    nameKk: 'Қазақстан Республикасы Президентінің Әкімшілігі',
    nameRu: 'Администрация Президента Республики Казахстан',
    nameEn: 'Presidential Administration',
  },
  {
    code: 'KPM',
    kind: 'primeMinisterOffice',
    nameKk: 'Қазақстан Республикасы Премьер-Министрінің Кеңсесі',
    nameRu: 'Канцелярия Премьер-Министра Республики Казахстан',
    nameEn: 'Office of the Prime Minister',
  },
  {
    code: 'WB',
    kind: 'workingBody',
    nameKk: 'Мемлекеттік органдар қызметінің тиімділігін бағалау жөніндегі комиссияның жұмыс органы',
    nameRu: 'Рабочий орган Комиссии по оценке эффективности деятельности государственных органов',
    nameEn: 'Working body of the Commission',
  },
  {
    code: 'MZ',
    kind: 'agency',
    nameKk: 'Қазақстан Республикасы Денсаулық сақтау министрлігі',
    nameRu: 'Министерство здравоохранения Республики Казахстан',
    nameEn: 'Ministry of Health',
  },
  {
    code: 'MON',
    kind: 'agency',
    nameKk: 'Қазақстан Республикасы Оқу-ағарту министрлігі',
    nameRu: 'Министерство просвещения Республики Казахстан',
    nameEn: 'Ministry of Education',
  },
  {
    code: 'MF',
    kind: 'agency',
    nameKk: 'Қазақстан Республикасы Қаржы министрлігі',
    nameRu: 'Министерство финансов Республики Казахстан',
    nameEn: 'Ministry of Finance',
  },
  {
    code: 'AKM-ALM',
    kind: 'agency',
    nameKk: 'Алматы облысының әкімдігі',
    nameRu: 'Акимат Алматинской области',
    nameEn: 'Akimat of Almaty region',
  },
  {
    code: 'MSH',
    kind: 'agency',
    nameKk: 'Қазақстан Республикасы Ауыл шаруашылығы министрлігі',
    nameRu: 'Министерство сельского хозяйства Республики Казахстан',
    nameEn: 'Ministry of Agriculture',
  },
] as const;

const NAMES = [
  'Асқаров Ерлан Болатұлы',
  'Жұмабаева Айгүл Серікқызы',
  'Нұрланов Данияр Маратұлы',
  'Сейітова Гүлнар Әбілқызы',
  'Оспанов Бауыржан Қайратұлы',
  'Ибраева Динара Ерболқызы',
  'Тоқтаров Айдос Нұрланұлы',
  'Ким Елена Викторовна',
  'Смағұлов Арман Төлеуұлы',
  'Бекова Салтанат Жандосқызы',
  'Иванов Сергей Петрович',
  'Әлімжанова Жанар Маратқызы',
];

/** A valid IIN for the i-th demo person (born 1980–1991, check digit computed). */
export function demoIin(i: number): string {
  for (let serial = 0; serial < 100; serial++) {
    const first11 = `${80 + (i % 12)}0${1 + (i % 9)}${String(10 + (i % 18)).padStart(2, '0')}3${String(i).padStart(2, '0')}${String(serial).padStart(2, '0')}`;
    const iin = withCheckDigit(first11);
    if (iin) return iin;
  }
  throw new Error('no IIN for ' + i);
}

export interface World {
  tokens: Record<string, string>;
  people: { iin: string; fullName: string }[];
  evaluators: { personnel: string[]; it: string[] };
  members: { personnel: { iin: string; role: 'chair' | 'secretary' | 'member' }[] };
  cycle: string;
}

export const INDICATORS = {
  personnel: [
    {
      code: 'HR-1',
      title: 'Кадрлық резервтен тағайындалғандар үлесі / Доля назначений из кадрового резерва',
      score: 3,
      maxScore: 5,
    },
    { code: 'HR-2', title: 'Кадрлардың тұрақтамауы / Текучесть кадров', score: 2, maxScore: 5 },
    { code: 'HR-3', title: 'Қызметшілерді оқыту / Обучение служащих', score: 4, maxScore: 5 },
  ],
  it: [
    { code: 'IT-1', title: 'Мемлекеттік қызметтерді автоматтандыру / Автоматизация госуслуг', score: 6, maxScore: 10 },
    { code: 'IT-2', title: 'Ақпараттық қауіпсіздік / Информационная безопасность', score: 5, maxScore: 10 },
  ],
};

export async function seedWorld(api: Api, adminToken: string, cycle = '2025'): Promise<World> {
  // Through the typed client (src/client): a path or a body the served document does not have does not compile.
  const admin = { headers: bearer(adminToken) };
  for (const b of BODIES)
    await dataOf(api.client.POST('/api/v1/bodies', { body: { ...b }, ...admin }), `body ${b.code}`);
  const people = NAMES.map((fullName, i) => ({ iin: demoIin(i + 1), fullName }));
  for (const [i, p] of people.entries()) {
    const bodyCode = i < 8 ? 'ASC' : 'MDAI';
    const position = i < 8 ? 'Бас сарапшы / Главный эксперт' : 'Сарапшы / Эксперт';
    await dataOf(api.client.POST('/api/v1/people', { body: { ...p, bodyCode, position }, ...admin }), `person ${i}`);
  }
  const title = `${cycle} жылғы бағалау / Оценка за ${cycle} год`;
  await dataOf(
    api.client.POST('/api/v1/cycles', { body: { code: cycle, title, year: Number(cycle) }, ...admin }),
    'cycle',
  );

  const account = async (key: string, body: Schemas['CreateAccountDto']) => {
    const created = await dataOf(api.client.POST('/api/v1/accounts', { body, ...admin }), `account ${key}`);
    if (!created.token) throw new Error(`account ${key}: no token in the answer`);
    return created.token;
  };
  const tokens: Record<string, string> = { admin: adminToken };
  tokens.ascOfficer = await account('ascOfficer', {
    role: 'authorityOfficer',
    displayName: 'Офицер АДГС / МҚІА қызметкері',
    authorityCode: 'ASC',
  });
  tokens.ascSecretary = await account('ascSecretary', {
    role: 'commissionSecretary',
    displayName: people[1].fullName,
    authorityCode: 'ASC',
    personIin: people[1].iin,
  });
  tokens.ascChair = await account('ascChair', {
    role: 'commissionChair',
    displayName: people[0].fullName,
    authorityCode: 'ASC',
    personIin: people[0].iin,
  });
  tokens.mdaiOfficer = await account('mdaiOfficer', {
    role: 'authorityOfficer',
    displayName: 'Офицер МЦРИАП',
    authorityCode: 'MDAI',
  });
  tokens.mdaiSecretary = await account('mdaiSecretary', {
    role: 'commissionSecretary',
    displayName: people[9].fullName,
    authorityCode: 'MDAI',
    personIin: people[9].iin,
  });
  tokens.mdaiChair = await account('mdaiChair', {
    role: 'commissionChair',
    displayName: people[8].fullName,
    authorityCode: 'MDAI',
    personIin: people[8].iin,
  });
  for (const code of ['MZ', 'MON', 'MF', 'AKM-ALM', 'MSH', 'ASC', 'MDAI']) {
    tokens[`agency:${code}`] = await account(`agency:${code}`, {
      role: 'agencyRepresentative',
      displayName: `Өкіл / Представитель ${code}`,
      bodyCode: code,
    });
  }
  tokens.pa = await account('pa', {
    role: 'presidentialAdministration',
    displayName: 'Администрация Президента',
    authorityCode: 'AP',
  });
  tokens.pmo = await account('pmo', {
    role: 'authorityOfficer',
    displayName: 'Канцелярия Премьер-Министра',
    authorityCode: 'KPM',
  });
  tokens.workingBody = await account('workingBody', {
    role: 'workingBody',
    displayName: 'Рабочий орган Комиссии',
    bodyCode: 'WB',
  });
  tokens.auditor = await account('auditor', { role: 'auditor', displayName: 'Аудитор / Аудитор' });

  return {
    tokens,
    people,
    // Evaluators of the civil-service authority (people 6, 7) and of the informatization authority (people 10, 11).
    evaluators: { personnel: [people[6].iin, people[7].iin], it: [people[10].iin, people[11].iin] },
    members: {
      personnel: [
        { iin: people[0].iin, role: 'chair' },
        { iin: people[1].iin, role: 'secretary' },
        { iin: people[2].iin, role: 'member' },
        { iin: people[3].iin, role: 'member' },
        { iin: people[4].iin, role: 'member' },
      ],
    },
    cycle,
  };
}

/**
 * p.103: who a meeting on a body's objection invites — the body's representative (naming the body) and every
 * employee who evaluated it (by IIN).
 */
export function meetingInvitees(world: World, bodyCode: string, direction: 'personnel' | 'it' = 'personnel') {
  return [
    { name: `Өкіл / Представитель ${bodyCode}`, kind: 'agencyRepresentative' as const, bodyCode },
    ...world.evaluators[direction].map((iin) => ({
      name: world.people.find((p) => p.iin === iin)?.fullName ?? iin,
      iin,
      kind: 'evaluator' as const,
    })),
  ];
}

/** The body of POST /conclusions for one body and direction of the world's cycle. */
export function conclusionOf(
  world: World,
  bodyCode: string,
  deliveredAt: string,
  direction: 'personnel' | 'it' = 'personnel',
) {
  return {
    bodyCode,
    direction,
    cycle: world.cycle,
    deliveredAt,
    items: INDICATORS[direction],
    evaluators: world.evaluators[direction],
  };
}

/** A plausible one-page PDF (a real PDF header and trailer), for supporting documents. */
export function demoPdf(text: string): Buffer {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return Buffer.from(body, 'utf8');
}
