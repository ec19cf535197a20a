import { Module } from '@nestjs/common';
import { ProgramsModule } from '../programs/programs.module';
import { LogisticsJobs } from './logistics-jobs.service';
import { LogisticsController } from './logistics.controller';
import { LogisticsService } from './logistics.service';

/** Camp logistics (issue 20): what a program collects, each enrolment's details and consents, retention, reminders. */
@Module({
  imports: [ProgramsModule],
  controllers: [LogisticsController],
  providers: [LogisticsService, LogisticsJobs],
  exports: [LogisticsService, LogisticsJobs],
})
export class LogisticsModule {}
