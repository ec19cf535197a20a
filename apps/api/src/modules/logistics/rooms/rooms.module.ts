import { Module } from '@nestjs/common';
import { SpreadsheetModule } from '../../../common/spreadsheet/spreadsheet.module';
import { ProgramsModule } from '../../programs/programs.module';
import { RoomsController } from './rooms.controller';
import { RoomsService } from './rooms.service';

/** Rooms of a camp, who sleeps where, the rooming list and the pick-up manifest (issue 20). */
@Module({ imports: [ProgramsModule, SpreadsheetModule], controllers: [RoomsController], providers: [RoomsService] })
export class RoomsModule {}
