import { Module } from '@nestjs/common';
import { SpreadsheetModule } from '../../common/spreadsheet/spreadsheet.module';
import { TraineesController } from './trainees.controller';
import { TraineesService } from './trainees.service';

@Module({
  imports: [SpreadsheetModule],
  controllers: [TraineesController],
  providers: [TraineesService],
  exports: [TraineesService],
})
export class TraineesModule {}
