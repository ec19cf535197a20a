import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  formatZonedTime,
  type Assessment,
  type AttendanceChangedProblem,
  type AttendanceLine,
  type AttendanceSheet,
  type AttendanceSource,
  type AttendanceStatus,
  type BulkAssessmentResult,
} from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { signedIn, type RequestContext, type Viewer } from '../../common/auth/viewer';
import { FieldProblem, ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config';
import { AuditService } from '../audit/audit.service';
import { Enrolment } from '../enrolments/enrolment.entity';
import {
  AssessmentItemDto,
  AssessmentRequestDto,
  AttendanceMarkDto,
  AttendanceMarkPatchDto,
} from './dto/attendance.dto';

/**
 * An `If-Match` precondition as the controller parsed it: `'*'` (any register), or the entity tags the client
 * holds (their opaque values, quotes removed; weak tags never match, RFC 9110 §13.1.1 uses strong comparison).
 */
export type RegisterPrecondition = '*' | { strong: readonly string[] };

/** Whether a register at `version` satisfies the precondition (none given: always). */
export function preconditionHolds(precondition: RegisterPrecondition | undefined, version: string): boolean {
  if (precondition === undefined || precondition === '*') return true;
  return precondition.strong.includes(version);
}

interface SessionRef {
  id: string;
  programId: string;
  programStatus: string;
  status: string;
  startsAt: Date;
  timezone: string;
}

/** Who may keep a session's register: admins, and the instructors of that session. */
async function teaches(manager: EntityManager, viewer: Viewer, sessionId: string): Promise<boolean> {
  if (viewer.role === 'admin') return true;
  if (viewer.role !== 'instructor' || !viewer.instructorId) return false;
  const rows = (await manager.query('SELECT 1 FROM session_instructors WHERE session_id = $1 AND instructor_id = $2', [
    sessionId,
    viewer.instructorId,
  ])) as unknown[];
  return rows.length > 0;
}

/**
 * A register's version (its ETag): a digest of who is on it with which mark, so any change of a mark — and a
 * trainee joining or leaving the register — gives another version, and the same register always the same one.
 */
export function registerVersion(lines: readonly { traineeId: string; status: AttendanceStatus | null }[]): string {
  const marks = lines.map((l) => `${l.traineeId}:${l.status ?? '-'}`).sort();
  return createHash('sha256').update(marks.join('\n')).digest('base64url').slice(0, 22);
}

/** 412 ATTENDANCE_CHANGED: nothing was written; the problem carries the register (`sheet`) or the line (`current`). */
function registerChanged(extensions: AttendanceChangedProblem): ProblemException {
  return new ProblemException(412, ErrorCode.AttendanceChanged, { extensions: { ...extensions } });
}

@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** From when a session's marks may be written: ATTENDANCE_OPENS_MINUTES_BEFORE its start. */
  private opensAt(session: SessionRef): Date {
    return new Date(session.startsAt.getTime() - this.config.ATTENDANCE_OPENS_MINUTES_BEFORE * 60_000);
  }

  /** The session if the caller keeps its register, else 404 (an instructor of another session does not see it). */
  private async session(manager: EntityManager, id: string, viewer: Viewer, lock = false): Promise<SessionRef> {
    const rows = (await manager.query(
      `SELECT s.id, s.program_id AS "programId", p.status AS "programStatus", s.status,
              s.starts_at AS "startsAt", p.timezone
         FROM sessions s JOIN programs p ON p.id = s.program_id WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`,
      [id],
    )) as SessionRef[];
    if (!rows[0] || !(await teaches(manager, viewer, id))) throw ProblemException.notFound();
    return rows[0];
  }

  private async lines(manager: EntityManager, session: SessionRef): Promise<AttendanceSheet> {
    const rows = (await manager.query(
      `SELECT e.id AS "enrolmentId", t.id AS "traineeId", t.full_name AS "fullName", t.full_name_latin AS "fullNameLatin",
              t.nationality, i.code AS "institutionCode", a.status, a.recorded_at AS "recordedAt", a.source
         FROM enrolments e
         JOIN trainees t ON t.id = e.trainee_id
         LEFT JOIN institutions i ON i.id = t.institution_id
         LEFT JOIN attendance a ON a.session_id = $1 AND a.trainee_id = e.trainee_id
        WHERE e.program_id = $2 AND e.status IN ('confirmed', 'completed', 'not-completed')
        ORDER BY coalesce(t.full_name_latin, t.full_name), t.id`,
      [session.id, session.programId],
    )) as (Omit<AttendanceLine, 'recordedAt' | 'source'> & {
      recordedAt: Date | null;
      source: AttendanceSource | null;
      fullNameLatin: string | null;
      institutionCode: string | null;
    })[];
    const updated = rows.reduce<Date | null>(
      (latest, r) => (r.recordedAt && (!latest || r.recordedAt > latest) ? r.recordedAt : latest),
      null,
    );
    return {
      sessionId: session.id,
      programId: session.programId,
      ...(updated ? { updatedAt: updated.toISOString() } : {}),
      opensAt: this.opensAt(session).toISOString(),
      version: registerVersion(rows),
      lines: rows.map((r) => ({
        traineeId: r.traineeId,
        enrolmentId: r.enrolmentId,
        fullName: r.fullName,
        ...(r.fullNameLatin ? { fullNameLatin: r.fullNameLatin } : {}),
        nationality: r.nationality,
        ...(r.institutionCode ? { institutionCode: r.institutionCode } : {}),
        status: r.status ?? null,
        ...(r.recordedAt ? { recordedAt: r.recordedAt.toISOString() } : {}),
        ...(r.source ? { source: r.source } : {}),
      })),
    };
  }

  async sheet(sessionId: string, ctx: RequestContext): Promise<AttendanceSheet> {
    const manager = this.dataSource.manager;
    return this.lines(manager, await this.session(manager, sessionId, signedIn(ctx)));
  }

  /**
   * Locks the session (FOR UPDATE) for a write of its register, after the checks every write shares: the
   * caller keeps it (else 404), its program is running, it is not cancelled, and its register is open.
   */
  private async writableSession(manager: EntityManager, sessionId: string, ctx: RequestContext): Promise<SessionRef> {
    const session = await this.session(manager, sessionId, signedIn(ctx), true);
    if (session.programStatus !== 'published') {
      throw ProblemException.conflict(ErrorCode.ProgramCompleted, { params: { status: session.programStatus } });
    }
    // A cancelled session has no register: it is left out of attendance rates.
    if (session.status === 'cancelled') throw ProblemException.conflict(ErrorCode.SessionCancelled);
    // Marks for a session weeks ahead are guesses, not a register: it opens shortly before the start.
    const opensAt = this.opensAt(session);
    if (Date.now() < opensAt.getTime()) {
      throw ProblemException.conflict(ErrorCode.SessionNotStarted, {
        params: { opensAt: formatZonedTime(opensAt, session.timezone, ctx.locale, { withDate: true }) },
        extensions: { opensAt: opensAt.toISOString() },
      });
    }
    return session;
  }

  /**
   * Sets (or, with `status: null`, clears) one trainee's mark — the register's other marks are not touched, so
   * two instructors' changes merge per trainee. `previous` given and not the stored mark → 412 with the
   * trainee's line as it is now (`current`); `precondition` (If-Match) is checked against the whole register.
   */
  async patch(
    sessionId: string,
    traineeId: string,
    dto: AttendanceMarkPatchDto,
    ctx: RequestContext,
    precondition?: RegisterPrecondition,
  ): Promise<{ line: AttendanceLine; version: string }> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      const session = await this.writableSession(manager, sessionId, ctx);
      const before = await this.lines(manager, session);
      const line = before.lines.find((l) => l.traineeId === traineeId);
      // Not on this register (another program's trainee, an application, a withdrawal): as for any other record.
      if (!line) throw ProblemException.notFound();
      if (!preconditionHolds(precondition, before.version)) throw registerChanged({ current: line });
      const [enrolment] = (await manager.query(
        `SELECT status FROM enrolments WHERE program_id = $1 AND trainee_id = $2 AND status = 'confirmed'`,
        [session.programId, traineeId],
      )) as { status: string }[];
      if (!enrolment)
        throw ProblemException.invalidField('traineeId', ErrorCode.NotConfirmed, 'validation.notConfirmed');
      if (dto.previous !== undefined && dto.previous !== line.status) throw registerChanged({ current: line });

      if (dto.status === null) {
        await manager.query('DELETE FROM attendance WHERE session_id = $1 AND trainee_id = $2', [sessionId, traineeId]);
      } else {
        await manager.query(
          `INSERT INTO attendance (session_id, trainee_id, status, recorded_by, source)
           VALUES ($1, $2, $3, $4, 'register')
           ON CONFLICT (session_id, trainee_id) DO UPDATE
             SET status = EXCLUDED.status, recorded_by = EXCLUDED.recorded_by, source = EXCLUDED.source,
                 recorded_at = CASE WHEN attendance.status = EXCLUDED.status THEN attendance.recorded_at ELSE now() END`,
          [sessionId, traineeId, dto.status, viewer.userId],
        );
      }
      await this.audit.record(manager, ctx, {
        action: 'attendance.patch',
        entityType: 'session',
        entityId: sessionId,
        details: { traineeId, from: line.status, to: dto.status },
      });
      const after = await this.lines(manager, session);
      const saved = after.lines.find((l) => l.traineeId === traineeId);
      if (!saved) throw ProblemException.notFound();
      return { line: saved, version: after.version };
    });
  }

  /**
   * Replaces the session's register with these marks (trainees left out have
   * none). Only confirmed trainees of the program may be marked, a
   * completed program's registers are closed, and a session's register opens
   * ATTENDANCE_OPENS_MINUTES_BEFORE its start.
   */
  async put(
    sessionId: string,
    marks: AttendanceMarkDto[],
    ctx: RequestContext,
    precondition?: RegisterPrecondition,
  ): Promise<AttendanceSheet> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      // The session row's lock orders concurrent writes of its register: the version below is read after any
      // earlier writer committed, so two saves over the same version cannot both pass (one gets 412).
      const session = await this.writableSession(manager, sessionId, ctx);
      if (precondition !== undefined) {
        const now = await this.lines(manager, session);
        if (!preconditionHolds(precondition, now.version)) throw registerChanged({ sheet: now });
      }
      const seen = new Map<string, number>();
      const problems: { field: string; code: string; messageKey: string; params?: Record<string, string | number> }[] =
        [];
      marks.forEach((mark, index) => {
        const first = seen.get(mark.traineeId);
        if (first !== undefined) {
          problems.push({
            field: `[${index}].traineeId`,
            code: 'DUPLICATE',
            messageKey: 'validation.duplicateOf',
            params: { index: first },
          });
        } else seen.set(mark.traineeId, index);
      });
      const confirmed = new Set(
        (
          (await manager.query(
            `SELECT trainee_id FROM enrolments WHERE program_id = $1 AND status = 'confirmed' AND trainee_id = ANY($2::uuid[])`,
            [session.programId, [...seen.keys()]],
          )) as { trainee_id: string }[]
        ).map((r) => r.trainee_id),
      );
      marks.forEach((mark, index) => {
        if (!confirmed.has(mark.traineeId) && seen.get(mark.traineeId) === index) {
          problems.push({
            field: `[${index}].traineeId`,
            code: ErrorCode.NotConfirmed,
            messageKey: 'validation.notConfirmed',
          });
        }
      });
      if (problems.length) throw ProblemException.validation(problems);

      await manager.query('DELETE FROM attendance WHERE session_id = $1 AND NOT (trainee_id = ANY($2::uuid[]))', [
        sessionId,
        [...seen.keys()],
      ]);
      if (marks.length) {
        await manager.query(
          `INSERT INTO attendance (session_id, trainee_id, status, recorded_by)
           SELECT $1, m.trainee_id, m.status, $4 FROM unnest($2::uuid[], $3::text[]) AS m(trainee_id, status)
           ON CONFLICT (session_id, trainee_id) DO UPDATE
             SET status = EXCLUDED.status, recorded_by = EXCLUDED.recorded_by,
                 source = CASE WHEN attendance.status = EXCLUDED.status THEN attendance.source ELSE 'register' END,
                 recorded_at = CASE WHEN attendance.status = EXCLUDED.status THEN attendance.recorded_at ELSE now() END`,
          [sessionId, marks.map((m) => m.traineeId), marks.map((m) => m.status), viewer.userId],
        );
      }
      await this.audit.record(manager, ctx, {
        action: 'attendance.put',
        entityType: 'session',
        entityId: sessionId,
        details: {
          marks: marks.length,
          present: marks.filter((m) => m.status === 'present').length,
          late: marks.filter((m) => m.status === 'late').length,
          absent: marks.filter((m) => m.status === 'absent').length,
          excused: marks.filter((m) => m.status === 'excused').length,
        },
      });
      return this.lines(manager, session);
    });
  }

  /** Whether the caller may score the program's trainees: admins, and instructors of one of its sessions. */
  private async assessesProgram(manager: EntityManager, viewer: Viewer, programId: string): Promise<boolean> {
    if (viewer.role === 'admin') return true;
    if (viewer.role !== 'instructor' || !viewer.instructorId) return false;
    const rows = (await manager.query(
      `SELECT 1 FROM sessions s JOIN session_instructors si ON si.session_id = s.id
        WHERE s.program_id = $1 AND si.instructor_id = $2 LIMIT 1`,
      [programId, viewer.instructorId],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * Records the scores of several enrolments of one program in one
   * transaction: every row is checked first (each problem names its row,
   * `assessments[i].field`), and nothing is written unless all are good.
   */
  async assessMany(programId: string, items: AssessmentItemDto[], ctx: RequestContext): Promise<BulkAssessmentResult> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      const [program] = (await manager.query('SELECT id, status FROM programs WHERE id = $1 FOR SHARE', [
        programId,
      ])) as { id: string; status: string }[];
      if (!program || !(await this.assessesProgram(manager, viewer, programId))) throw ProblemException.notFound();
      if (program.status !== 'published') {
        throw ProblemException.conflict(ErrorCode.ProgramCompleted, { params: { status: program.status } });
      }
      const ids = items.map((item) => item.enrolmentId);
      const statuses = new Map(
        (
          (await manager.query(
            `SELECT id, status FROM enrolments WHERE program_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
            [programId, ids],
          )) as { id: string; status: string }[]
        ).map((row) => [row.id, row.status]),
      );
      const problems: FieldProblem[] = [];
      const seen = new Map<string, number>();
      items.forEach((item, index) => {
        const field = `assessments[${index}].enrolmentId`;
        const first = seen.get(item.enrolmentId);
        if (first !== undefined) {
          problems.push({ field, code: 'DUPLICATE', messageKey: 'validation.duplicateOf', params: { index: first } });
          return;
        }
        seen.set(item.enrolmentId, index);
        const status = statuses.get(item.enrolmentId);
        if (status === undefined) {
          problems.push({ field, code: 'UNKNOWN_ENROLMENT', messageKey: 'validation.unknownEnrolment' });
        } else if (status !== 'confirmed') {
          problems.push({ field, code: ErrorCode.NotConfirmed, messageKey: 'validation.notConfirmed' });
        }
      });
      if (problems.length) throw ProblemException.validation(problems);

      const assessedAt = new Date();
      await manager.query(
        `UPDATE enrolments e SET score = v.score, remarks = v.remarks, assessed_at = $4, assessed_by = $5, updated_at = now()
           FROM unnest($1::uuid[], $2::numeric[], $3::text[]) AS v(id, score, remarks)
          WHERE e.id = v.id`,
        [ids, items.map((item) => item.score), items.map((item) => item.remarks || null), assessedAt, viewer.userId],
      );
      // One statement for all the rows' audit events, not one round trip each (up to 1000 rows).
      await this.audit.recordMany(
        manager,
        ctx,
        items.map((item) => ({
          action: 'enrolment.assess',
          entityType: 'enrolment',
          entityId: item.enrolmentId,
          details: { score: item.score },
        })),
      );
      return {
        assessments: items.map((item) => ({
          enrolmentId: item.enrolmentId,
          score: item.score,
          ...(item.remarks ? { remarks: item.remarks } : {}),
          assessedAt: assessedAt.toISOString(),
          assessedBy: viewer.userId,
        })),
      };
    });
  }

  /** Records an assessment score (instructors of the program, admins) for a confirmed enrolment. */
  async assess(enrolmentId: string, dto: AssessmentRequestDto, ctx: RequestContext): Promise<Assessment> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      const enrolment = await manager.findOne(Enrolment, {
        where: { id: enrolmentId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!enrolment) throw ProblemException.notFound();
      if (viewer.role !== 'admin') {
        const rows = (await manager.query(
          `SELECT 1 FROM sessions s JOIN session_instructors si ON si.session_id = s.id
            WHERE s.program_id = $1 AND si.instructor_id = $2 LIMIT 1`,
          [enrolment.programId, viewer.instructorId],
        )) as unknown[];
        if (rows.length === 0) throw ProblemException.notFound();
      }
      if (enrolment.status !== 'confirmed') {
        throw ProblemException.conflict(ErrorCode.NotConfirmed, { params: { status: enrolment.status } });
      }
      enrolment.score = dto.score;
      enrolment.remarks = dto.remarks ?? null;
      enrolment.assessedAt = new Date();
      enrolment.assessedBy = viewer.userId;
      await manager.save(enrolment);
      await this.audit.record(manager, ctx, {
        action: 'enrolment.assess',
        entityType: 'enrolment',
        entityId: enrolmentId,
        details: { score: dto.score },
      });
      return {
        enrolmentId,
        score: dto.score,
        ...(enrolment.remarks ? { remarks: enrolment.remarks } : {}),
        assessedAt: enrolment.assessedAt.toISOString(),
        assessedBy: viewer.userId,
      };
    });
  }
}
