import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { CredentialsService } from './credentials.service';
import { SetPasswordDto, SignInAttemptsQueryDto } from './dto/set-password.dto';
import { ApiAnswer } from '../common/api-contract';
import { page } from '../common/api-schemas';
import { pageParams } from '../common/paging';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller()
export class PasswordsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Put('accounts/:id/password')
  @Access('account.password')
  @ApiOperation({
    summary: 'Give an account a user name and a one-time password for the web pages',
    description:
      'The person must choose their own password at the next sign-in; the account’s web sessions end at once. ' +
      'The password is stored only as a scrypt hash and never returned. The bearer token is not affected.',
  })
  @ApiAnswer('Password')
  setPassword(
    @Param('id') id: string,
    @Body() dto: SetPasswordDto,
    @CurrentAccount() administrator: AuthenticatedAccount,
  ) {
    return this.credentials.setByAdministrator(id, dto, administrator.id);
  }

  @Get('sign-in-attempts')
  @Access('account.sign-ins')
  @ApiOperation({
    summary: 'Every sign-in attempt to the web pages (newest first): who, when, from where, and the outcome',
  })
  @ApiAnswer(page('SignInAttempt', 'Sign-in attempts, newest first'))
  attempts(@Query() query: SignInAttemptsQueryDto) {
    return this.credentials.attempts({ userName: query.userName, ...pageParams(query) });
  }
}
