import { Module } from '@nestjs/common';
import { SpreadsheetModule } from '../../common/spreadsheet/spreadsheet.module';
import { ProgramsModule } from '../programs/programs.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({ imports: [ProgramsModule, SpreadsheetModule], controllers: [ReportsController], providers: [ReportsService] })
export class ReportsModule {}
