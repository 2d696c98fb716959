import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module';
import { DeadlineRecomputation } from './deadline-recomputation';
import { DeadlineScheduler } from './deadline-scheduler';
import { DeadlinesModule } from './deadlines.module';

/** The clock of the legal terms: the scheduler that fires them and the recomputation after calendar changes. */
@Module({
  imports: [CalendarModule, DeadlinesModule, WorkflowRuntimeModule],
  providers: [DeadlineScheduler, DeadlineRecomputation],
  exports: [DeadlineScheduler],
})
export class SchedulerModule {}
