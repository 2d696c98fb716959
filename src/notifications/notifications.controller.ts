import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/roles';
import { NotificationListQueryDto, WebhookCreateDto } from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';
import { ApiAnswer, ApiCreated } from '../common/api-contract';
import { page } from '../common/api-schemas';
import { Created } from '../common/answers';
import { DomainError } from '../common/domain-error';
import { PageQueryDto, pageOf } from '../common/paging';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Post('webhooks')
  @Access('webhook.manage')
  @ApiOperation({
    summary: 'Register a webhook; its signing secret is generated when absent and shown only in this answer',
  })
  @ApiCreated('Webhook')
  @Created((webhook: { id: string }) => `/api/v1/webhooks/${webhook.id}`)
  createWebhook(@Body() body: WebhookCreateDto) {
    return this.notifications.createWebhook(body);
  }

  @Get('webhooks')
  @Access('webhook.manage')
  @ApiOperation({ summary: 'The webhooks (never their secrets)' })
  @ApiAnswer(page('Webhook', 'Webhooks, oldest first'))
  async webhooks(@Query() query: PageQueryDto) {
    return pageOf(await this.notifications.webhooks(), query);
  }

  @Get('webhooks/:id')
  @Access('webhook.manage')
  @ApiOperation({ summary: 'One webhook (never its secret)' })
  @ApiAnswer('Webhook')
  async webhook(@Param('id') id: string) {
    const webhook = (await this.notifications.webhooks()).find((w) => w.id === id);
    if (!webhook) throw new DomainError('not-found', `No webhook ${id}`);
    return webhook;
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
  @ApiOperation({
    summary: 'The notification outbox (term opened, reminders, missed terms, results dispatched) with each delivery',
  })
  @ApiAnswer(page('Notification', 'Notifications, newest first'))
  list(@Query() query: NotificationListQueryDto) {
    return this.notifications.list(query);
  }
}
