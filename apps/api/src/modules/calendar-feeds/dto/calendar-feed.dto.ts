import { ApiProperty } from '@nestjs/swagger';
import type { CalendarFeed } from '@skillbridge/contracts';

export class CalendarFeedDto implements CalendarFeed {
  @ApiProperty({
    format: 'uri',
    example: 'https://skillbridge.example.edu.cn/api/v1/calendar/<token>.ics',
    description:
      'The secret https address of the caller’s own calendar (iCalendar, no sign-in needed). Anyone with it can ' +
      'read the caller’s sessions: reset it (POST /me/calendar-feed/rotate) if it got out.',
  })
  url: string;

  @ApiProperty({
    format: 'uri',
    example: 'webcal://skillbridge.example.edu.cn/api/v1/calendar/<token>.ics',
    description: 'The same address with the webcal: scheme, which calendar apps open as a subscription.',
  })
  webcalUrl: string;
}
