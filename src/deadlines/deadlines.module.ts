import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { DeadlinesService } from './deadlines.service';

/** Terms open, close and move with their reminders; NotificationsModule is re-exported for the cases that enqueue the rest. */
@Module({
  imports: [NotificationsModule],
  providers: [DeadlinesService],
  exports: [DeadlinesService, NotificationsModule],
})
export class DeadlinesModule {}
