import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { resolveLocalizedText } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import { signedIn, type RequestContext, type Viewer } from '../../common/auth/viewer';
import { AppConfig } from '../../config';
import { SessionsService, toSessionView } from '../sessions/sessions.service';
import { ProgramsService } from './programs.service';
import { CalendarEntry, scheduleCalendar } from './schedule-ics';

/**
 * Builds .ics files of a program's agenda or of an instructor's timetable. A
 * session's meeting link is in its event (URL, LOCATION, DESCRIPTION) only for
 * callers who may have it (meetingLinkVisibleSql); for the others the event's
 * URL is the program's page in the web app.
 */
@Injectable()
export class ProgramCalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  private async entries(viewer: Viewer, where: string, params: unknown[]): Promise<CalendarEntry[]> {
    const rows = await this.sessions.rawRows(this.dataSource.manager, viewer, where, params);
    return rows.map((row) => ({
      ...toSessionView(row),
      sequence: row.sequence,
      updatedAt: row.updated_at,
      programTitle: row.program_title,
      programCode: row.program_code,
    }));
  }

  async forProgram(id: string, ctx: RequestContext): Promise<{ filename: string; body: string }> {
    const viewer = signedIn(ctx);
    const program = await this.programs.findVisible(id, viewer);
    const entries = await this.entries(viewer, 's.program_id = $1', [id]);
    const name = resolveLocalizedText(program.title, ctx.locale);
    return {
      filename: `${program.code}.ics`,
      body: scheduleCalendar(name, entries, ctx.locale, this.config.publicUrl),
    };
  }

  async forInstructor(
    instructorId: string,
    name: string,
    ctx: RequestContext,
  ): Promise<{ filename: string; body: string }> {
    // Only the instructor's own sessions: they (and admins) have each one's link.
    const entries = await this.entries(
      signedIn(ctx),
      's.id IN (SELECT session_id FROM session_instructors WHERE instructor_id = $1)',
      [instructorId],
    );
    return { filename: 'timetable.ics', body: scheduleCalendar(name, entries, ctx.locale, this.config.publicUrl) };
  }
}
