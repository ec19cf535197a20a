import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  formatZonedTime,
  MEETING_REPORT_MAX_ROWS,
  type AttendanceImportResult,
  type AttendanceRule,
  type ImportAssignment,
  type ImportedAmbiguity,
  type ImportedMatch,
  type ImportedPerson,
  type ImportMatchKind,
} from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { signedIn, type RequestContext, type Viewer } from '../../../common/auth/viewer';
import { FieldProblem, ProblemException } from '../../../common/problem/problem.exception';
import { SheetReadPool } from '../../../common/spreadsheet/sheet-read.pool';
import { AppConfig } from '../../../config';
import { AuditService } from '../../audit/audit.service';
import { AttendanceService } from '../attendance.service';
import { firstJoin, importedStatus, minutesInside, type SessionSpan, type Stay } from './attendance-minutes';
import { MeetingReportError, parseMeetingReport, type ReportRow } from './meeting-report';
import { matchPerson, nameKey, type Candidate } from './name-match';

interface SessionInfo extends SessionSpan {
  id: string;
  programId: string;
  programStatus: string;
  status: string;
  timezone: string;
  rule: AttendanceRule;
}

interface RegisterTrainee extends Candidate {
  enrolmentStatus: string;
}

/** A person of the report with their stays (several rows when they left and came back). */
interface Person {
  rows: ReportRow[];
}

