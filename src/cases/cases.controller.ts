import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { ROLES, Roles } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { withIfMatch } from '../common/if-match';
import { contentDisposition } from '../documents/content-disposition';
import { CasesService } from './cases.service';
import {
  CaseListQueryDto,
  CorrectionDto,
  CreateConclusionDto,
  EscalationDto,
  EscalationOutcomeDto,
  NoteDto,
  ObjectionDto,
  RowDecisionDto,
  SignatureDto,
  TableDto,
} from './dto/case-commands.dto';

const AUTHORITY = ['authorityOfficer', 'presidentialAdministration'] as const;
const TABLE_BUILDERS = ['authorityOfficer', 'commissionSecretary', 'presidentialAdministration'] as const;

function rowNumber(n: string): number {
  if (!/^\d{1,4}$/.test(n) || Number(n) < 1) throw DomainError.validation([{ name: 'n', reason: 'must be a row number from 1' }]);
  return Number(n);
}

@ApiTags('cases')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried POST with the same key returns the first answer' })
@Controller()
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post('conclusions')
  @Roles(...AUTHORITY)
  @ApiOperation({ summary: 'Issue a conclusion (appendix 12 or 15): starts the appeal case and the objection term D1 (p.98)' })
  createConclusion(@Body() dto: CreateConclusionDto, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.createConclusion(dto, account);
  }

  @Get('cases')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Cases the caller may see, filtered by state, direction, cycle, body, overdue' })
  list(@Query() query: CaseListQueryDto, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.list(query, account);
  }

  @Get('cases/:id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'One case: state, outcome, deadlines D1–D4, overdue breaches, version' })
  get(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.get(id, account);
  }

  @Get('cases/:id/events')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The hash-chained events of the case (SPEC §6)' })
  events(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.events(id, account);
  }

  @Get('cases/:id/deadlines')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The legal terms of the case: open, fired or closed, with the calendar version they were computed with' })
  deadlines(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.deadlinesOf(id, account);
  }

  @Get('cases/:id/refusals')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Refused actions on the case: who, what, which rule' })
  refusals(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.refusals(id, account);
  }

  @Get('cases/:id/conclusions')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Every version of the conclusion and the differences between them (p.107)' })
  conclusions(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.cases.conclusions(id, account);
  }

  @Get('cases/:id/documents/:sha256')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Download a supporting document of the case' })
  async document(@Param('id') id: string, @Param('sha256') sha256: string, @CurrentAccount() account: AuthenticatedAccount, @Res() reply: FastifyReply) {
    const { record, stream } = await this.cases.document(id, sha256, account);
    void reply
      .header('content-type', record.mediaType)
      .header('content-disposition', contentDisposition(record.originalName))
      .header('x-content-sha256', record.sha256)
      .send(stream);
  }

  @Post('cases/:id/objection')
  @Roles('agencyRepresentative')
  @ApiOperation({ summary: 'p.98: object within five working days, with disputed items and supporting documents' })
  objection(@Param('id') id: string, @Body() dto: ObjectionDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.cases.objection(id, withIfMatch(dto, ifMatch), a);
  }

  @Post('cases/:id/no-objection')
  @Roles('agencyRepresentative')
  @ApiOperation({ summary: 'p.99: notify within five working days that there is no objection' })
  noObjection(@Param('id') id: string, @Body() dto: NoteDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.cases.noObjection(id, withIfMatch(dto, ifMatch), a);
  }

  @Post('cases/:id/withdrawal')
  @Roles('agencyRepresentative')
  @ApiOperation({ summary: 'Withdraw the objection (until the commission decides)' })
  withdrawal(@Param('id') id: string, @Body() dto: NoteDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.cases.withdrawal(id, withIfMatch(dto, ifMatch), a);
  }

  @Post('cases/:id/table')
  @Roles(...TABLE_BUILDERS)
  @ApiOperation({ summary: "p.102: build the disagreement table from the disputed items and the authority's position" })
  table(@Param('id') id: string, @Body() dto: TableDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.cases.table(id, withIfMatch(dto, ifMatch), a);
  }

  @Post('cases/:id/table/submission')
  @Roles(...TABLE_BUILDERS)
  @ApiOperation({ summary: 'p.102: submit the table to the constituted special commission' })
  submit(@Param('id') id: string, @Body() dto: NoteDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.cases.submitTable(id, withIfMatch(dto, ifMatch), a);
  }

  @Post('cases/:id/table/rows/:n/decision')
  @Roles('commissionSecretary')
  @ApiOperation({ summary: 'p.104: record the commission’s decision on one row, with the vote of a meeting' })
  decision(
    @Param('id') id: string,
    @Param('n') n: string,
    @Body() dto: RowDecisionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentAccount() a: AuthenticatedAccount,
  ) {
    return this.cases.decision(id, rowNumber(n), withIfMatch(dto, ifMatch), a);
  }

  @Post('cases/:id/table/signatures')
  @Roles('commissionChair', 'agencyRepresentative')
  @ApiOperation({ summary: 'p.105: the chair and the body’s representative sign (or the representative refuses, with a reason)' })
  sign(@Param('id') id: string, @Body() dto: SignatureDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.cases.signature(id, withIfMatch(dto, ifMatch), a);
  }

  @Post('cases/:id/dispatch')
  @Roles(...AUTHORITY)
  @ApiOperation({ summary: 'p.106: send the results to the working body and the evaluated body; final at the authority from here' })
  dispatch(@Param('id') id: string, @Body() dto: NoteDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.cases.dispatch(id, withIfMatch(dto, ifMatch), a);
  }

  @Post('cases/:id/correction')
  @Roles(...AUTHORITY)
  @ApiOperation({ summary: 'p.107: issue the corrected conclusion (a new version) when objections were accepted' })
  correction(@Param('id') id: string, @Body() dto: CorrectionDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.cases.correction(id, withIfMatch(dto, ifMatch), a);
  }

  @Post('cases/:id/escalation')
  @Roles('agencyRepresentative')
  @ApiOperation({ summary: 'p.108: appeal to the Presidential Administration within five working days of receiving the results' })
  escalation(@Param('id') id: string, @Body() dto: EscalationDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.cases.escalation(id, withIfMatch(dto, ifMatch), a);
  }

  @Post('cases/:id/escalation/outcome')
  @Roles('presidentialAdministration')
  @HttpCode(201)
  @ApiOperation({ summary: 'p.108: the Presidential Administration records upheld or revised' })
  escalationOutcome(@Param('id') id: string, @Body() dto: EscalationOutcomeDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.cases.escalationOutcome(id, withIfMatch(dto, ifMatch), a);
  }
}
