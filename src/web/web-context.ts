import type { FastifyRequest } from 'fastify';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import type { Language } from '../common/i18n';
import type { ActiveSession } from '../sign-in/sessions.service';

/** What a web page knows about its reader, worked out once per request by the WebGate. */
export interface WebContext {
  lang: Language;
  session: ActiveSession | null;
  /** A session cookie came, but its session had ended (and why): the sign-in page says so. */
  ended: 'idle' | 'absolute' | 'unknown' | null;
  /** The token every form of this page carries (`_csrf`). */
  csrfToken: string;
  /** The CSP nonce of this answer's one inline script (GOV.UK Frontend's `js-enabled` class). */
  nonce: string;
}

export type WebRequest = FastifyRequest & { web?: WebContext; account?: AuthenticatedAccount; body: unknown };

/** A form field as one string ('' when absent; the first when repeated). */
export function formField(request: FastifyRequest, name: string): string {
  const body = request.body;
  if (!body || typeof body !== 'object') return '';
  const value: unknown = (body as Record<string, unknown>)[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** A path on this service to return to after a form (never another site, never the sign-in page itself). */
export function localPath(
  candidate: string | undefined,
  fallback = '/',
  options: { allowSignIn?: boolean } = {},
): string {
  if (!candidate || candidate.length > 2000) return fallback;
  if (!/^\/(?![/\\])[^\s\\]*$/.test(candidate)) return fallback;
  const excluded = options.allowSignIn
    ? /^\/(sign-out|language)(?=$|[/?#])/
    : /^\/(sign-in|sign-out|language)(?=$|[/?#])/;
  if (excluded.test(candidate)) return fallback;
  return candidate;
}
