import { Module } from '@nestjs/common';
import { CredentialsService } from './credentials.service';
import { PasswordsController } from './passwords.controller';
import { SessionsService } from './sessions.service';

/** User names, passwords, web sessions and the record of sign-in attempts (issue 14, item 1). */
@Module({
  controllers: [PasswordsController],
  providers: [CredentialsService, SessionsService],
  exports: [CredentialsService, SessionsService],
})
export class SignInModule {}
