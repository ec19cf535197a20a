import { Module } from '@nestjs/common';
import { ProgramsModule } from '../programs/programs.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({ imports: [ProgramsModule], controllers: [ReportsController], providers: [ReportsService] })
export class ReportsModule {}
