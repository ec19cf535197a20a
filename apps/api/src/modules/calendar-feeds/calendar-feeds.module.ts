import { Module } from '@nestjs/common';
import { RateLimiter } from '../certificates/rate-limiter';
import { ProgramsModule } from '../programs/programs.module';
import { CalendarFeedController, MyCalendarFeedController } from './calendar-feeds.controller';
import { CalendarFeedsService } from './calendar-feeds.service';

/** Personal calendar addresses (GET /me/calendar-feed) and the public feed they serve (GET /calendar/:token.ics). */
@Module({
  imports: [ProgramsModule],
  controllers: [MyCalendarFeedController, CalendarFeedController],
  // A limiter of its own (the same shared counts in PostgreSQL, its own buckets).
  providers: [CalendarFeedsService, RateLimiter],
})
export class CalendarFeedsModule {}
