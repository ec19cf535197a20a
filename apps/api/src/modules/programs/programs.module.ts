import { Module } from '@nestjs/common';
import { InstructorsController } from '../instructors/instructors.controller';
import { InstructorsService } from '../instructors/instructors.service';
import { SessionsController } from '../sessions/sessions.controller';
import { SessionsService } from '../sessions/sessions.service';
import { ProgramCalendarService } from './program-calendar.service';
import { ProgramDuplicateService } from './program-duplicate.service';
import { ProgramsController } from './programs.controller';
import { ProgramsService } from './programs.service';

/** Programs, their sessions and the instructors who teach them: one scheduling module. */
@Module({
  controllers: [ProgramsController, SessionsController, InstructorsController],
  providers: [ProgramsService, SessionsService, InstructorsService, ProgramCalendarService, ProgramDuplicateService],
  exports: [ProgramsService, SessionsService, ProgramCalendarService],
})
export class ProgramsModule {}
