import { Module } from '@nestjs/common';
import { SpreadsheetModule } from '../../common/spreadsheet/spreadsheet.module';
import { ProgramsModule } from '../programs/programs.module';
import { EnrolmentsController } from './enrolments.controller';
import { EnrolmentsService } from './enrolments.service';

@Module({
  imports: [ProgramsModule, SpreadsheetModule],
  controllers: [EnrolmentsController],
  providers: [EnrolmentsService],
  exports: [EnrolmentsService],
})
export class EnrolmentsModule {}
