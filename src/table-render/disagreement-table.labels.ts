import { Language } from '../common/i18n';

/** Every fixed text of the disagreement table (appendix 18), in the three languages of SPEC §9. */
export interface TableLabels {
  title: string;
  subtitle: string;
  case: string;
  cycle: string;
  direction: string;
  body: string;
  authority: string;
  conclusion: string;
  conclusionVersion: (version: number, issuedAt: string) => string;
  commission: string;
  noCommission: string;
  role: { chair: string; secretary: string; member: string };
  directions: { personnel: string; it: string };
  columns: {
    n: string;
    indicator: string;
    authorityScore: string;
    objection: string;
    documents: string;
    authorityPosition: string;
    decision: string;
    vote: string;
    revisedScore: string;
    rationale: string;
  };
  /** Sub-columns of the spreadsheet, where each figure has its own cell. */
  detail: {
    indicatorCode: string;
    indicatorTitle: string;
    maxScore: string;
    claimedScore: string;
    argument: string;
    for: string;
    against: string;
    abstained: string;
    present: string;
    members: string;
    chairVote: string;
  };
  maxScore: (max: string) => string;
  claimed: (score: string) => string;
  noClaim: string;
  decisions: { agree: string; disagree: string; pending: string };
  vote: (v: { for: number; against: number; abstained: number }) => string;
  attendance: (present: number, members: number) => string;
  chairVote: (vote: string) => string;
  ballot: { for: string; against: string; abstained: string };
  signatures: string;
  signer: { chair: string; agency: string };
  signatureStatus: { signed: string; refused: string; pending: string; notSigned: string };
  /** p.105: the hash the signatures fixed, and whether the table shown is still that table. */
  signedHash: (sha256: string, intact: boolean) => string;
  name: string;
  status: string;
  date: string;
  reason: string;
  generated: string;
  timeNote: string;
  page: (page: number, pages: number) => string;
  sheet: string;
  none: string;
}

