import { Module } from '@nestjs/common';
import { AccountsController } from '../auth/accounts.controller';
import { ReferenceController } from './reference.controller';
import { ReferenceService } from './reference.service';

@Module({
  controllers: [ReferenceController, AccountsController],
  providers: [ReferenceService],
  exports: [ReferenceService],
})
export class ReferenceModule {}
