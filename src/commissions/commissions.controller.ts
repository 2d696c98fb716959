import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { CommissionReader } from './commission-reader';
import { ApiAnswer } from '../common/api-contract';
import { arr } from '../common/api-schemas';

/** Reads of special commissions. Their commands are declared in src/commissions/commands/ (one file each). */
@ApiTags('special commissions')
@ApiBearerAuth()
@Controller('commissions')
export class CommissionsController {
  constructor(private readonly commissions: CommissionReader) {}

  @Get()
  @Access('commission.read')
  @ApiOperation({ summary: 'The special commissions the caller may see' })
  @ApiAnswer(arr('Commission'))
  list(@CurrentAccount() a: AuthenticatedAccount) {
    return this.commissions.list(a);
  }

  @Get(':id')
  @Access('commission.read')
  @ApiOperation({ summary: 'One special commission: members, recusals, meetings and attendance' })
  @ApiAnswer('Commission')
  get(@Param('id') id: string, @CurrentAccount() a: AuthenticatedAccount) {
    return this.commissions.get(id, a);
  }
}
