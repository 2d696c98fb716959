import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { ConclusionStore } from '../cases/conclusions';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { DocumentsModule } from '../documents/documents.module';
import { ReferenceModule } from '../reference/reference.module';
import { CaseEffects } from './case-effects';
import { CommandServices } from './command-services';
import { RefusalLog } from './refusal-log';
import { StreamRuntime } from './stream-runtime';
import { StreamLoader } from './streams';
import { TransmissionStore } from '../transmissions/transmission-store';

/** The one command path (StreamRuntime) and what it uses: the event store, stream loading, effects, idempotency, refusals. */
@Module({
  imports: [CalendarModule, ReferenceModule, DocumentsModule, DeadlinesModule],
  providers: [
    StreamLoader,
    StreamRuntime,
    CaseEffects,
    CommandServices,
    ConclusionStore,
    RefusalLog,
    TransmissionStore,
  ],
  exports: [StreamLoader, StreamRuntime, ConclusionStore, RefusalLog, DeadlinesModule],
})
export class WorkflowRuntimeModule {}
