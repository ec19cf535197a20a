import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CalendarFeed } from '@skillbridge/contracts';
import type { FastifyReply } from 'fastify';
import { Authenticated, Public } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';
import { CalendarFeedsService } from './calendar-feeds.service';
import { CalendarFeedDto } from './dto/calendar-feed.dto';
import { ReadsFromReplica } from '../../database/replicas/reads-from-replica.decorator';

@ApiTags('calendar')
@Controller('me/calendar-feed')
export class MyCalendarFeedController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary:
      'The secret address of the caller’s own calendar, to subscribe to in Google Calendar, Outlook or Apple ' +
      'Calendar: a trainee’s programs, an instructor’s sessions, a partner’s people’s programs, an admin’s office.',
  })
  @ApiOkResponse({ type: CalendarFeedDto })
  @ApiProblems(401)
  address(@Ctx() ctx: RequestContext): Promise<CalendarFeed> {
    return this.feeds.address(ctx);
  }

  @Post('rotate')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Reset the address: a new one; the old one answers 404 from now on.' })
  @ApiOkResponse({ type: CalendarFeedDto })
  @ApiProblems(401)
  rotate(@Ctx() ctx: RequestContext): Promise<CalendarFeed> {
    return this.feeds.rotate(ctx);
  }
}

@ApiTags('calendar')
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Get(':token.ics')
  @ReadsFromReplica()
  @Public()
  @ApiOperation({
    summary:
      'A person’s own calendar by its secret address (public: calendar apps send no sign-in; rate-limited). ' +
      'Events in each program’s zone (TZID + VTIMEZONE), cancelled sessions as STATUS:CANCELLED, meeting links ' +
      'only where the owner may have them. An unknown or reset address → 404.',
  })
  @ApiParam({ name: 'token', description: 'The token of the address given by GET /me/calendar-feed' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar; one VEVENT per session', schema: { type: 'string' } })
  @ApiProblems(404, 429)
  async feed(
    @Param('token') token: string,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const body = await this.feeds.feed(token, ctx);
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      // Someone's own schedule: no shared cache keeps it, and every fetch asks afresh.
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex, nofollow');
    return body;
  }
}
