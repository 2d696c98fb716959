import { Injectable } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { ConclusionStore } from '../cases/conclusions';
import { IdGenerator } from '../common/id-generator';
import { DocumentsService } from '../documents/documents.service';
import { IndicatorCatalogueService } from '../reference/indicator-catalogue.service';
import { ReferenceService } from '../reference/reference.service';
import { StreamLoader } from './streams';

/** What command handlers may use to prepare their event: reference data and catalogues, documents, conclusions, the calendar. */
@Injectable()
export class CommandServices {
  constructor(
    readonly calendar: CalendarService,
    readonly reference: ReferenceService,
    readonly documents: DocumentsService,
    readonly conclusions: ConclusionStore,
    readonly ids: IdGenerator,
    readonly streams: StreamLoader,
    readonly catalogues: IndicatorCatalogueService,
  ) {}
}
