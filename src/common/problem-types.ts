import { I18nText } from './i18n';

/**
 * The catalogue of refusals (SPEC §7): a stable `type` per domain rule, its HTTP status and its
 * title in the three languages. Served at GET /api/v1/problems so clients can read what each means.
 */
export const PROBLEM_TYPES = {
  'validation-failed': {
    status: 400,
    title: { kk: 'Сұрау деректері қате', ru: 'Ошибка в данных запроса', en: 'The request is not valid' },
  },
  'calendar-year-unknown': {
    status: 400,
    title: {
      kk: 'Бұл жылдың ресми күнтізбесі жоқ',
      ru: 'Официальный календарь на этот год не загружен',
      en: 'The official calendar does not cover this year',
    },
  },
  unauthenticated: {
    status: 401,
    title: { kk: 'Аутентификация қажет', ru: 'Требуется аутентификация', en: 'Authentication is required' },
  },
  forbidden: {
    status: 403,
    title: { kk: 'Бұл әрекетке рұқсат жоқ', ru: 'Действие запрещено для этой роли', en: 'This role may not do this' },
  },
  'not-found': {
    status: 404,
    title: { kk: 'Табылмады', ru: 'Не найдено', en: 'Not found' },
  },
  'version-conflict': {
    status: 409,
    title: {
      kk: 'Іс басқа әрекетпен өзгертілген',
      ru: 'Дело уже изменено другим действием',
      en: 'The case was changed by another action',
    },
  },
  'invalid-transition': {
    status: 409,
    title: {
      kk: 'Бұл әрекет істің қазіргі кезеңінде мүмкін емес',
      ru: 'Действие невозможно на текущей стадии дела',
      en: 'This action is not possible at the current stage of the case',
    },
  },
  'final-at-authority': {
    status: 409,
    title: {
      kk: 'Уәкілетті органның шешімі түпкілікті (106-т.)',
      ru: 'Решение уполномоченного органа окончательно (п.106)',
      en: "The authority's decision is final (p.106)",
    },
  },
  'deadline-passed': {
    status: 422,
    title: { kk: 'Мерзім өтіп кетті', ru: 'Срок истёк', en: 'The term has passed' },
  },
  'supporting-documents-required': {
    status: 422,
    title: {
      kk: 'Растайтын құжаттар қажет (98-т.)',
      ru: 'Требуются подтверждающие документы (п.98)',
      en: 'Supporting documents are required (p.98)',
    },
  },
  'commission-not-constituted': {
    status: 422,
    title: {
      kk: 'Арнайы комиссия құрылмаған',
      ru: 'Специальная комиссия не сформирована',
      en: 'The special commission is not constituted',
    },
  },
  'member-conflict-of-interest': {
    status: 422,
    title: {
      kk: 'Бағалауға қатысқан қызметкер комиссия мүшесі бола алмайды (100-т.)',
      ru: 'Участвовавший в оценке сотрудник не может быть членом комиссии (п.100)',
      en: 'An employee who took part in the evaluation may not be a member (p.100)',
    },
  },
  'quorum-not-met': {
    status: 422,
    title: { kk: 'Кворум жоқ', ru: 'Нет кворума', en: 'The quorum is not met' },
  },
  'idempotency-key-reused': {
    status: 422,
    title: {
      kk: 'Idempotency-Key басқа сұраумен қолданылған',
      ru: 'Idempotency-Key уже использован с другим запросом',
      en: 'The Idempotency-Key was used with a different request',
    },
  },
  'payload-too-large': {
    status: 413,
    title: { kk: 'Сұрау тым үлкен', ru: 'Слишком большой запрос', en: 'The request is too large' },
  },
  'unsupported-media-type': {
    status: 415,
    title: { kk: 'Файл түріне рұқсат жоқ', ru: 'Недопустимый тип файла', en: 'The file type is not accepted' },
  },
  'rate-limited': {
    status: 429,
    title: { kk: 'Сұраулар тым жиі', ru: 'Слишком много запросов', en: 'Too many requests' },
  },
  'database-busy': {
    status: 503,
    retryAfterSeconds: 2,
    title: {
      kk: 'Дерекқор бос емес, сәлден соң қайталаңыз',
      ru: 'База данных занята, повторите чуть позже',
      en: 'The database is busy; retry shortly',
    },
  },
  'database-read-only': {
    status: 503,
    retryAfterSeconds: 60,
    title: {
      kk: 'Дерекқор тек оқуға ашық: өзгерістер қабылданбайды',
      ru: 'База данных доступна только для чтения: изменения не принимаются',
      en: 'The database is read-only; changes cannot be accepted',
    },
  },
  'database-storage-full': {
    status: 503,
    retryAfterSeconds: 60,
    title: {
      kk: 'Дерекқор жазылмайды: диск толы немесе енгізу-шығару қатесі',
      ru: 'База данных не может записать: диск заполнен или ошибка ввода-вывода',
      en: 'The database cannot write: the disk is full or failing',
    },
  },
  'database-unavailable': {
    status: 503,
    retryAfterSeconds: 5,
    title: {
      kk: 'Дерекқорға қосылу мүмкін емес',
      ru: 'Нет соединения с базой данных',
      en: 'The database cannot be reached',
    },
  },
  internal: {
    status: 500,
    title: { kk: 'Ішкі қате', ru: 'Внутренняя ошибка', en: 'Internal error' },
  },
} satisfies Record<string, { status: number; title: I18nText; retryAfterSeconds?: number }>;

export type ProblemType = keyof typeof PROBLEM_TYPES;

/** RFC 9457 `type` URI (a relative reference resolved against the service; it is served). */
export function problemTypeUri(type: ProblemType): string {
  return `/api/v1/problems/${type}`;
}
