import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MAIL_TRANSPORTS,
  NOTIFICATION_KINDS,
  SUPPORTED_LOCALES,
  type Locale,
  type MailboxEntry,
  type MailboxMessage,
  type MailboxQuery,
  type MailTransport,
  type MarkedRead,
  type Notification,
  type NotificationKind,
  type NotificationListQuery,
  type UnreadCount,
} from '@skillbridge/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageMetaDto } from '../../../common/openapi/api-docs.decorators';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';

export class NotificationDto implements Notification {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ description: "In the caller's language" }) title: string;
  @ApiProperty({ description: 'Lines separated by newlines' }) body: string;
  @ApiProperty({ nullable: true, type: String, example: '/my/programs' }) link: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt: string | null;
}

export class NotificationListQueryDto extends ListQueryDto implements NotificationListQuery {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class UnreadCountDto implements UnreadCount {
  @ApiProperty({ minimum: 0 }) count: number;
}

export class MarkedReadDto implements MarkedRead {
  @ApiProperty({ minimum: 0 }) marked: number;
}

export class MailboxEntryDto implements MailboxEntry {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) notificationId: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ format: 'email' }) to: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: SUPPORTED_LOCALES }) locale: Locale;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MailboxMessageDto extends MailboxEntryDto implements MailboxMessage {
  @ApiProperty() text: string;
  @ApiProperty() html: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The whole message as an SMTP server would have received it (RFC 5322 with MIME, CRLF line ends); null for messages kept before it was',
  })
  raw: string | null;
}

export class MailboxPageDto extends PageMetaDto {
  @ApiProperty({ type: [MailboxEntryDto] }) items: MailboxEntryDto[];
  @ApiProperty({ enum: MAIL_TRANSPORTS, description: 'Where e-mail goes now' }) transport: MailTransport;
}

export class MailboxQueryDto extends ListQueryDto implements MailboxQuery {
  @ApiPropertyOptional({ description: "Part of the recipient's address" })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  to?: string;
}
