import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CHECK_IN_OPENS_MINUTES_BEFORE,
  ErrorCode,
  formatZonedTime,
  type AttendanceStatus,
  type CheckInCode,
  type CheckInEntry,
  type CheckInResult,
  type CheckInState,
  type CheckInWindow,
  type LocalizedText,
} from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { signedIn, type RequestContext, type Viewer } from '../../../common/auth/viewer';
import { ProblemException } from '../../../common/problem/problem.exception';
import { AppConfig } from '../../../config';
import { AuditService } from '../../audit/audit.service';
import { RateLimiter } from '../../certificates/rate-limiter';
import { checkInCode, checkInCodeMatches, checkInPeriod, checkInPeriodEnd } from './check-in-code';

/** Check-in attempts (right or wrong) one trainee may make a minute: enough for a typo or two, not for guessing. */
export const CHECK_IN_ATTEMPTS_PER_MINUTE = 10;

interface SessionRow {
  id: string;
  programId: string;
  programStatus: string;
  status: string;
  title: LocalizedText;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  graceMinutes: number;
}

interface WindowRow {
  openedAt: Date;
  closesAt: Date;
  secret: Buffer;
}

const SESSION_SQL = `SELECT s.id, s.program_id AS "programId", p.status AS "programStatus", s.status, s.title,
        s.starts_at AS "startsAt", s.ends_at AS "endsAt", p.timezone, p.grace_minutes AS "graceMinutes"
   FROM sessions s JOIN programs p ON p.id = s.program_id WHERE s.id = $1`;

/**
 * QR check-in in the room: the session's instructors (and admins) open a window and show a code that changes
 * every CHECK_IN_CODE_PERIOD_SECONDS; a confirmed trainee of the program sends it and is marked present (late
 * after the program's grace minutes).
 */
