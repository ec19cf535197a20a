import { ApiProperty } from '@nestjs/swagger';
import type { CalendarFeed } from '@skillbridge/contracts';

export class CalendarFeedDto implements CalendarFeed {
  @ApiProperty({
    format: 'uri',
    example:
      'https://skillbridge.example.edu.cn/api/v1/calendar/0f8e5a3c-1b2d-4e6f-9a7b-c8d9e0f1a2b3.VGhpcyBpcyBhbiBleGFtcGxl.ics',
    description:
      'The secret https address of the caller’s own calendar (iCalendar, no sign-in needed). Anyone with it can ' +
      'read the caller’s sessions: reset it (POST /me/calendar-feed/rotate) if it got out.',
  })
  url: string;

  @ApiProperty({
    format: 'uri',
    example:
      'webcal://skillbridge.example.edu.cn/api/v1/calendar/0f8e5a3c-1b2d-4e6f-9a7b-c8d9e0f1a2b3.VGhpcyBpcyBhbiBleGFtcGxl.ics',
    description: 'The same address with the webcal: scheme, which calendar apps open as a subscription.',
  })
  webcalUrl: string;
}
