import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationDispatcher } from './notification-dispatcher';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { FetchWebhookTransport, WebhookTransport } from './webhook-transport';

/**
 * Reminders (issue 5): the outbox written in the events' transactions, its webhooks and the delivery
 * worker. Imports only the calendar, so DeadlinesModule and CasesModule can import it without a cycle.
 */
@Module({
  imports: [CalendarModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationDispatcher,
    { provide: WebhookTransport, useClass: FetchWebhookTransport },
  ],
  exports: [NotificationsService, NotificationDispatcher],
})
export class NotificationsModule {}
