import { Module } from '@nestjs/common';
import { SheetReadPool } from './sheet-read.pool';
import { WorkbookPool } from './workbook.pool';

/**
 * The worker threads for spreadsheets, shared by the modules that use them: reading uploads (roster imports,
 * meeting reports) and building XLSX exports (rosters, reports, rooming lists, arrivals).
 */
@Module({ providers: [SheetReadPool, WorkbookPool], exports: [SheetReadPool, WorkbookPool] })
export class SpreadsheetModule {}