@Injectable()
export class MeetingReportImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly sheets: SheetReadPool,
    private readonly attendance: AttendanceService,
  ) {}

  /** The session if the caller keeps its register (admins, its instructors), else 404 — as the register's GET. */
  private async session(manager: EntityManager, id: string, viewer: Viewer, lock = false): Promise<SessionInfo> {
    const rows = (await manager.query(
      `SELECT s.id, s.program_id AS "programId", p.status AS "programStatus", s.status, s.starts_at AS "startsAt",
              s.ends_at AS "endsAt", p.timezone, p.min_minutes_present_rate AS rate, p.grace_minutes AS grace
         FROM sessions s JOIN programs p ON p.id = s.program_id WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`,
      [id],
    )) as (Omit<SessionInfo, 'rule'> & { rate: string; grace: number })[];
    const row = rows[0];
    if (!row || !(await this.teaches(manager, viewer, id))) throw ProblemException.notFound();
    const { rate, grace, ...session } = row;
    return { ...session, rule: { minMinutesPresentRate: Number(rate), graceMinutes: Number(grace) } };
  }

  private async teaches(manager: EntityManager, viewer: Viewer, sessionId: string): Promise<boolean> {
    if (viewer.role === 'admin') return true;
    if (viewer.role !== 'instructor' || !viewer.instructorId) return false;
    const rows = (await manager.query(
      'SELECT 1 FROM session_instructors WHERE session_id = $1 AND instructor_id = $2',
      [sessionId, viewer.instructorId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The register's trainees (as the register lists them) with their e-mails and their accounts' e-mails. */
  private async register(manager: EntityManager, session: SessionInfo): Promise<RegisterTrainee[]> {
    return (await manager.query(
      `SELECT t.id AS "traineeId", t.full_name AS "fullName", t.full_name_latin AS "fullNameLatin", t.email,
              u.email AS "userEmail", e.status AS "enrolmentStatus"
         FROM enrolments e
         JOIN trainees t ON t.id = e.trainee_id
         LEFT JOIN users u ON u.id = t.user_id
        WHERE e.program_id = $1 AND e.status IN ('confirmed', 'completed', 'not-completed')
        ORDER BY coalesce(t.full_name_latin, t.full_name), t.id`,
      [session.programId],
    )) as RegisterTrainee[];
  }

  /** Marks may be written: the program runs, the session is not cancelled and its register is open. */
  private writable(session: SessionInfo, ctx: RequestContext): void {
    if (session.programStatus !== 'published') {
      throw ProblemException.conflict(ErrorCode.ProgramCompleted, { params: { status: session.programStatus } });
    }
    if (session.status === 'cancelled') throw ProblemException.conflict(ErrorCode.SessionCancelled);
    const opensAt = new Date(session.startsAt.getTime() - this.config.ATTENDANCE_OPENS_MINUTES_BEFORE * 60_000);
    if (Date.now() < opensAt.getTime()) {
      throw ProblemException.conflict(ErrorCode.SessionNotStarted, {
        params: { opensAt: formatZonedTime(opensAt, session.timezone, ctx.locale, { withDate: true }) },
        extensions: { opensAt: opensAt.toISOString() },
      });
    }
  }

  /** 404 unless the caller keeps the session's register: checked before the upload is read. */
  async assertKeepsRegister(sessionId: string, ctx: RequestContext): Promise<void> {
    await this.session(this.dataSource.manager, sessionId, signedIn(ctx));
  }

  async import(
    sessionId: string,
    file: Uint8Array,
    assignments: ImportAssignment[],
    dryRun: boolean,
    ctx: RequestContext,
  ): Promise<AttendanceImportResult> {
    const viewer = signedIn(ctx);
    const manager = this.dataSource.manager;
    const session = await this.session(manager, sessionId, viewer);
    if (!dryRun) this.writable(session, ctx);
    // The file is read in the pool's worker thread, outside any transaction.
    const table = await this.sheets.read(file, { maxRows: MEETING_REPORT_MAX_ROWS });
    let report;
    try {
      report = parseMeetingReport(table.lines, session.timezone);
    } catch (error) {
      if (error instanceof MeetingReportError) {
        throw new ProblemException(400, ErrorCode.ImportFileInvalid, {
          errors: [{ field: 'file', code: error.code, messageKey: error.messageKey, params: error.params }],
        });
      }
      throw error;
    }
    if (dryRun) {
      const result = this.result(
        report.format,
        report.rows,
        session,
        await this.register(manager, session),
        assignments,
      );
      return { ...result, dryRun: true };
    }
    const committed = await this.dataSource.transaction(async (tx) => {
      const locked = await this.session(tx, sessionId, viewer, true);
      this.writable(locked, ctx);
      const register = await this.register(tx, locked);
      const result = this.result(report.format, report.rows, locked, register, assignments);
      const confirmed = new Set(register.filter((t) => t.enrolmentStatus === 'confirmed').map((t) => t.traineeId));
      const marks = [
        ...result.matched.map((m) => ({ traineeId: m.traineeId, status: m.status as string })),
        ...result.missing.map((m) => ({ traineeId: m.traineeId, status: 'absent' })),
      ].filter((m) => confirmed.has(m.traineeId));
      if (marks.length) {
        // A mark that says `excused` is the instructor's word: a meeting report does not overwrite it.
        await tx.query(
          `INSERT INTO attendance (session_id, trainee_id, status, recorded_by, source)
           SELECT $1, m.trainee_id, m.status, $4, 'import' FROM unnest($2::uuid[], $3::text[]) AS m(trainee_id, status)
           ON CONFLICT (session_id, trainee_id) DO UPDATE
             SET status = EXCLUDED.status, recorded_by = EXCLUDED.recorded_by, source = EXCLUDED.source,
                 recorded_at = CASE WHEN attendance.status = EXCLUDED.status THEN attendance.recorded_at ELSE now() END
           WHERE attendance.status <> 'excused'`,
          [sessionId, marks.map((m) => m.traineeId), marks.map((m) => m.status), viewer.userId],
        );
      }
      // Counts and the platform only: a report's names and addresses stay out of the audit trail.
      await this.audit.record(tx, ctx, {
        action: 'attendance.import',
        entityType: 'session',
        entityId: sessionId,
        details: {
          format: report.format,
          rows: report.rows.length,
          matched: result.matched.length,
          unmatched: result.unmatched.length,
          ambiguous: result.ambiguous.length,
          missing: result.missing.length,
          present: result.matched.filter((m) => m.status === 'present').length,
          late: result.matched.filter((m) => m.status === 'late').length,
          absent: result.matched.filter((m) => m.status === 'absent').length + result.missing.length,
        },
      });
      return result;
    });
    return { ...committed, dryRun: false, sheet: await this.attendance.sheet(sessionId, ctx) };
  }

  /** Groups the report's rows into people, matches them to the register and applies the program's rule. */
  private result(
    format: AttendanceImportResult['format'],
    rows: ReportRow[],
    session: SessionInfo,
    register: RegisterTrainee[],
    assignments: ImportAssignment[],
  ): Omit<AttendanceImportResult, 'dryRun'> {
    const people = groupPeople(rows);
    const byRow = new Map(people.map((p) => [p.rows[0].row, p]));
    const onRegister = new Map(register.map((t) => [t.traineeId, t]));
    const problems: FieldProblem[] = [];
    const seen = new Map<number, number>();
    assignments.forEach((a, index) => {
      const earlier = seen.get(a.row);
      if (earlier !== undefined) {
        problems.push({
          field: `assignments[${index}].row`,
          code: 'DUPLICATE',
          messageKey: 'validation.duplicateOf',
          params: { index: earlier },
        });
      } else seen.set(a.row, index);
      if (!byRow.has(a.row)) {
        problems.push({
          field: `assignments[${index}].row`,
          code: 'UNKNOWN_ROW',
          messageKey: 'import.unknownReportRow',
        });
      }
      if (a.traineeId !== null && !onRegister.has(a.traineeId)) {
        problems.push({
          field: `assignments[${index}].traineeId`,
          code: 'NOT_ON_REGISTER',
          messageKey: 'import.notOnRegister',
        });
      }
    });
    if (problems.length) throw ProblemException.validation(problems);
    const assigned = new Map(assignments.map((a) => [a.row, a.traineeId]));

    const describe = (rowsOf: ReportRow[]): ImportedPerson => {
      const stays: Stay[] = rowsOf.map((r) => ({ join: r.join, leave: r.leave }));
      const minutes = minutesInside(stays, session);
      const joinedAt = firstJoin(stays);
      const email = rowsOf.find((r) => r.email)?.email;
      const sorted = [...rowsOf].sort((a, b) => a.join.getTime() - b.join.getTime() || a.row - b.row);
      return {
        row: sorted[0].row,
        rows: rowsOf.map((r) => r.row).sort((a, b) => a - b),
        name: sorted[0].name,
        ...(email ? { email } : {}),
        minutes,
        firstJoinAt: joinedAt.toISOString(),
        status: importedStatus(minutes, joinedAt, session, session.rule),
      };
    };

    const perTrainee = new Map<string, { rows: ReportRow[]; by: ImportMatchKind }>();
    const unmatched: ImportedPerson[] = [];
    const ambiguous: ImportedAmbiguity[] = [];
    for (const person of people) {
      const row = person.rows[0].row;
      let traineeId: string | null | undefined = assigned.get(row);
      let by: ImportMatchKind = 'assigned';
      if (traineeId === null) {
        unmatched.push(describe(person.rows));
        continue;
      }
      if (traineeId === undefined) {
        const outcome = matchPerson(
          { name: person.rows[0].name, email: person.rows.find((r) => r.email)?.email },
          register,
        );
        if (outcome.kind === 'none') {
          unmatched.push(describe(person.rows));
          continue;
        }
        if (outcome.kind === 'ambiguous') {
          ambiguous.push({
            ...describe(person.rows),
            candidates: outcome.candidates.map((c) => ({ traineeId: c.traineeId, fullName: c.fullName })),
          });
          continue;
        }
        traineeId = outcome.trainee.traineeId;
        by = outcome.kind;
      }
      const entry = perTrainee.get(traineeId);
      // Two people of the report found to be one trainee (a phone and a laptop): their minutes merge.
      if (entry) entry.rows.push(...person.rows);
      else perTrainee.set(traineeId, { rows: [...person.rows], by });
    }
    const matched: ImportedMatch[] = [...perTrainee].map(([traineeId, { rows: rowsOf, by }]) => ({
      ...describe(rowsOf),
      traineeId,
      fullName: onRegister.get(traineeId)?.fullName ?? '',
      matchedBy: by,
    }));
    matched.sort((a, b) => a.row - b.row);
    const missing = register
      .filter((t) => !perTrainee.has(t.traineeId))
      .map((t) => ({ traineeId: t.traineeId, fullName: t.fullName }));
    return { format, rows: rows.length, matched, unmatched, ambiguous, missing };
  }
}

/** A report's rows grouped by person: the same e-mail (case-insensitive), else the same name (normalised). */
export function groupPeople(rows: readonly ReportRow[]): Person[] {
  const groups = new Map<string, Person>();
  for (const row of rows) {
    const key = row.email ? `e:${row.email.toLowerCase()}` : `n:${nameKey(row.name)}`;
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { rows: [row] });
  }
  // A person is named by the row of their first join.
  const people = [...groups.values()];
  for (const person of people) person.rows.sort((a, b) => a.join.getTime() - b.join.getTime() || a.row - b.row);
  return people;
}
