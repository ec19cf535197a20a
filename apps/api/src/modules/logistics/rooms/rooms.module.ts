import { Module } from '@nestjs/common';
import { ProgramsModule } from '../../programs/programs.module';
import { RoomsController } from './rooms.controller';
import { RoomsService } from './rooms.service';

/** Rooms of a camp, who sleeps where, the rooming list and the pick-up manifest (issue 20). */
@Module({ imports: [ProgramsModule], controllers: [RoomsController], providers: [RoomsService] })
export class RoomsModule {}
