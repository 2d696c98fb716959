import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthenticatedAccount } from './authenticated-account';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/domain-error';
import { WEB_PAGE_KEY, WebPageRule } from '../web/web-page';
import { WebGate } from '../web/web-gate';
import { AccountsService } from './accounts.service';
import { rolesFor } from './policy';
import { ACCESS_KEY, AccessRule } from './roles';
import { text } from '../i18n/text';

/**
 * Every request is authenticated (SPEC §7) unless its handler is explicitly @Public().
 * A handler with no rule at all is refused: a new endpoint cannot be open by omission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
    private readonly webGate: WebGate,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Web pages (src/web, @WebPage): the session cookie only, never a bearer token — see WebGate.
    const page = this.reflector.getAllAndOverride<WebPageRule | undefined>(WEB_PAGE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (page) return this.webGate.admit(context, page);
    // The API (/api/v1): the bearer token only, never the session cookie.
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule && 'public' in rule) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; account?: AuthenticatedAccount }>();
    const header = request.headers['authorization'];
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new DomainError('unauthenticated', text('refusals.common.bearerMissing'));
    const account = await this.accounts.byToken(match[1]);
    if (!account) throw new DomainError('unauthenticated', text('refusals.common.tokenInvalid'));
    request.account = account;
    if (!rule) throw new DomainError('forbidden', text('refusals.common.noAccessRule'));
    const allowed = rolesFor(rule.action);
    if (!allowed.includes(account.role)) {
      throw new DomainError(
        'forbidden',
        text('refusals.common.roleMayNot', { role: { text: `roles.${account.role}` } }),
        { allowedRoles: allowed },
      );
    }
    return true;
  }
}
