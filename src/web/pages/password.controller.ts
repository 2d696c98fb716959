import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { formatDateTime } from '../../i18n/time';
import { CredentialsService } from '../../sign-in/credentials.service';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from '../../sign-in/password-policy';
import { WebRequest, formField } from '../web-context';
import { WebPage } from '../web-page';
import { FormErrors, WebViews } from '../web-views';

/** Changing one's own password — also the forced change after the administrator set a one-time password. */
@ApiExcludeController()
@Controller('password')
export class PasswordController {
  constructor(
    private readonly views: WebViews,
    private readonly credentials: CredentialsService,
  ) {}

  @Get()
  @WebPage({ duringPasswordChange: true })
  form(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    return this.views.send(reply, request, 'password', {
      errors: new FormErrors(request.web!.lang),
      minLength: PASSWORD_MIN_LENGTH,
    });
  }

  @Post()
  @WebPage({ duringPasswordChange: true })
  async change(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const { lang, session } = request.web!;
    const current = formField(request, 'currentPassword');
    const next = formField(request, 'newPassword');
    const confirm = formField(request, 'confirmPassword');
    const errors = new FormErrors(lang);
    if (!current) errors.add('currentPassword', 'password.currentRequired');
    if (!next) errors.add('newPassword', 'password.newRequired');
    else {
      // The policy here too, so every problem of the form shows at once (the service checks it again).
      const broken = passwordProblems(next, session!.userName)[0];
      if (broken)
        errors.add('newPassword', `password.${broken}`, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
    }
    if (!confirm) errors.add('confirmPassword', 'password.confirmRequired');
    else if (next && confirm !== next) errors.add('confirmPassword', 'password.confirmMismatch');
    let status = 422;
    if (!errors.any) {
      const result = await this.credentials.changeOwn(session!.account.id, session!.idHash, current, next, {
        address: request.ip,
        userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : undefined,
      });
      if (result.ok) return this.views.redirect(reply, '/?done=password');
      if (result.field === 'currentPassword') {
        if (result.rule === 'locked') {
          errors.add('currentPassword', 'signIn.locked', { time: formatDateTime(result.until) });
          status = 429;
        } else errors.add('currentPassword', 'password.currentWrong');
      } else {
        errors.add('newPassword', `password.${result.rule}`, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
      }
    }
    return this.views.send(reply, request, 'password', { errors, minLength: PASSWORD_MIN_LENGTH }, status);
  }
}
