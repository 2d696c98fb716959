import { Controller, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LANGUAGES, Language } from '../../common/i18n';
import { WebRequest, formField, localPath } from '../web-context';
import { WebGate } from '../web-gate';
import { WebPage } from '../web-page';
import { WebViews } from '../web-views';

/** The language switch (kk, ru, en): remembered in a cookie for a year, usable before sign-in. */
@ApiExcludeController()
@Controller('language')
export class LanguageController {
  constructor(
    private readonly views: WebViews,
    private readonly gate: WebGate,
  ) {}

  @Post()
  @WebPage({ signedIn: false, duringPasswordChange: true })
  choose(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const lang = formField(request, 'lang');
    if ((LANGUAGES as string[]).includes(lang)) this.gate.languageCookie(request, reply, lang as Language);
    return this.views.redirect(reply, localPath(formField(request, 'next'), '/', { allowSignIn: true }));
  }
}
