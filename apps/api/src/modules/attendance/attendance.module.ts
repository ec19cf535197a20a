import { Module } from '@nestjs/common';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { SheetReadPool } from '../../common/spreadsheet/sheet-read.pool';
import { MeetingReportImportController } from './import/meeting-report-import.controller';
import { MeetingReportImportService } from './import/meeting-report-import.service';

@Module({
  controllers: [AttendanceController, MeetingReportImportController],
  providers: [AttendanceService, MeetingReportImportService, SheetReadPool],
})
export class AttendanceModule {}
