import { Module } from '@nestjs/common';
import { SpreadsheetModule } from '../../common/spreadsheet/spreadsheet.module';
import { RateLimiter } from '../certificates/rate-limiter';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { CheckInController } from './check-in/check-in.controller';
import { CheckInService } from './check-in/check-in.service';
import { MeetingReportImportController } from './import/meeting-report-import.controller';
import { MeetingReportImportService } from './import/meeting-report-import.service';

@Module({
  imports: [SpreadsheetModule],
  controllers: [AttendanceController, CheckInController, MeetingReportImportController],
  // A rate limiter of its own for check-in guesses (the same shared counts in PostgreSQL, its own buckets).
  providers: [AttendanceService, CheckInService, RateLimiter, MeetingReportImportService],
})
export class AttendanceModule {}
