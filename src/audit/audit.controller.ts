import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { AuditService } from './audit.service';
import { DigestListQueryDto, RefusalsQueryDto, StateQueryDto, stateQueryOf } from './dto/audit-query.dto';
import { ApiAnswer } from '../common/api-contract';
import { arr, i, nul, o, ref, s } from '../common/api-schemas';


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
  @ApiOperation({ summary: 'The case’s history as a bundle that verifies offline (tools/verify-bundle.js, docs/audit-algorithm.md)' })
  @ApiAnswer('AuditBundle')
  exportBundle(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.audit.exportBundle(id, account);
  }

  @Get('audit/verify')
  @Access('audit.verify')
  @ApiOperation({ summary: 'Verify every hash chain, projection, snapshot and the latest ledger digest; the first broken link per stream' })
  @ApiAnswer('Verification')
  verify() {
    return this.audit.verify();
  }

  @Post('audit/digests')
  @Access('audit.digest-record')
  @ApiOperation({ summary: 'Record a ledger digest now: the Merkle root over every stream’s latest hash' })
  @ApiAnswer('Digest', { status: 201 })
  recordDigest() {
    return this.audit.recordDigest();
  }

  @Get('audit/digests')
  @Access('audit.verify')
  @ApiOperation({ summary: 'The latest recorded ledger digests' })
  @ApiAnswer(arr('Digest'))
  digests(@Query() query: DigestListQueryDto) {
    return this.audit.digests(query.limit ?? 10);
  }

  @Get('audit/refusals')
  @Access('audit.refusals')
  @ApiOperation({ summary: 'Refused actions across all cases: who, what, which rule' })
  @ApiAnswer(o({ since: nul(s), limit: i, items: arr(ref('AuditRefusal')) }))
  refusals(@Query() query: RefusalsQueryDto) {
    return this.audit.refusals(query.since, query.limit ?? 100);
  }
}
