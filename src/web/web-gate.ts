import { ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { LANGUAGES, Language } from '../common/i18n';
import { DomainError } from '../common/domain-error';
import { SessionsService } from '../sign-in/sessions.service';
import { readCookies, overTls, setCookie } from './cookies';
import { WebContext, WebRequest, formField } from './web-context';
import { WebPageRule } from './web-page';

export const SESSION_COOKIE = 'appeals-session';
export const CSRF_COOKIE = 'appeals-csrf';
export const LANGUAGE_COOKIE = 'appeals-lang';
/** Over TLS the cookies take the `__Host-` prefix: the browser then insists on Secure, Path=/ and no Domain. */
export const cookieName = (request: FastifyRequest, name: string) => (overTls(request) ? `__Host-${name}` : name);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The door of every web page (called by the AuthGuard for handlers marked @WebPage): the session from the
 * cookie (never a bearer token), the language, the CSRF token, and the page's rule (signed in, roles,
 * forced password change). Refusals are DomainErrors; the HTML error pages turn them into a redirect to
 * the sign-in page, a redirect to the password page, or a page in the reader's language.
 */
@Injectable()
export class WebGate {
  constructor(private readonly sessions: SessionsService) {}

  async admit(context: ExecutionContext, rule: WebPageRule): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WebRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const web = await this.contextOf(request, reply);
    if (web.session) request.account = web.session.account;
    if (rule.signedIn) {
      if (!web.session) throw new DomainError('unauthenticated', 'Sign in to see this page', { web: 'sign-in' });
      if (web.session.mustChangePassword && !rule.duringPasswordChange) {
        throw new DomainError('forbidden', 'Choose a new password first', { web: 'password-change' });
      }
      if (rule.roles && !rule.roles.includes(web.session.account.role)) {
        throw new DomainError('forbidden', `The role ${web.session.account.role} may not see this page`);
      }
    }
    if (!SAFE_METHODS.has(request.method) && rule.csrf !== 'handler')
      this.checkCsrf(request, web, formField(request, '_csrf'));
    return true;
  }

  /** The reader's context, worked out once per request (also for error pages, which no guard ran before). */
  async contextOf(request: WebRequest, reply: FastifyReply): Promise<WebContext> {
    if (request.web) return request.web;
    const cookies = readCookies(request);
    const secure = overTls(request);
    const lang = this.languageOf(request, cookies);
    let session: WebContext['session'] = null;
    let ended: WebContext['ended'] = null;
    const token = cookies.get(cookieName(request, SESSION_COOKIE));
    if (token) {
      const found = await this.sessions.resolve(token);
      if ('session' in found) session = found.session;
      else {
        ended = found.ended;
        setCookie(reply, cookieName(request, SESSION_COOKIE), '', {
          maxAge: 0,
          httpOnly: true,
          sameSite: 'Strict',
          secure,
        });
      }
    }
    let csrfToken = session?.csrfSecret;
    if (!csrfToken) {
      // Before sign-in: a double-submit token in its own cookie, so the sign-in and language forms are protected too.
      csrfToken = cookies.get(cookieName(request, CSRF_COOKIE));
      if (!csrfToken || !/^[A-Za-z0-9_-]{43}$/.test(csrfToken)) {
        csrfToken = randomBytes(32).toString('base64url');
        setCookie(reply, cookieName(request, CSRF_COOKIE), csrfToken, { httpOnly: true, sameSite: 'Strict', secure });
      }
    }
    request.web = { lang, session, ended, csrfToken, nonce: randomBytes(16).toString('base64') };
    return request.web;
  }

  /**
   * The form's `_csrf` must equal the session's token, or — before sign-in — the token of the CSRF cookie
   * that came with the request. A refusal is a 403 page in the reader's language.
   */
  checkCsrf(request: WebRequest, web: WebContext, given: string): void {
    const expected = [web.session?.csrfSecret, readCookies(request).get(cookieName(request, CSRF_COOKIE))].filter(
      (v): v is string => !!v,
    );
    const ok =
      given !== '' &&
      expected.some(
        (token) => token.length === given.length && timingSafeEqual(Buffer.from(token), Buffer.from(given)),
      );
    if (!ok) throw new DomainError('forbidden', 'The form’s CSRF token is missing or wrong', { web: 'csrf' });
  }

  /** The language cookie, else Kazakh or Russian from Accept-Language, else Kazakh (English only when chosen). */
  languageOf(request: FastifyRequest, cookies: Map<string, string> = readCookies(request)): Language {
    const chosen = cookies.get(LANGUAGE_COOKIE);
    if (chosen && (LANGUAGES as string[]).includes(chosen)) return chosen as Language;
    const header = String(request.headers['accept-language'] ?? '');
    const ranked = header
      .split(',')
      .map((part) => {
        const [tag, ...params] = part.trim().toLowerCase().split(';');
        const q = params.find((p) => p.trim().startsWith('q='));
        return { tag: tag.split('-')[0], q: q ? Number(q.trim().slice(2)) || 0 : 1 };
      })
      .filter((entry) => entry.tag === 'kk' || entry.tag === 'kz' || entry.tag === 'ru')
      .sort((a, b) => b.q - a.q);
    return ranked[0]?.tag === 'ru' ? 'ru' : 'kk';
  }

  /** Session cookie options: HttpOnly, SameSite=Strict, Secure over TLS, for the absolute session length. */
  sessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
    setCookie(reply, cookieName(request, SESSION_COOKIE), token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: overTls(request),
      maxAge: token ? this.sessions.maxMs / 1000 : 0,
    });
  }

  languageCookie(request: FastifyRequest, reply: FastifyReply, lang: Language): void {
    // Lax, not Strict: a link from a letter opens the page in the chosen language. It holds no secret.
    setCookie(reply, LANGUAGE_COOKIE, lang, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: overTls(request),
      maxAge: 365 * 24 * 3600,
    });
  }

  get idleMinutes(): number {
    return Math.round(this.sessions.idleMs / 60_000);
  }

  get maxHours(): number {
    return Math.round(this.sessions.maxMs / 3_600_000);
  }
}
