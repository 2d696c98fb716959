import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { AuditService } from './audit.service';
import { DigestListQueryDto, RefusalsQueryDto, StateQueryDto, stateQueryOf } from './dto/audit-query.dto';


@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('cases/:id/state')
  @Access('audit.case')
  @ApiOperation({ summary: 'The case replayed to an event (?seq=N) or a moment (?at=ISO, by recorded time) (SPEC §6)' })
  state(@Param('id') id: string, @Query() query: StateQueryDto, @CurrentAccount() account: AuthenticatedAccount) {
    return this.audit.stateAt(id, stateQueryOf(query), account);
  }

  @Get('cases/:id/timeline')
  @Access('audit.case')
  @ApiOperation({ summary: 'The case’s events against its deadlines D1–D4: on time or not, and the overdue breaches' })
  timeline(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.audit.timeline(id, account);
  }

  @Get('cases/:id/export')
  @Access('audit.case')
  @ApiOperation({ summary: 'The case’s history as a bundle that verifies offline (tools/verify-bundle.js, docs/audit-algorithm.md)' })
  exportBundle(@Param('id') id: string, @CurrentAccount() account: AuthenticatedAccount) {
    return this.audit.exportBundle(id, account);
  }

  @Get('audit/verify')
  @Access('audit.verify')
  @ApiOperation({ summary: 'Verify every hash chain, projection, snapshot and the latest ledger digest; the first broken link per stream' })
  verify() {
    return this.audit.verify();
  }

  @Post('audit/digests')
  @Access('audit.digest-record')
  @ApiOperation({ summary: 'Record a ledger digest now: the Merkle root over every stream’s latest hash' })
  recordDigest() {
    return this.audit.recordDigest();
  }

  @Get('audit/digests')
  @Access('audit.verify')
  @ApiOperation({ summary: 'The latest recorded ledger digests' })
  digests(@Query() query: DigestListQueryDto) {
    return this.audit.digests(query.limit ?? 10);
  }

  @Get('audit/refusals')
  @Access('audit.refusals')
  @ApiOperation({ summary: 'Refused actions across all cases: who, what, which rule' })
  refusals(@Query() query: RefusalsQueryDto) {
    return this.audit.refusals(query.since, query.limit ?? 100);
  }
}
