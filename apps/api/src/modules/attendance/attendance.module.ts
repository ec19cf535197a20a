import { Module } from '@nestjs/common';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { RateLimiter } from '../certificates/rate-limiter';
import { CheckInController } from './check-in/check-in.controller';
import { CheckInService } from './check-in/check-in.service';

@Module({
  controllers: [AttendanceController, CheckInController],
  // A rate limiter of its own for check-in guesses (the same shared counts in PostgreSQL, its own buckets).
  providers: [AttendanceService, CheckInService, RateLimiter],
})
export class AttendanceModule {}
