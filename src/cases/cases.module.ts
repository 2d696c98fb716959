import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { ReferenceModule } from '../reference/reference.module';
import { commandController } from '../workflow-runtime/command-controller';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module';
import { CaseQueueReader, CaseReader } from './case-reader';
import { CasesController } from './cases.controller';
import { CASE_ROUTES } from './commands';

@Module({
  imports: [ReferenceModule, DocumentsModule, WorkflowRuntimeModule],
  controllers: [CasesController, commandController('CaseCommandsController', CASE_ROUTES)],
  providers: [CaseReader, CaseQueueReader],
  exports: [CaseReader, CaseQueueReader],
})
export class CasesModule {}
