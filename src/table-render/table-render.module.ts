import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ReferenceModule } from '../reference/reference.module';
import { TableRenderController } from './table-render.controller';
import { TableRenderService } from './table-render.service';

/** Renders the disagreement table of a case (SPEC §5): page, PDF, workbook; kk, ru, en. */
@Module({
  imports: [CasesModule, ReferenceModule],
  controllers: [TableRenderController],
  providers: [TableRenderService],
  exports: [TableRenderService],
})
export class TableRenderModule {}
