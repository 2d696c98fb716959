import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CommissionsModule } from '../commissions/commissions.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { DocumentsModule } from '../documents/documents.module';
import { ReferenceModule } from '../reference/reference.module';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  imports: [CalendarModule, ReferenceModule, CommissionsModule, DocumentsModule, WorkflowRuntimeModule, DeadlinesModule],
  controllers: [CasesController],
  providers: [CasesService],
  exports: [CasesService],
})
export class CasesModule {}
