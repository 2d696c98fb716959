import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DeadlineScheduler } from './deadline-scheduler';
import { DeadlinesModule } from './deadlines.module';

@Module({ imports: [CasesModule, DeadlinesModule], providers: [DeadlineScheduler], exports: [DeadlineScheduler] })
export class SchedulerModule {}
