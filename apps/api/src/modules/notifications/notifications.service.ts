import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  MailboxMessage as MailboxMessageView,
  MailboxPage,
  MarkedRead,
  Notification as NotificationView,
  Page,
  UnreadCount,
} from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import { signedIn, type RequestContext } from '../../common/auth/viewer';
import { containsPattern } from '../../common/pagination/contains-pattern';
import { paginate } from '../../common/pagination/keyset';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config';
import { MailboxQueryDto, NotificationListQueryDto } from './dto/notification.dto';
import { MailboxMessage } from './mailbox-message.entity';
import { notificationText } from './notification-text';
import { Notification } from './notification.entity';
import { OutboxWorker } from './outbox-worker';

/** Each person's own notifications, and the development mailbox for admins. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly outbox: OutboxWorker,
  ) {}

  /** The viewer's zone as it is now: in-app notices follow the latest choice. */
  private async viewerZone(userId: string): Promise<string> {
    const [row] = (await this.dataSource.query('SELECT time_zone FROM users WHERE id = $1', [userId])) as {
      time_zone: string;
    }[];
    return row?.time_zone ?? 'UTC';
  }

  private view(n: Notification, ctx: RequestContext, timeZone: string): NotificationView {
    const { title, lines, link } = notificationText(n, ctx.locale, timeZone, this.config.publicUrl);
    return {
      id: n.id,
      kind: n.kind,
      title,
      body: lines.join('\n'),
      link,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt ? n.readAt.toISOString() : null,
    };
  }

  /** The viewer's notifications, newest first, in the request's language and the viewer's zone. */
  async list(query: NotificationListQueryDto, ctx: RequestContext): Promise<Page<NotificationView>> {
    const { userId } = signedIn(ctx);
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId });
    if (query.unread === true) qb.andWhere('n.read_at IS NULL');
    if (query.unread === false) qb.andWhere('n.read_at IS NOT NULL');
    const [page, timeZone] = await Promise.all([
      paginate(qb, {
        keys: [
          { expression: 'n.created_at', property: 'createdAt', type: 'timestamp' },
          { expression: 'n.id', property: 'id', type: 'uuid' },
        ],
        direction: 'DESC',
        limit: query.limit,
        cursor: query.cursor,
      }),
      this.viewerZone(userId),
    ]);
    return { items: page.items.map((n) => this.view(n, ctx, timeZone)), nextCursor: page.nextCursor };
  }

  async unreadCount(ctx: RequestContext): Promise<UnreadCount> {
    const [{ count }] = (await this.dataSource.query(
      'SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL',
      [signedIn(ctx).userId],
    )) as UnreadCount[];
    return { count };
  }

  /** Marks one of the viewer's own notifications read (again is fine); someone else's is 404. */
  async markRead(id: string, ctx: RequestContext): Promise<NotificationView> {
    const { userId } = signedIn(ctx);
    await this.dataSource.query(
      'UPDATE notifications SET read_at = clock_timestamp() WHERE id = $1 AND user_id = $2 AND read_at IS NULL',
      [id, userId],
    );
    const notification = await this.dataSource.getRepository(Notification).findOneBy({ id, userId });
    if (!notification) throw ProblemException.notFound();
    return this.view(notification, ctx, await this.viewerZone(userId));
  }

  async markAllRead(ctx: RequestContext): Promise<MarkedRead> {
    const [, marked] = (await this.dataSource.query(
      'UPDATE notifications SET read_at = clock_timestamp() WHERE user_id = $1 AND read_at IS NULL',
      [signedIn(ctx).userId],
    )) as [unknown, number];
    return { marked };
  }

  // ---- development mailbox (admins) ------------------------------------------------------------

  async mailbox(query: MailboxQueryDto): Promise<MailboxPage> {
    const qb = this.dataSource
      .getRepository(MailboxMessage)
      .createQueryBuilder('m')
      .select(['m.id', 'm.notificationId', 'm.kind', 'm.to', 'm.subject', 'm.locale', 'm.createdAt']);
    if (query.to) qb.where('m.to ILIKE :to', { to: containsPattern(query.to) });
    const page = await paginate(qb, {
      keys: [
        { expression: 'm.created_at', property: 'createdAt', type: 'timestamp' },
        { expression: 'm.id', property: 'id', type: 'uuid' },
      ],
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return {
      items: page.items.map((m) => ({
        id: m.id,
        notificationId: m.notificationId,
        kind: m.kind,
        to: m.to,
        subject: m.subject,
        locale: m.locale,
        createdAt: m.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
      transport: this.outbox.transport,
    };
  }

  async mailboxMessage(id: string): Promise<MailboxMessageView> {
    const m = await this.dataSource.getRepository(MailboxMessage).findOneBy({ id });
    if (!m) throw ProblemException.notFound();
    return {
      id: m.id,
      notificationId: m.notificationId,
      kind: m.kind,
      to: m.to,
      subject: m.subject,
      locale: m.locale,
      createdAt: m.createdAt.toISOString(),
      text: m.text,
      html: m.html,
      raw: m.raw,
    };
  }
}
