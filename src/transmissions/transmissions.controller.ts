import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { negotiateLanguage } from '../common/i18n';
import { contentDisposition } from '../documents/content-disposition';
import { RegisterQueryDto } from './dto/register-query.dto';
import { renderRegisterXlsx } from './render-register-xlsx';
import { TransmissionRegister } from './transmission-register';
import { ApiAnswer } from '../common/api-contract';
import { dt, page, s } from '../common/api-schemas';
import { inAstanaTime } from '../common/answers';
import { pageOf } from '../common/paging';

@ApiTags('transmitted conclusions')
@ApiBearerAuth()
@Controller()
export class TransmissionsController {
  constructor(private readonly register: TransmissionRegister) {}

  @Get('transmitted-conclusions')
  @Access('transmission.read')
  @ApiProduces('application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({
    summary:
      'p.92, p.94, p.96: the final conclusions transmitted to the informatization authority when their appeal procedure ended, per cycle and direction (JSON or XLSX)',
  })
  @ApiAnswer(
    page(
      'TransmittedConclusion',
      'The register of one cycle and direction (JSON: one page; XLSX: the whole register)',
      { cycle: s, direction: s, generatedAt: dt },
    ),
  )
  async list(
    @Query() query: RegisterQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @CurrentAccount() account: AuthenticatedAccount,
    @Res() reply: FastifyReply,
  ) {
    const register = await this.register.register(query.cycle, query.direction, account);
    if (query.format !== 'xlsx') {
      // Sent by hand (the workbook needs the reply), so the answer's shape is applied here: one page, Astana times.
      const { items, ...header } = register;
      return void reply
        .header('cache-control', 'private, no-store')
        .send(inAstanaTime({ ...header, ...pageOf(items, query) }));
    }
    const lang = query.lang ?? negotiateLanguage(acceptLanguage);
    const body = await renderRegisterXlsx(register, lang);
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-language', lang)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', contentDisposition(`register ${query.direction} ${query.cycle}.xlsx`))
      .send(body);
  }
}
