import { SetMetadata } from '@nestjs/common';
import type { Role } from '../auth/roles';

export const WEB_PAGE_KEY = 'appeals:web-page';

export interface WebPageRule {
  /** The page needs a signed-in person (a session cookie; bearer tokens are never read here). */
  signedIn: boolean;
  /** Only these roles (others get the 403 page); absent: every role. */
  roles?: Role[];
  /** Still reachable while the person must change a password set by the administrator. */
  duringPasswordChange?: boolean;
  /**
   * `handler`: a multipart/form-data form (documents attached): its body is a stream the gate cannot read, so the
   * handler checks `_csrf` itself — the field must come before any file (CommandForms.multipart) and nothing is
   * stored before it is checked.
   */
  csrf?: 'gate' | 'handler';
}

/**
 * Marks a handler (or controller) as a web page: the AuthGuard hands it to the WebGate, which reads the
 * session cookie, checks the CSRF token of every state-changing request and picks the language.
 * A web page never accepts a bearer token, and the API never accepts the session cookie.
 */
export const WebPage = (rule: Partial<WebPageRule> = {}): MethodDecorator & ClassDecorator =>
  SetMetadata(WEB_PAGE_KEY, {
    signedIn: rule.signedIn ?? true,
    ...(rule.roles ? { roles: rule.roles } : {}),
    duringPasswordChange: rule.duringPasswordChange ?? false,
    csrf: rule.csrf ?? 'gate',
  } satisfies WebPageRule);
