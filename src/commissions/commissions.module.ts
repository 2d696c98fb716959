import { Module } from '@nestjs/common';
import { commandController } from '../workflow-runtime/command-controller';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module';
import { COMMISSION_ROUTES } from './commands';
import { CommissionReader } from './commission-reader';
import { CommissionsController } from './commissions.controller';

@Module({
  imports: [WorkflowRuntimeModule],
  controllers: [CommissionsController, commandController('CommissionCommandsController', COMMISSION_ROUTES)],
  providers: [CommissionReader],
  exports: [CommissionReader],
})
export class CommissionsModule {}
