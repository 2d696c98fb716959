import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/roles';
import { NotificationListQueryDto, WebhookCreateDto } from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';
import { ApiAnswer } from '../common/api-contract';
import { arr, i, o, ref } from '../common/api-schemas';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Post('webhooks')
  @Access('webhook.manage')
  @ApiOperation({ summary: 'Register a webhook; its signing secret is generated when absent and shown only in this answer' })
  @ApiAnswer('Webhook', { status: 201 })
  createWebhook(@Body() body: WebhookCreateDto) {
    return this.notifications.createWebhook(body);
  }

  @Get('webhooks')
  @Access('webhook.manage')
  @ApiOperation({ summary: 'The webhooks (never their secrets)' })
  @ApiAnswer(arr('Webhook'))
  webhooks() {
    return this.notifications.webhooks();
  }

  @Delete('webhooks/:id')
  @Access('webhook.manage')
  @ApiOperation({ summary: 'Deactivate a webhook: nothing more is delivered to it; its delivery history stays' })
  @ApiAnswer('Webhook')
  deactivateWebhook(@Param('id') id: string) {
    return this.notifications.deactivateWebhook(id);
  }

  @Get('notifications')
  @Access('notification.read')
  @ApiOperation({ summary: 'The notification outbox (term opened, reminders, missed terms, results dispatched) with each delivery' })
  @ApiAnswer(o({ total: i, items: arr(ref('Notification')) }))
  list(@Query() query: NotificationListQueryDto) {
    return this.notifications.list(query);
  }
}
