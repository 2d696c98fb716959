import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module';
import { CommissionsController } from './commissions.controller';
import { CommissionsService } from './commissions.service';

@Module({
  imports: [ReferenceModule, WorkflowRuntimeModule],
  controllers: [CommissionsController],
  providers: [CommissionsService],
  exports: [CommissionsService],
})
export class CommissionsModule {}
