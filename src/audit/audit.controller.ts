import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { AuditService } from './audit.service';
import { RefusalsQueryDto, StateQueryDto, stateQueryOf } from './dto/audit-query.dto';
import { ApiAnswer, ApiCreated } from '../common/api-contract';
import { Created, RecordedAnswer } from '../common/answers';
import { nul, page, s } from '../common/api-schemas';
import { PageQueryDto, pageParams } from '../common/paging';
import { DomainError, invalidParam } from '../common/domain-error';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('cases/:id/state')
  @Access('audit.case')
  @ApiOperation({ summary: 'The case replayed to an event (?seq=N) or a moment (?at=ISO, by recorded time) (SPEC §6)' })
  @ApiAnswer('CaseState')
  state(@Param('id') id: string, @Query() query: StateQueryDto, @CurrentAccount() account: AuthenticatedAccount) {
    return this.audit.stateAt(id, stateQueryOf(query), account);
  }

  @Get('cases/:id/timeline')
  @Access('audit.case')
  @ApiOperation({ summary: 'The case’s events against its deadlines D1–D4: on time or not, and the overdue breaches' })
  @ApiAnswer('Timeline')
  timeline(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.audit.timeline(id, account);
  }

  @Get('cases/:id/export')
  @Access('audit.case')
  @ApiOperation({
    summary: 'The case’s history as a bundle that verifies offline (tools/verify-bundle.js, docs/audit-algorithm.md)',
  })
  @ApiAnswer('AuditBundle')
  @RecordedAnswer()
  exportBundle(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.audit.exportBundle(id, account);
  }

  @Get('audit/verify')
  @Access('audit.verify')
  @ApiOperation({
    summary:
      'Verify every hash chain, projection, snapshot and the latest ledger digest; the first broken link per stream',
  })
  @ApiAnswer('Verification')
  verify() {
    return this.audit.verify();
  }

  @Post('audit/digests')
  @Access('audit.digest-record')
  @ApiOperation({ summary: 'Record a ledger digest now: the Merkle root over every stream’s latest hash' })
  @ApiCreated('Digest')
  @Created((digest: { id: number }) => `/api/v1/audit/digests/${digest.id}`)
  recordDigest() {
    return this.audit.recordDigest();
  }

  @Get('audit/digests')
  @Access('audit.verify')
  @ApiOperation({ summary: 'The latest recorded ledger digests' })
  @ApiAnswer(page('Digest', 'Recorded digests, newest first'))
  digests(@Query() query: PageQueryDto) {
    return this.audit.digests(pageParams(query));
  }

  @Get('audit/digests/:digestId')
  @Access('audit.verify')
  @ApiOperation({ summary: 'One recorded ledger digest' })
  @ApiAnswer('Digest')
  digest(@Param('digestId') digestId: string) {
    // A digest's id is a 32-bit integer column: a larger number names no digest and must not reach the database.
    if (!/^[1-9]\d{0,9}$/.test(digestId) || Number(digestId) > 2_147_483_647)
      throw DomainError.validation([invalidParam('digestId', 'reasons.digestNumber')]);
    return this.audit.digest(Number(digestId));
  }

  @Get('audit/refusals')
  @Access('audit.refusals')
  @ApiOperation({ summary: 'Refused actions across all cases: who, what, which rule' })
  @ApiAnswer(page('AuditRefusal', 'Refusals recorded since `since` (all without it), oldest first', { since: nul(s) }))
  refusals(@Query() query: RefusalsQueryDto) {
    return this.audit.refusals(query.since, pageParams(query));
  }
}
