import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { negotiateLanguage } from '../common/i18n';
import { contentDisposition } from '../documents/content-disposition';
import { DisagreementTableQueryDto } from './dto/disagreement-table-query.dto';
import { HTML_CSP } from './render-html';
import { TableRenderService } from './table-render.service';
import { ApiFileAnswer } from '../common/api-contract';

@ApiTags('cases')
@ApiBearerAuth()
@Controller()
export class TableRenderController {
  constructor(private readonly tables: TableRenderService) {}

  @Get('cases/:id/disagreement-table')
  @Access('case.read')
  @ApiProduces('text/html', 'application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({
    summary:
      'The disagreement table (appendix 18) as a web page, a PDF or an XLSX workbook, in Kazakh, Russian or English (lang, else Accept-Language, else kk)',
  })
  @ApiFileAnswer(
    ['text/html', 'application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    'The disagreement table (appendix 18) as a page, a PDF or a workbook',
  )
  async render(
    @Param('id') id: string,
    @Query() query: DisagreementTableQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @CurrentAccount() account: AuthenticatedAccount,
    @Res() reply: FastifyReply,
  ) {
    const lang = query.lang ?? negotiateLanguage(acceptLanguage);
    const rendered = await this.tables.render(id, query.format ?? 'html', lang, account);
    void reply
      .header('content-type', rendered.contentType)
      .header('content-language', lang)
      .header('vary', 'Accept-Language')
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff');
    if (rendered.fileName) void reply.header('content-disposition', contentDisposition(rendered.fileName));
    // The page is self-contained: it loads nothing and runs nothing; only its own style element applies.
    // NB: the global onSend hook (src/bootstrap.ts) currently replaces this with `default-src 'none'`.
    else void reply.header('content-security-policy', HTML_CSP);
    void reply.send(rendered.body);
  }
}
