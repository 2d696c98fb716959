import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { CommissionReader } from './commission-reader';
import { ApiAnswer } from '../common/api-contract';
import { page } from '../common/api-schemas';
import { VersionTag } from '../common/answers';
import { DomainError } from '../common/domain-error';
import { PageQueryDto, pageOf } from '../common/paging';

/** Reads of special commissions. Their commands are declared in src/commissions/commands/ (one file each). */
@ApiTags('special commissions')
@ApiBearerAuth()
@Controller('commissions')
export class CommissionsController {
  constructor(private readonly commissions: CommissionReader) {}

  @Get()
  @Access('commission.read')
  @ApiOperation({ summary: 'The special commissions the caller may see' })
  @ApiAnswer(page('Commission', 'The special commissions the caller may see'))
  async list(@Query() query: PageQueryDto, @CurrentAccount() a: AuthenticatedAccount) {
    return pageOf(await this.commissions.list(a), query);
  }

  @Get(':id')
  @Access('commission.read')
  @ApiOperation({ summary: 'One special commission: members, recusals, meetings and attendance' })
  @ApiAnswer('Commission', { headers: { ETag: 'The version, quoted ("7"): send it back as If-Match' } })
  @VersionTag()
  get(@Param('id') id: string, @CurrentAccount() a: AuthenticatedAccount) {
    return this.commissions.get(id, a);
  }

  @Get(':id/meetings/:meetingId')
  @Access('commission.read')
  @ApiOperation({ summary: 'One meeting of a special commission: when, who was invited, who was present (p.103)' })
  @ApiAnswer('Meeting')
  async meeting(
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @CurrentAccount() a: AuthenticatedAccount,
  ) {
    const commission = (await this.commissions.get(id, a)) as { meetings: { id: string }[] };
    const meeting = commission.meetings.find((m) => m.id === meetingId);
    if (!meeting) throw new DomainError('not-found', `No meeting ${meetingId} in commission ${id}`);
    return meeting;
  }
}
