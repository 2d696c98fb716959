import { LANGUAGES, Language } from './i18n';
import { t } from '../i18n/catalogue';

/** Status (and when to come back) per problem type; the titles are in the catalogue (`problems.<type>.title`). */
const PROBLEM_STATUS = {
  'validation-failed': {
    status: 400,
  },
  'calendar-year-unknown': {
    status: 400,
  },
  unauthenticated: {
    status: 401,
  },
  forbidden: {
    status: 403,
  },
  'not-found': {
    status: 404,
  },
  'version-conflict': {
    status: 409,
  },
  'invalid-transition': {
    status: 409,
  },
  'final-at-authority': {
    status: 409,
  },
  'deadline-passed': {
    status: 422,
  },
  'supporting-documents-required': {
    status: 422,
  },
  'commission-not-constituted': {
    status: 422,
  },
  'member-conflict-of-interest': {
    status: 422,
  },
  'quorum-not-met': {
    status: 422,
  },
  'idempotency-key-reused': {
    status: 422,
  },
  'payload-too-large': {
    status: 413,
  },
  'unsupported-media-type': {
    status: 415,
  },
  'rate-limited': {
    status: 429,
  },
  'database-busy': {
    status: 503,
    retryAfterSeconds: 2,
  },
  'database-read-only': {
    status: 503,
    retryAfterSeconds: 60,
  },
  'database-storage-full': {
    status: 503,
    retryAfterSeconds: 60,
  },
  'database-unavailable': {
    status: 503,
    retryAfterSeconds: 5,
  },
  internal: {
    status: 500,
  },
} satisfies Record<string, { status: number; retryAfterSeconds?: number }>;

export type ProblemType = keyof typeof PROBLEM_STATUS;

function titlesOf(type: ProblemType): Record<Language, string> {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, t(lang, `problems.${type}.title`)])) as Record<
    Language,
    string
  >;
}

/**
 * The catalogue of refusals (SPEC §7): a stable `type` per domain rule, its HTTP status and its
 * title in the three languages (from the one catalogue of texts, issue 11). Served at GET /api/v1/problems so
 * clients can read what each means.
 */
export const PROBLEM_TYPES = Object.fromEntries(
  Object.entries(PROBLEM_STATUS).map(([type, p]) => [type, { ...p, title: titlesOf(type as ProblemType) }]),
) as { [K in ProblemType]: (typeof PROBLEM_STATUS)[K] & { title: Record<Language, string> } };

/** RFC 9457 `type` URI (a relative reference resolved against the service; it is served). */
export function problemTypeUri(type: ProblemType): string {
  return `/api/v1/problems/${type}`;
}