@Injectable()
export class CheckInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  /** Admins, and the instructors of the session: those who keep its register. */
  private async teaches(manager: EntityManager, viewer: Viewer, sessionId: string): Promise<boolean> {
    if (viewer.role === 'admin') return true;
    if (viewer.role !== 'instructor' || !viewer.instructorId) return false;
    const rows = (await manager.query(
      'SELECT 1 FROM session_instructors WHERE session_id = $1 AND instructor_id = $2',
      [sessionId, viewer.instructorId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The session if the caller keeps its register, else 404 (an instructor of another session does not see it). */
  private async taughtSession(manager: EntityManager, id: string, viewer: Viewer, lock = false): Promise<SessionRow> {
    const [row] = (await manager.query(`${SESSION_SQL} ${lock ? 'FOR UPDATE OF s' : ''}`, [id])) as SessionRow[];
    if (!row || !(await this.teaches(manager, viewer, id))) throw ProblemException.notFound();
    return row;
  }

  private async window(manager: EntityManager, sessionId: string): Promise<WindowRow | undefined> {
    const [row] = (await manager.query(
      'SELECT opened_at AS "openedAt", closes_at AS "closesAt", secret FROM check_in_windows WHERE session_id = $1',
      [sessionId],
    )) as WindowRow[];
    return row;
  }

  /** Whether codes are accepted at `now`: a window open, the session still on and not over, its program running. */
  private isOpen(session: SessionRow, window: WindowRow | undefined, now: number): window is WindowRow {
    return (
      !!window &&
      window.closesAt.getTime() > now &&
      session.endsAt.getTime() > now &&
      session.status !== 'cancelled' &&
      session.programStatus === 'published'
    );
  }

  async open(sessionId: string, minutes: number, ctx: RequestContext): Promise<CheckInWindow> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      const session = await this.taughtSession(manager, sessionId, viewer, true);
      if (session.programStatus !== 'published') {
        throw ProblemException.conflict(ErrorCode.ProgramCompleted, { params: { status: session.programStatus } });
      }
      if (session.status === 'cancelled') throw ProblemException.conflict(ErrorCode.SessionCancelled);
      const now = Date.now();
      if (now >= session.endsAt.getTime()) {
        throw ProblemException.conflict(ErrorCode.SessionEnded, {
          params: { endsAt: formatZonedTime(session.endsAt, session.timezone, ctx.locale, { withDate: true }) },
          extensions: { endsAt: session.endsAt.toISOString() },
        });
      }
      const opensAt = new Date(session.startsAt.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * 60_000);
      if (now < opensAt.getTime()) {
        throw ProblemException.conflict(ErrorCode.CheckInTooEarly, {
          params: { opensAt: formatZonedTime(opensAt, session.timezone, ctx.locale, { withDate: true }) },
          extensions: { opensAt: opensAt.toISOString() },
        });
      }
      const openedAt = new Date(now);
      const closesAt = new Date(Math.min(now + minutes * 60_000, session.endsAt.getTime()));
      await manager.query(
        `INSERT INTO check_in_windows (session_id, opened_at, closes_at, opened_by, secret) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (session_id) DO UPDATE
           SET opened_at = EXCLUDED.opened_at, closes_at = EXCLUDED.closes_at, opened_by = EXCLUDED.opened_by,
               secret = EXCLUDED.secret`,
        [sessionId, openedAt, closesAt, viewer.userId, randomBytes(32)],
      );
      await this.audit.record(manager, ctx, {
        action: 'check-in.open',
        entityType: 'session',
        entityId: sessionId,
        details: { minutes, closesAt: closesAt.toISOString() },
      });
      return { sessionId, openedAt: openedAt.toISOString(), closesAt: closesAt.toISOString() };
    });
  }

  async close(sessionId: string, ctx: RequestContext): Promise<void> {
    const viewer = signedIn(ctx);
    await this.dataSource.transaction(async (manager) => {
      await this.taughtSession(manager, sessionId, viewer, true);
      const now = new Date();
      // Never before the opening (the table's check): a window opened this very millisecond closes 1 ms later.
      const closed = (await manager.query(
        `UPDATE check_in_windows SET closes_at = GREATEST($2::timestamptz, opened_at + interval '1 millisecond')
          WHERE session_id = $1 AND closes_at > $2 RETURNING session_id`,
        [sessionId, now],
      )) as [unknown[], number];
      await this.audit.record(manager, ctx, {
        action: 'check-in.close',
        entityType: 'session',
        entityId: sessionId,
        details: { wasOpen: closed[1] > 0 },
      });
    });
  }

  async code(sessionId: string, ctx: RequestContext): Promise<CheckInCode> {
    const manager = this.dataSource.manager;
    const session = await this.taughtSession(manager, sessionId, signedIn(ctx));
    const window = await this.window(manager, sessionId);
    const now = Date.now();
    if (!this.isOpen(session, window, now)) throw new ProblemException(400, ErrorCode.CheckInClosed);
    const period = checkInPeriod(now);
    const code = checkInCode(window.secret, sessionId, period);
    return {
      code,
      expiresAt: checkInPeriodEnd(period).toISOString(),
      url: `${this.config.publicUrl}/check-in/${sessionId}?code=${code}`,
    };
  }

  /** The window and who checked in, newest first — one query, for a screen that asks every few seconds. */
  async state(sessionId: string, ctx: RequestContext): Promise<CheckInState> {
    const viewer = signedIn(ctx);
    if (viewer.role !== 'admin' && (viewer.role !== 'instructor' || !viewer.instructorId)) {
      throw ProblemException.notFound();
    }
    const [row] = (await this.dataSource.query(
      `SELECT s.id, s.status, s.ends_at AS "endsAt", p.status AS "programStatus",
              w.opened_at AS "openedAt", w.closes_at AS "closesAt",
              (SELECT count(*)::int FROM enrolments e WHERE e.program_id = s.program_id AND e.status = 'confirmed') AS expected,
              coalesce((SELECT json_agg(json_build_object(
                         'traineeId', c.trainee_id, 'fullName', t.full_name, 'fullNameLatin', t.full_name_latin,
                         'status', c.status, 'checkedInAt', c.checked_in_at) ORDER BY c.checked_in_at DESC, c.trainee_id)
                          FROM check_ins c JOIN trainees t ON t.id = c.trainee_id WHERE c.session_id = s.id), '[]') AS "checkIns"
         FROM sessions s
         JOIN programs p ON p.id = s.program_id
         LEFT JOIN check_in_windows w ON w.session_id = s.id
        WHERE s.id = $1
          AND ($2::boolean OR EXISTS (SELECT 1 FROM session_instructors si WHERE si.session_id = s.id AND si.instructor_id = $3))`,
      [sessionId, viewer.role === 'admin', viewer.instructorId],
    )) as {
      status: string;
      endsAt: Date;
      programStatus: string;
      openedAt: Date | null;
      closesAt: Date | null;
      expected: number;
      checkIns: (Omit<CheckInEntry, 'fullNameLatin'> & { fullNameLatin: string | null })[];
    }[];
    if (!row) throw ProblemException.notFound();
    const now = Date.now();
    const open =
      !!row.closesAt &&
      row.closesAt.getTime() > now &&
      row.endsAt.getTime() > now &&
      row.status !== 'cancelled' &&
      row.programStatus === 'published';
    return {
      sessionId,
      open,
      ...(row.openedAt ? { openedAt: row.openedAt.toISOString() } : {}),
      ...(row.closesAt ? { closesAt: row.closesAt.toISOString() } : {}),
      expected: row.expected,
      checkIns: row.checkIns.map((c) => ({
        traineeId: c.traineeId,
        fullName: c.fullName,
        ...(c.fullNameLatin ? { fullNameLatin: c.fullNameLatin } : {}),
        status: c.status,
        checkedInAt: new Date(c.checkedInAt).toISOString(),
      })),
    };
  }

  /**
   * A trainee's check-in with the code shown in the room. Only a trainee with a confirmed enrolment in the
   * session's program: no enrolment at all → 404 (the session is not theirs), an enrolment not confirmed → 403
   * NOT_CONFIRMED. Writes the check-in and the register's mark (source `check-in`) together; an instructor's
   * present, late or excused mark is kept (the answer's `keptMark`), an absent mark or none becomes the check-in's.
   */
  async checkIn(sessionId: string, code: string, ctx: RequestContext): Promise<CheckInResult> {
    const viewer = signedIn(ctx);
    if (viewer.role !== 'trainee' || !viewer.traineeId) throw ProblemException.notFound();
    const traineeId = viewer.traineeId;
    // Every attempt counts, right or wrong: a code of 40 bits cannot be guessed at this pace.
    this.limiter.hit(`check-in:${traineeId}`, CHECK_IN_ATTEMPTS_PER_MINUTE);
    return this.dataSource.transaction(async (manager) => {
      const [session] = (await manager.query(`${SESSION_SQL} FOR SHARE OF s`, [sessionId])) as SessionRow[];
      if (!session) throw ProblemException.notFound();
      const [enrolment] = (await manager.query(
        'SELECT status FROM enrolments WHERE program_id = $1 AND trainee_id = $2',
        [session.programId, traineeId],
      )) as { status: string }[];
      if (!enrolment) throw ProblemException.notFound();
      if (enrolment.status !== 'confirmed') {
        throw new ProblemException(403, ErrorCode.NotConfirmed, { params: { status: enrolment.status } });
      }
      const window = await this.window(manager, sessionId);
      const now = Date.now();
      if (!this.isOpen(session, window, now)) throw new ProblemException(400, ErrorCode.CheckInClosed);
      if (!checkInCodeMatches(window.secret, sessionId, code, now)) {
        throw new ProblemException(400, ErrorCode.CheckInCodeInvalid);
      }
      const checkedInAt = new Date(now);
      const status: 'present' | 'late' =
        now <= session.startsAt.getTime() + session.graceMinutes * 60_000 ? 'present' : 'late';
      const inserted = (await manager.query(
        `INSERT INTO check_ins (session_id, trainee_id, status, checked_in_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (session_id, trainee_id) DO NOTHING RETURNING trainee_id`,
        [sessionId, traineeId, status, checkedInAt],
      )) as unknown[];
      if (inserted.length === 0) throw ProblemException.conflict(ErrorCode.AlreadyCheckedIn);
      // The instructor's word stands: present, late or excused are kept; an absent mark (or none) gives way.
      const [mark] = (await manager.query(
        `INSERT INTO attendance (session_id, trainee_id, status, recorded_by, source, recorded_at)
         VALUES ($1, $2, $3, $4, 'check-in', $5)
         ON CONFLICT (session_id, trainee_id) DO UPDATE
           SET status = EXCLUDED.status, recorded_by = EXCLUDED.recorded_by, source = EXCLUDED.source,
               recorded_at = EXCLUDED.recorded_at
           WHERE attendance.status = 'absent'
         RETURNING status`,
        [sessionId, traineeId, status, viewer.userId, checkedInAt],
      )) as { status: AttendanceStatus }[];
      let keptMark: AttendanceStatus | undefined;
      if (!mark) {
        const [kept] = (await manager.query('SELECT status FROM attendance WHERE session_id = $1 AND trainee_id = $2', [
          sessionId,
          traineeId,
        ])) as { status: AttendanceStatus }[];
        keptMark = kept?.status;
      }
      await this.audit.record(manager, ctx, {
        action: 'check-in.record',
        entityType: 'session',
        entityId: sessionId,
        details: { traineeId, status, ...(keptMark ? { keptMark } : {}) },
      });
      return {
        sessionId,
        status,
        checkedInAt: checkedInAt.toISOString(),
        ...(keptMark ? { keptMark } : {}),
        sessionTitle: session.title,
        startsAt: session.startsAt.toISOString(),
        endsAt: session.endsAt.toISOString(),
        timezone: session.timezone,
      };
    });
  }
}
