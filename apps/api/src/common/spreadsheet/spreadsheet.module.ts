import { Module } from '@nestjs/common';
import { SheetReadPool } from './sheet-read.pool';

/** One thread for reading uploaded spreadsheets (roster imports, meeting reports), shared by the modules that take them. */
@Module({ providers: [SheetReadPool], exports: [SheetReadPool] })
export class SpreadsheetModule {}
