import { Module } from '@nestjs/common';
import { AccountsController } from '../auth/accounts.controller';
import { IndicatorCatalogueService } from './indicator-catalogue.service';
import { IndicatorCataloguesController } from './indicator-catalogues.controller';
import { ReferenceController } from './reference.controller';
import { ReferenceService } from './reference.service';

@Module({
  controllers: [ReferenceController, IndicatorCataloguesController, AccountsController],
  providers: [ReferenceService, IndicatorCatalogueService],
  exports: [ReferenceService, IndicatorCatalogueService],
})
export class ReferenceModule {}
