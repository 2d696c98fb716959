import { Body, Controller, Get, Headers, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Roles } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { withIfMatch } from '../common/if-match';
import { isValidIin } from '../reference/iin';
import { CommissionsService } from './commissions.service';
import { AddMemberDto, AttendanceDto, CommissionCommandDto, CreateCommissionDto, ScheduleMeetingDto } from './dto/commission.dto';

const STAFF = ['authorityOfficer', 'commissionSecretary', 'presidentialAdministration'] as const;
const READERS = [...STAFF, 'commissionChair', 'administrator', 'auditor'] as const;

@ApiTags('special commissions')
@ApiBearerAuth()
@Controller('commissions')
export class CommissionsController {
  constructor(private readonly commissions: CommissionsService) {}

  @Post()
  @Roles(...STAFF)
  @ApiOperation({ summary: 'p.100/p.101: form the special commission of the caller’s authority for a direction and cycle' })
  create(@Body() dto: CreateCommissionDto, @CurrentAccount() a: AuthenticatedAccount) {
    return this.commissions.create(dto, a);
  }

  @Get()
  @Roles(...READERS)
  list(@CurrentAccount() a: AuthenticatedAccount) {
    return this.commissions.list(a);
  }

  @Get(':id')
  @Roles(...READERS)
  get(@Param('id') id: string, @CurrentAccount() a: AuthenticatedAccount) {
    return this.commissions.get(id, a);
  }

  @Post(':id/members')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'p.100: add a member; anyone who evaluated an objecting body is refused' })
  addMember(@Param('id') id: string, @Body() dto: AddMemberDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.commissions.addMember(id, withIfMatch(dto, ifMatch), a);
  }

  @Post(':id/members/:iin/removal')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Remove a member' })
  removeMember(
    @Param('id') id: string,
    @Param('iin') iin: string,
    @Body() dto: CommissionCommandDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentAccount() a: AuthenticatedAccount,
  ) {
    if (!isValidIin(iin)) throw DomainError.validation([{ name: 'iin', reason: 'must be a valid IIN' }]);
    return this.commissions.removeMember(id, iin, withIfMatch(dto, ifMatch).expectedVersion, a);
  }

  @Post(':id/constitution')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'p.100: constitute the commission (at least five members, a chair and a secretary)' })
  constitute(@Param('id') id: string, @Body() dto: CommissionCommandDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.commissions.constitute(id, withIfMatch(dto, ifMatch).expectedVersion, a);
  }

  @Post(':id/dissolution')
  @Roles(...STAFF)
  dissolve(@Param('id') id: string, @Body() dto: CommissionCommandDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.commissions.dissolve(id, withIfMatch(dto, ifMatch).expectedVersion, a);
  }

  @Post(':id/meetings')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'p.103: schedule a meeting and invite the objecting bodies’ representatives and the evaluators' })
  schedule(@Param('id') id: string, @Body() dto: ScheduleMeetingDto, @Headers('if-match') ifMatch: string | undefined, @CurrentAccount() a: AuthenticatedAccount) {
    return this.commissions.scheduleMeeting(id, withIfMatch(dto, ifMatch), a);
  }

  @Post(':id/meetings/:meetingId/attendance')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'p.104: record who of the members is present (the quorum)' })
  attendance(
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @Body() dto: AttendanceDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentAccount() a: AuthenticatedAccount,
  ) {
    return this.commissions.recordAttendance(id, meetingId, withIfMatch(dto, ifMatch), a);
  }
}
