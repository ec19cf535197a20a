import { Module } from '@nestjs/common';
import { SpreadsheetModule } from '../../common/spreadsheet/spreadsheet.module';
import { ConsentsModule } from '../privacy/consents/consents.module';
import { TraineesController } from './trainees.controller';
import { TraineesService } from './trainees.service';

@Module({
  imports: [SpreadsheetModule, ConsentsModule],
  controllers: [TraineesController],
  providers: [TraineesService],
  exports: [TraineesService],
})
export class TraineesModule {}
