import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Language } from '../../common/i18n';
import { ReadDb } from '../../database/read-db';
import { t } from '../../i18n/catalogue';
import { formatDateTime } from '../../i18n/time';
import { BodyEntity } from '../../reference/reference.entities';
import { QueuePresenter } from '../presenters/queue.presenter';
import { Words } from '../presenters/words';
import { WebRequest } from '../web-context';
import { WebGate } from '../web-gate';
import { WebPage } from '../web-page';
import { WebViews } from '../web-views';

const NOTICES = { password: 'password.changed' } as const;

/** The home page — the work queue of the signed-in person (issue 14, item 2) — and their account page. */
@ApiExcludeController()
@Controller()
export class HomeController {
  constructor(
    private readonly views: WebViews,
    private readonly gate: WebGate,
    private readonly reader: ReadDb,
    private readonly queue: QueuePresenter,
  ) {}

  @Get()
  @WebPage()
  async home(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const { lang, session } = request.web!;
    const done = typeof query.done === 'string' ? query.done : undefined;
    const { done: _done, ...filters } = query;
    const notice = done && done in NOTICES ? t(lang, NOTICES[done as keyof typeof NOTICES]) : null;
    const model = await this.queue.page(session!.account, new Words(lang), filters);
    // Issue 15: the authority issues a conclusion (a new case) from its work queue.
    const account = session!.account;
    const newCase =
      ['authorityOfficer', 'presidentialAdministration'].includes(account.role) && account.authorityCode
        ? '/new-case'
        : null;
    const registers = ['workingBody', 'authorityOfficer', 'administrator', 'auditor'].includes(account.role)
      ? '/registers'
      : null;
    return this.views.send(reply, request, 'queue', { ...model, notice, newCase, registers });
  }

  @Get('account')
  @WebPage()
  async account(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const { lang, session } = request.web!;
    const account = session!.account;
    const rows = [
      { key: { text: t(lang, 'home.name') }, value: { text: account.displayName } },
      { key: { text: t(lang, 'home.userName') }, value: { text: session!.userName } },
      { key: { text: t(lang, 'home.role') }, value: { text: t(lang, `roles.${account.role}`) } },
    ];
    if (account.bodyCode)
      rows.push({ key: { text: t(lang, 'home.body') }, value: { text: await this.bodyName(account.bodyCode, lang) } });
    if (account.authorityCode)
      rows.push({
        key: { text: t(lang, 'home.authority') },
        value: { text: await this.bodyName(account.authorityCode, lang) },
      });
    rows.push({ key: { text: t(lang, 'home.signedInSince') }, value: { text: formatDateTime(session!.createdAt) } });
    return this.views.send(reply, request, 'account', { rows, idleMinutes: this.gate.idleMinutes });
  }

  private async bodyName(code: string, lang: Language): Promise<string> {
    const body = await this.reader.manager.findOneBy(BodyEntity, { code });
    if (!body) return code;
    return lang === 'kk' ? body.nameKk : lang === 'ru' ? body.nameRu : (body.nameEn ?? body.nameRu);
  }
}
