import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { resolveLocalizedText } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import { signedIn, type RequestContext } from '../../common/auth/viewer';
import { SessionsService, toSessionView } from '../sessions/sessions.service';
import { ProgramsService } from './programs.service';
import { CalendarEntry, scheduleCalendar } from './schedule-ics';

/** Builds .ics files of a program's agenda or of an instructor's timetable. */
@Injectable()
export class ProgramCalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly sessions: SessionsService,
  ) {}

  private async entries(where: string, params: unknown[]): Promise<CalendarEntry[]> {
    const rows = await this.sessions.rawRows(this.dataSource.manager, where, params);
    return rows.map((row) => ({
      ...toSessionView(row),
      sequence: row.sequence,
      updatedAt: row.updated_at,
      programTitle: row.program_title,
      programCode: row.program_code,
    }));
  }

  async forProgram(id: string, ctx: RequestContext): Promise<{ filename: string; body: string }> {
    const program = await this.programs.findVisible(id, signedIn(ctx));
    const entries = await this.entries('s.program_id = $1', [id]);
    const name = resolveLocalizedText(program.title, ctx.locale);
    return { filename: `${program.code}.ics`, body: scheduleCalendar(name, entries, ctx.locale) };
  }

  async forInstructor(
    instructorId: string,
    name: string,
    ctx: RequestContext,
  ): Promise<{ filename: string; body: string }> {
    const entries = await this.entries(
      's.id IN (SELECT session_id FROM session_instructors WHERE instructor_id = $1)',
      [instructorId],
    );
    return { filename: 'timetable.ics', body: scheduleCalendar(name, entries, ctx.locale) };
  }
}
