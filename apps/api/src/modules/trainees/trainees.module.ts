import { Module } from '@nestjs/common';
import { SheetReadPool } from '../../common/spreadsheet/sheet-read.pool';
import { TraineesController } from './trainees.controller';
import { TraineesService } from './trainees.service';

@Module({
  controllers: [TraineesController],
  providers: [TraineesService, SheetReadPool],
  exports: [TraineesService],
})
export class TraineesModule {}
