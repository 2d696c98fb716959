import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Language } from '../../common/i18n';
import { ReadDb } from '../../database/read-db';
import { t } from '../../i18n/catalogue';
import { formatDateTime } from '../../i18n/time';
import { BodyEntity } from '../../reference/reference.entities';
import { WebRequest } from '../web-context';
import { WebGate } from '../web-gate';
import { WebPage } from '../web-page';
import { WebViews } from '../web-views';

const NOTICES = { password: 'password.changed' } as const;

/** The home page: for now who you are (the work queue comes with the case pages). */
@ApiExcludeController()
@Controller()
export class HomeController {
  constructor(
    private readonly views: WebViews,
    private readonly gate: WebGate,
    private readonly reader: ReadDb,
  ) {}

  @Get()
  @WebPage()
  async home(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('done') done?: string) {
    const { lang, session } = request.web!;
    const account = session!.account;
    const rows = [
      { key: { text: t(lang, 'home.name') }, value: { text: account.displayName } },
      { key: { text: t(lang, 'home.userName') }, value: { text: session!.userName } },
      { key: { text: t(lang, 'home.role') }, value: { text: t(lang, `roles.${account.role}`) } },
    ];
    if (account.bodyCode) rows.push({ key: { text: t(lang, 'home.body') }, value: { text: await this.bodyName(account.bodyCode, lang) } });
    if (account.authorityCode) rows.push({ key: { text: t(lang, 'home.authority') }, value: { text: await this.bodyName(account.authorityCode, lang) } });
    rows.push({ key: { text: t(lang, 'home.signedInSince') }, value: { text: formatDateTime(session!.createdAt) } });
    const notice = done && done in NOTICES ? t(lang, NOTICES[done as keyof typeof NOTICES]) : null;
    return this.views.send(reply, request, 'home', { rows, notice, idleMinutes: this.gate.idleMinutes });
  }

  private async bodyName(code: string, lang: Language): Promise<string> {
    const body = await this.reader.manager.findOneBy(BodyEntity, { code });
    if (!body) return code;
    return lang === 'kk' ? body.nameKk : lang === 'ru' ? body.nameRu : (body.nameEn ?? body.nameRu);
  }
}
