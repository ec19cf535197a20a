import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Role,
  type MailboxMessage,
  type MailboxPage,
  type MarkedRead,
  type Notification,
  type Page,
  type UnreadCount,
} from '@skillbridge/contracts';
import { Authenticated, Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiPageResponse, ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import {
  MailboxMessageDto,
  MailboxPageDto,
  MailboxQueryDto,
  MarkedReadDto,
  NotificationDto,
  NotificationListQueryDto,
  UnreadCountDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @Authenticated()
  @ApiOperation({ summary: "The caller's own notifications, newest first, in the request's language." })
  @ApiPageResponse(NotificationDto)
  @ApiProblems(400, 401)
  list(@Query() query: NotificationListQueryDto, @Ctx() ctx: RequestContext): Promise<Page<Notification>> {
    return this.notifications.list(query, ctx);
  }

  @Get('notifications/unread-count')
  @Authenticated()
  @ApiOperation({ summary: "How many of the caller's notifications are unread (the bell)." })
  @ApiOkResponse({ type: UnreadCountDto })
  @ApiProblems(401)
  unreadCount(@Ctx() ctx: RequestContext): Promise<UnreadCount> {
    return this.notifications.unreadCount(ctx);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: "Mark all of the caller's notifications read." })
  @ApiOkResponse({ type: MarkedReadDto })
  @ApiProblems(401)
  markAllRead(@Ctx() ctx: RequestContext): Promise<MarkedRead> {
    return this.notifications.markAllRead(ctx);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: "Mark one of the caller's notifications read; anyone else's is 404." })
  @ApiOkResponse({ type: NotificationDto })
  @ApiProblems(400, 401, 404)
  markRead(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<Notification> {
    return this.notifications.markRead(id, ctx);
  }

  @Get('mailbox')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'The development mailbox: e-mail kept instead of sent while no SMTP_URL is set (admin).' })
  @ApiOkResponse({ type: MailboxPageDto })
  @ApiProblems(400, 401, 403)
  mailbox(@Query() query: MailboxQueryDto): Promise<MailboxPage> {
    return this.notifications.mailbox(query);
  }

  @Get('mailbox/:id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'One message of the development mailbox: text, HTML and the raw message (admin).' })
  @ApiOkResponse({ type: MailboxMessageDto })
  @ApiProblems(400, 401, 403, 404)
  mailboxMessage(@UuidParam('id') id: string): Promise<MailboxMessage> {
    return this.notifications.mailboxMessage(id);
  }
}