export const TABLE_LABELS: Record<Language, TableLabels> = {
  kk: {
    title: 'Келіспеушіліктер кестесі',
    subtitle: 'Мемлекеттік органдар қызметінің тиімділігін бағалау әдістемесінің 18-қосымшасы',
    case: 'Іс',
    cycle: 'Бағалау кезеңі',
    direction: 'Бағалау бағыты',
    body: 'Бағаланатын мемлекеттік орган',
    authority: 'Уәкілетті орган',
    conclusion: 'Қорытынды',
    conclusionVersion: (v, at) => `${v}-нұсқа, ${at}`,
    commission: 'Арнайы комиссияның құрамы',
    noCommission: 'Арнайы комиссия құрылмаған',
    role: { chair: 'Комиссия төрағасы', secretary: 'Комиссия хатшысы', member: 'Комиссия мүшесі' },
    directions: { personnel: 'Персоналды басқару', it: 'Ақпараттық технологияларды қолдану' },
    columns: {
      n: '№',
      indicator: 'Индикатор (коды мен атауы)',
      authorityScore: 'Уәкілетті орган қойған балл',
      objection: 'Мемлекеттік органның қарсылығы: сұралған балл және дәлел',
      documents: 'Растайтын құжаттар (атауы, SHA-256)',
      authorityPosition: 'Уәкілетті органның ұстанымы',
      decision: 'Арнайы комиссияның шешімі',
      vote: 'Дауыс беру қорытындысы',
      revisedScore: 'Қайта қаралған балл',
      rationale: 'Шешімнің негіздемесі',
    },
    detail: {
      indicatorCode: 'Индикатор коды',
      indicatorTitle: 'Индикатордың атауы',
      maxScore: 'Ең жоғары балл',
      claimedScore: 'Сұралған балл',
      argument: 'Қарсылықтың дәлелі',
      for: 'Жақтағандар',
      against: 'Қарсы болғандар',
      abstained: 'Қалыс қалғандар',
      present: 'Қатысқандар',
      members: 'Комиссия мүшелерінің саны',
      chairVote: 'Төрағаның дауысы',
    },
    maxScore: (max) => `ең жоғары балл: ${max}`,
    claimed: (score) => `Сұралған балл: ${score}`,
    noClaim: 'Балл көрсетілмеген',
    decisions: { agree: 'Қарсылықпен келіседі', disagree: 'Қарсылықпен келіспейді', pending: 'Шешім әлі қабылданған жоқ' },
    vote: (v) => `жақтады: ${v.for} · қарсы: ${v.against} · қалыс қалды: ${v.abstained}`,
    attendance: (present, members) => `қатысқаны / мүшелер: ${present} / ${members}`,
    chairVote: (vote) => `төрағаның дауысы: ${vote}`,
    ballot: { for: 'жақтады', against: 'қарсы', abstained: 'қалыс қалды' },
    signatures: 'Қолтаңбалар',
    signer: { chair: 'Арнайы комиссияның төрағасы', agency: 'Мемлекеттік органның өкілі' },
    signatureStatus: { signed: 'Қол қойды', refused: 'Қол қоюдан бас тартты', pending: 'Әлі қол қойылмаған', notSigned: 'Мерзімінде қол қоймады және бас тартпады' },
    signedHash: (sha, intact) => `Қол қойылған кестенің SHA-256 хэші: ${sha}${intact ? ' (көрсетілген кесте сол кесте)' : ' — НАЗАР АУДАРЫҢЫЗ: көрсетілген кесте қол қойылған кестеге сәйкес келмейді'}`,
    name: 'Аты-жөні',
    status: 'Белгі',
    date: 'Күні',
    reason: 'Бас тарту себебі',
    generated: 'Кесте қалыптастырылған уақыт',
    timeNote: 'Күндер мен уақыт Астана уақытымен көрсетілген.',
    page: (p, n) => `${n} беттің ${p}-беті`,
    sheet: 'Кесте',
    none: '—',
  },
  ru: {
    title: 'Таблица разногласий',
    subtitle: 'Приложение 18 к Методике оценки эффективности деятельности государственных органов',
    case: 'Дело',
    cycle: 'Период оценки',
    direction: 'Направление оценки',
    body: 'Оцениваемый государственный орган',
    authority: 'Уполномоченный орган',
    conclusion: 'Заключение',
    conclusionVersion: (v, at) => `версия ${v} от ${at}`,
    commission: 'Состав специальной комиссии',
    noCommission: 'Специальная комиссия не образована',
    role: { chair: 'Председатель комиссии', secretary: 'Секретарь комиссии', member: 'Член комиссии' },
    directions: { personnel: 'Управление персоналом', it: 'Применение информационных технологий' },
    columns: {
      n: '№',
      indicator: 'Индикатор (код и наименование)',
      authorityScore: 'Балл, выставленный уполномоченным органом',
      objection: 'Возражение государственного органа: заявленный балл и обоснование',
      documents: 'Подтверждающие документы (наименование, SHA-256)',
      authorityPosition: 'Позиция уполномоченного органа',
      decision: 'Решение специальной комиссии',
      vote: 'Итоги голосования',
      revisedScore: 'Пересмотренный балл',
      rationale: 'Обоснование решения',
    },
    detail: {
      indicatorCode: 'Код индикатора',
      indicatorTitle: 'Наименование индикатора',
      maxScore: 'Максимальный балл',
      claimedScore: 'Заявленный балл',
      argument: 'Обоснование возражения',
      for: 'За',
      against: 'Против',
      abstained: 'Воздержались',
      present: 'Присутствовали',
      members: 'Членов комиссии',
      chairVote: 'Голос председателя',
    },
    maxScore: (max) => `макс. балл: ${max}`,
    claimed: (score) => `Заявленный балл: ${score}`,
    noClaim: 'Балл не заявлен',
    decisions: { agree: 'Согласиться с возражением', disagree: 'Не согласиться с возражением', pending: 'Решение ещё не принято' },
    vote: (v) => `за: ${v.for} · против: ${v.against} · воздержались: ${v.abstained}`,
    attendance: (present, members) => `присутствовали / членов: ${present} / ${members}`,
    chairVote: (vote) => `голос председателя: ${vote}`,
    ballot: { for: 'за', against: 'против', abstained: 'воздержался' },
    signatures: 'Подписи',
    signer: { chair: 'Председатель специальной комиссии', agency: 'Представитель государственного органа' },
    signatureStatus: { signed: 'Подписано', refused: 'Отказ от подписания', pending: 'Ещё не подписано', notSigned: 'Не подписал и не отказался в срок' },
    signedHash: (sha, intact) => `SHA-256 подписанной таблицы: ${sha}${intact ? ' (показанная таблица — та самая)' : ' — ВНИМАНИЕ: показанная таблица не совпадает с подписанной'}`,
    name: 'Ф. И. О.',
    status: 'Отметка',
    date: 'Дата',
    reason: 'Причина отказа',
    generated: 'Таблица сформирована',
    timeNote: 'Даты и время указаны по времени Астаны.',
    page: (p, n) => `Страница ${p} из ${n}`,
    sheet: 'Таблица',
    none: '—',
  },
  en: {
    title: 'Disagreement table',
    subtitle: 'Appendix 18 to the Methodology for evaluating the effectiveness of state bodies',
    case: 'Case',
    cycle: 'Evaluation cycle',
    direction: 'Direction',
    body: 'Evaluated state body',
    authority: 'Evaluating authority',
    conclusion: 'Conclusion',
    conclusionVersion: (v, at) => `version ${v} of ${at}`,
    commission: 'Members of the special commission',
    noCommission: 'No special commission has been formed',
    role: { chair: 'Chair', secretary: 'Secretary', member: 'Member' },
    directions: { personnel: 'Personnel management', it: 'Application of information technologies' },
    columns: {
      n: 'No.',
      indicator: 'Indicator (code and title)',
      authorityScore: 'Score given by the authority',
      objection: "The body's objection: claimed score and argument",
      documents: 'Supporting documents (name, SHA-256)',
      authorityPosition: "The authority's position",
      decision: "The special commission's decision",
      vote: 'Vote',
      revisedScore: 'Revised score',
      rationale: 'Rationale',
    },
    detail: {
      indicatorCode: 'Indicator code',
      indicatorTitle: 'Indicator title',
      maxScore: 'Maximum score',
      claimedScore: 'Claimed score',
      argument: 'Argument of the objection',
      for: 'For',
      against: 'Against',
      abstained: 'Abstained',
      present: 'Present',
      members: 'Members',
      chairVote: "Chair's vote",
    },
    maxScore: (max) => `max ${max}`,
    claimed: (score) => `Claimed score: ${score}`,
    noClaim: 'No score claimed',
    decisions: { agree: 'Agrees with the objection', disagree: 'Disagrees with the objection', pending: 'Not decided yet' },
    vote: (v) => `for: ${v.for} · against: ${v.against} · abstained: ${v.abstained}`,
    attendance: (present, members) => `present / members: ${present} / ${members}`,
    chairVote: (vote) => `chair's vote: ${vote}`,
    ballot: { for: 'for', against: 'against', abstained: 'abstained' },
    signatures: 'Signatures',
    signer: { chair: 'Chair of the special commission', agency: 'Representative of the evaluated body' },
    signatureStatus: { signed: 'Signed', refused: 'Refused to sign', pending: 'Not signed yet', notSigned: 'Neither signed nor refused within the term' },
    signedHash: (sha, intact) => `SHA-256 of the signed table: ${sha}${intact ? ' (the table shown is that table)' : ' — WARNING: the table shown differs from the one signed'}`,
    name: 'Name',
    status: 'Status',
    date: 'Date',
    reason: 'Reason for refusal',
    generated: 'Generated',
    timeNote: 'Dates and times are Astana time.',
    page: (p, n) => `Page ${p} of ${n}`,
    sheet: 'Table',
    none: '—',
  },
};
