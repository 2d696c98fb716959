import { Module } from '@nestjs/common';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** History and audit (SPEC §6): replay, timeline, verification, ledger digests, offline bundles. */
@Module({
  imports: [WorkflowRuntimeModule],
  controllers: [AuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
