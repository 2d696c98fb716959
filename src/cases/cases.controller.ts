import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { contentDisposition } from '../documents/content-disposition';
import { CaseReader } from './case-reader';
import { CaseListQueryDto } from './dto/case-commands.dto';
import { ApiAnswer, ApiFileAnswer } from '../common/api-contract';
import { arr, i, o, ref } from '../common/api-schemas';

/** Reads of appeal cases. The commands on them are declared in src/cases/commands/ (one file each). */
@ApiTags('cases')
@ApiBearerAuth()
@Controller()
export class CasesController {
  constructor(private readonly cases: CaseReader) {}

  @Get('cases')
  @Access('case.read')
  @ApiOperation({ summary: 'Cases the caller may see, filtered by state, direction, cycle, body, overdue' })
  @ApiAnswer(o({ total: i, items: arr(ref('CaseSummary')) }))
  list(@Query() query: CaseListQueryDto, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.list(query, account);
  }

  @Get('cases/:id')
  @Access('case.read')
  @ApiOperation({ summary: 'One case: state, outcome, deadlines D1–D4, overdue breaches, version, and the actions the caller may take now' })
  @ApiAnswer('Case')
  get(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.get(id, account);
  }

  @Get('cases/:id/events')
  @Access('case.read')
  @ApiOperation({ summary: 'The hash-chained events of the case (SPEC §6)' })
  @ApiAnswer(arr('Event'))
  events(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.eventsOf(id, account);
  }

  @Get('cases/:id/deadlines')
  @Access('case.read')
  @ApiOperation({ summary: 'The legal terms of the case: open, fired or closed, with the calendar version they were computed with' })
  @ApiAnswer(arr('CaseDeadline'))
  deadlines(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.deadlinesOf(id, account);
  }

  @Get('cases/:id/refusals')
  @Access('case.read')
  @ApiOperation({ summary: 'Refused actions on the case: who, what, which rule' })
  @ApiAnswer(arr('Refusal'))
  refusals(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.refusals(id, account);
  }

  @Get('cases/:id/conclusions')
  @Access('case.read')
  @ApiOperation({ summary: 'Every version of the conclusion and the differences between them (p.107)' })
  @ApiAnswer('Conclusions')
  conclusions(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.conclusions(id, account);
  }

  @Get('cases/:id/documents/:sha256')
  @Access('document.read')
  @ApiOperation({ summary: 'Download a supporting document of the case' })
  @ApiFileAnswer(['application/pdf', 'application/octet-stream'], 'The supporting document as uploaded')
  async document(@Param('id') id: string, @Param('sha256') sha256: string, @CurrentAccount() account: AuthenticatedAccount, @Res() reply: FastifyReply) {
    const { record, stream } = await this.cases.document(id, sha256, account);
    void reply
      .header('content-type', record.mediaType)
      .header('content-disposition', contentDisposition(record.originalName))
      .header('x-content-sha256', record.sha256)
      .send(stream);
  }
}
