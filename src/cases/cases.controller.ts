import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { contentDisposition } from '../documents/content-disposition';
import { CaseReader } from './case-reader';
import { CaseListQueryDto } from './dto/case-commands.dto';
import { ApiAnswer, ApiFileAnswer } from '../common/api-contract';
import { page } from '../common/api-schemas';
import { RecordedAnswer, VersionTag } from '../common/answers';
import { PageQueryDto, pageOf } from '../common/paging';

/** Reads of appeal cases. The commands on them are declared in src/cases/commands/ (one file each). */
@ApiTags('cases')
@ApiBearerAuth()
@Controller()
export class CasesController {
  constructor(private readonly cases: CaseReader) {}

  @Get('cases')
  @Access('case.read')
  @ApiOperation({ summary: 'Cases the caller may see, filtered by state, direction, cycle, body, overdue' })
  @ApiAnswer(page('CaseSummary', 'The cases the caller may see, newest first'))
  list(@Query() query: CaseListQueryDto, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.list(query, account);
  }

  @Get('cases/:id')
  @Access('case.read')
  @ApiOperation({
    summary:
      'One case: state, outcome, deadlines D1–D4, overdue breaches, version, and the actions the caller may take now',
  })
  @ApiAnswer('Case', { headers: { ETag: 'The version, quoted ("7"): send it back as If-Match' } })
  @VersionTag()
  get(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.get(id, account);
  }

  @Get('cases/:id/events')
  @Access('case.read')
  @ApiOperation({ summary: 'The hash-chained events of the case (SPEC §6)' })
  @ApiAnswer(page('Event', 'The events in order of their sequence numbers'))
  @RecordedAnswer()
  async events(@Param('id') id: string, @Query() query: PageQueryDto, @CurrentAccount() account: AuthenticatedAccount) {
    return pageOf(await this.cases.eventsOf(id, account), query);
  }

  @Get('cases/:id/deadlines')
  @Access('case.read')
  @ApiOperation({
    summary: 'The legal terms of the case: open, fired or closed, with the calendar version they were computed with',
  })
  @ApiAnswer(page('CaseDeadline', 'The terms of the case'))
  async deadlines(
    @Param('id') id: string,
    @Query() query: PageQueryDto,
    @CurrentAccount() account: AuthenticatedAccount,
  ) {
    return pageOf(await this.cases.deadlinesOf(id, account), query);
  }

  @Get('cases/:id/refusals')
  @Access('case.read')
  @ApiOperation({ summary: 'Refused actions on the case: who, what, which rule' })
  @ApiAnswer(page('Refusal', 'Refused actions on the case, oldest first'))
  async refusals(
    @Param('id') id: string,
    @Query() query: PageQueryDto,
    @CurrentAccount() account: AuthenticatedAccount,
  ) {
    return pageOf(await this.cases.refusals(id, account), query);
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
  async document(
    @Param('id') id: string,
    @Param('sha256') sha256: string,
    @CurrentAccount() account: AuthenticatedAccount,
    @Res() reply: FastifyReply,
  ) {
    const { record, stream } = await this.cases.document(id, sha256, account);
    void reply
      .header('content-type', record.mediaType)
      .header('content-disposition', contentDisposition(record.originalName))
      .header('x-content-sha256', record.sha256)
      .send(stream);
  }
}
