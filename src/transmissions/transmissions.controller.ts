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
import { arr, i, o, ref, s } from '../common/api-schemas';

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
  @ApiAnswer(o({ cycle: s, direction: s, generatedAt: s, total: i, items: arr(ref('TransmittedConclusion')) }))
  async list(
    @Query() query: RegisterQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @CurrentAccount() account: AuthenticatedAccount,
    @Res() reply: FastifyReply,
  ) {
    const register = await this.register.register(query.cycle, query.direction, account);
    if (query.format !== 'xlsx') return void reply.header('cache-control', 'private, no-store').send(register);
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
