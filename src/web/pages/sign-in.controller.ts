import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { t } from '../../i18n/catalogue';
import { formatDateTime } from '../../i18n/time';
import { CredentialsService } from '../../sign-in/credentials.service';
import { WebRequest, formField, localPath } from '../web-context';
import { WebGate } from '../web-gate';
import { WebPage } from '../web-page';
import { FormErrors, WebViews } from '../web-views';

/** Signing in with a user name and password, and signing out. */
@ApiExcludeController()
@Controller()
export class SignInController {
  constructor(
    private readonly views: WebViews,
    private readonly gate: WebGate,
    private readonly credentials: CredentialsService,
  ) {}

  @Get('sign-in')
  @WebPage({ signedIn: false, duringPasswordChange: true })
  form(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
    @Query('ended') ended?: string,
    @Query('signedOut') signedOut?: string,
  ) {
    const { lang, session } = request.web!;
    if (session) return this.views.redirect(reply, session.mustChangePassword ? '/password' : localPath(next));
    const notice =
      signedOut !== undefined
        ? t(lang, 'signIn.signedOut')
        : ended === 'idle'
          ? t(lang, 'signIn.sessionIdle', { minutes: this.gate.idleMinutes })
          : ended === 'absolute'
            ? t(lang, 'signIn.sessionAbsolute', { hours: this.gate.maxHours })
            : ended === 'closed'
              ? t(lang, 'signIn.sessionEnded')
              : next
                ? t(lang, 'signIn.needSignIn')
                : null;
    return this.views.send(reply, request, 'sign-in', {
      notice,
      next: localPath(next, ''),
      values: {},
      errors: new FormErrors(lang),
    });
  }

  @Post('sign-in')
  @WebPage({ signedIn: false, duringPasswordChange: true })
  async signIn(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const { lang } = request.web!;
    const userName = formField(request, 'userName').trim();
    const password = formField(request, 'password');
    const next = localPath(formField(request, 'next'), '');
    const errors = new FormErrors(lang);
    let status = 422;
    if (!userName) errors.add('userName', 'signIn.userNameRequired');
    if (!password) errors.add('password', 'signIn.passwordRequired');
    if (!errors.any) {
      const result = await this.credentials.signIn(userName, password, {
        address: request.ip,
        userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : undefined,
      });
      if (result.ok) {
        this.gate.sessionCookie(request, reply, result.token);
        return this.views.redirect(reply, result.mustChangePassword ? '/password' : localPath(next));
      }
      if (result.reason === 'locked') {
        errors.add('userName', 'signIn.locked', { time: formatDateTime(result.until) });
        status = 429;
      } else errors.add('userName', 'signIn.wrong');
    }
    return this.views.send(reply, request, 'sign-in', { next, values: { userName }, errors }, status);
  }

  @Post('sign-out')
  @WebPage({ duringPasswordChange: true })
  async signOut(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    await this.credentials.signOut(request.web!.session!.idHash);
    this.gate.sessionCookie(request, reply, '');
    return this.views.redirect(reply, '/sign-in?signedOut=1');
  }
}
