import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  formatZonedTime,
  resolveLocalizedText,
  type Session as SessionView,
  type SessionClash,
} from '@skillbridge/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { signedIn, type RequestContext, type Viewer } from '../../common/auth/viewer';
import { FieldProblem, ProblemException } from '../../common/problem/problem.exception';
import { AuditService } from '../audit/audit.service';
import { Instructor } from '../instructors/instructor.entity';
import { Notifier } from '../notifications/notifier';
import { meetingUrlSql } from '../programs/meeting-link.scope';
import { Program } from '../programs/program.entity';
import { programSpan, ProgramsService } from '../programs/programs.service';
import { CancelSessionDto } from './dto/cancel-session.dto';
import { CreateSessionDto } from './dto/create-session.dto';
import { UpdateSessionDto } from './dto/update-session.dto';
import { SessionInstructor } from './session-instructor.entity';
import { Session } from './session.entity';

const EXCLUSION_VIOLATION = '23P01';

/** A session row with its instructors and the program it belongs to. */
export interface SessionRow {
  id: string;
  program_id: string;
  title: SessionView['title'];
  type: SessionView['type'];
  starts_at: Date;
  ends_at: Date;
  venue: string | null;
  meeting_url: string | null;
  sequence: number;
  updated_at: Date;
  status: SessionView['status'];
  cancelled_reason: string | null;
  program_code: string;
  program_title: SessionView['title'];
  program_timezone: string;
  instructors: { id: string; fullName: string }[];
}

/**
 * Sessions with their instructors and program, in one query (no N+1). `where` filters `s`; `meetingUrl` is the
 * expression of the link column (meetingUrlSql: the link only for those who may have it).
 */
export const SESSION_ROWS_SQL = (where: string, meetingUrl: string) => `
  SELECT s.id, s.program_id, s.title, s.type, s.starts_at, s.ends_at, s.venue, ${meetingUrl} AS meeting_url,
         s.sequence, s.updated_at, s.status, s.cancelled_reason,
         p.code AS program_code, p.title AS program_title, p.timezone AS program_timezone,
         coalesce(json_agg(json_strip_nulls(json_build_object('id', i.id, 'fullName', i.full_name,
                                                            'fullNameLatin', i.full_name_latin)) ORDER BY i.full_name)
                  FILTER (WHERE i.id IS NOT NULL), '[]') AS instructors
    FROM sessions s
    JOIN programs p ON p.id = s.program_id
    LEFT JOIN session_instructors si ON si.session_id = s.id
    LEFT JOIN instructors i ON i.id = si.instructor_id
   WHERE ${where}
   GROUP BY s.id, p.id
   ORDER BY s.starts_at, s.id`;

export function toSessionView(row: SessionRow): SessionView {
  return {
    id: row.id,
    programId: row.program_id,
    title: row.title,
    type: row.type,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    instructorIds: row.instructors.map((i) => i.id),
    instructors: row.instructors,
    ...(row.venue ? { venue: row.venue } : {}),
    ...(row.meeting_url ? { meetingUrl: row.meeting_url } : {}),
    status: row.status,
    ...(row.cancelled_reason ? { cancelledReason: row.cancelled_reason } : {}),
  };
}

/** How long a deleted session's cancelled event stays in calendars (and at least until its time has passed). */
export const SESSION_TOMBSTONE_DAYS = 90;

function isExclusionViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } })?.driverError?.code === EXCLUSION_VIOLATION;
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
  ) {}

  async listForProgram(programId: string, ctx: RequestContext): Promise<SessionView[]> {
    const viewer = signedIn(ctx);
    await this.programs.findVisible(programId, viewer);
    return this.rows(this.dataSource.manager, viewer, 's.program_id = $1', [programId]);
  }

  async rows(manager: EntityManager, viewer: Viewer | null, where: string, params: unknown[]): Promise<SessionView[]> {
    return (await this.rawRows(manager, viewer, where, params)).map(toSessionView);
  }

  /**
   * Session rows as `viewer` may read them: each meeting link only for those who may have it
   * (meetingLinkVisibleSql: admins, that session's instructors, confirmed trainees and their partners).
   * `where` uses `params` as $1…$n. Which sessions the viewer may see at all is the caller's to check.
   */
  rawRows(manager: EntityManager, viewer: Viewer | null, where: string, params: unknown[]): Promise<SessionRow[]> {
    const link = meetingUrlSql(
      viewer,
      's.meeting_url',
      { programId: 's.program_id', sessionId: 's.id' },
      `$${params.length + 1}`,
    );
    const all = link.param === null ? params : [...params, link.param];
    return manager.query(SESSION_ROWS_SQL(where, link.sql), all) as Promise<SessionRow[]>;
  }

  /** A session whose program the viewer may see, or 404. */
  async get(id: string, ctx: RequestContext): Promise<SessionView> {
    const viewer = signedIn(ctx);
    const [session] = await this.rows(this.dataSource.manager, viewer, 's.id = $1', [id]);
    if (!session) throw ProblemException.notFound();
    await this.programs.findVisible(session.programId, viewer);
    return session;
  }

  async create(programId: string, dto: CreateSessionDto, ctx: RequestContext): Promise<SessionView> {
    const slot = {
      instructorIds: dto.instructorIds ?? [],
      startsAt: new Date(dto.startsAt),
      endsAt: new Date(dto.endsAt),
      exceptSessionId: null,
    };
    return this.withClashCheck(ctx, slot, async (manager) => {
      const program = await this.editableProgram(manager, programId);
      await this.check(manager, program, new Date(dto.startsAt), new Date(dto.endsAt), dto.instructorIds);
      const session = await manager.save(
        manager.create(Session, {
          programId,
          title: dto.title,
          type: dto.type,
          startsAt: new Date(dto.startsAt),
          endsAt: new Date(dto.endsAt),
          venue: dto.venue ?? null,
          meetingUrl: dto.meetingUrl ?? null,
        }),
      );
      await this.assign(manager, session, dto.instructorIds ?? []);
      await this.audit.record(manager, ctx, {
        action: 'session.create',
        entityType: 'session',
        entityId: session.id,
        details: { programId, ...dto },
      });
      // The writer's own view (an admin's, or none for start-up data acting as the system).
      const [view] = await this.rows(manager, ctx.viewer, 's.id = $1', [session.id]);
      return view;
    });
  }

  async update(id: string, dto: UpdateSessionDto, ctx: RequestContext): Promise<SessionView> {
    const current = await this.dataSource.getRepository(Session).findOneBy({ id });
    if (!current) throw ProblemException.notFound();
    const startsAt = dto.startsAt ? new Date(dto.startsAt) : current.startsAt;
    const endsAt = dto.endsAt ? new Date(dto.endsAt) : current.endsAt;
    const instructorIds =
      dto.instructorIds ??
      (await this.dataSource.getRepository(SessionInstructor).findBy({ sessionId: id })).map((a) => a.instructorId);
    return this.withClashCheck(ctx, { instructorIds, startsAt, endsAt, exceptSessionId: id }, async (manager) => {
      const session = await manager.findOne(Session, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!session) throw ProblemException.notFound();
      const program = await this.editableProgram(manager, session.programId);
      // Cancelling is final: a session that takes place after all is a new one.
      if (session.status === 'cancelled') throw ProblemException.conflict(ErrorCode.SessionCancelled);
      await this.check(manager, program, startsAt, endsAt, dto.instructorIds);
      const { instructorIds: newInstructors, startsAt: _s, endsAt: _e, ...plain } = dto;
      const before = {
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        venue: session.venue,
        meetingUrl: session.meetingUrl,
      };
      Object.assign(session, plain, { startsAt, endsAt, sequence: session.sequence + 1 });
      await manager.save(session);
      if (newInstructors) {
        await manager.delete(SessionInstructor, { sessionId: id });
        await this.assign(manager, session, newInstructors);
      }
      const moved =
        before.startsAt.getTime() !== session.startsAt.getTime() ||
        before.endsAt.getTime() !== session.endsAt.getTime() ||
        before.venue !== session.venue ||
        before.meetingUrl !== session.meetingUrl;
      if (moved) await this.notifier.sessionChanged(manager, id, before);
      await this.audit.record(manager, ctx, {
        action: 'session.update',
        entityType: 'session',
        entityId: id,
        details: { ...dto },
      });
      const [view] = await this.rows(manager, ctx.viewer, 's.id = $1', [id]);
      return view;
    });
  }

  /**
   * Calls a session off (admin): it stays on record and in every agenda and calendar, marked cancelled with a
   * raised SEQUENCE; it leaves attendance rates and hours; its confirmed trainees and instructors are told.
   */
  async cancel(id: string, dto: CancelSessionDto, ctx: RequestContext): Promise<SessionView> {
    return this.dataSource.transaction(async (manager) => {
      const session = await manager.findOne(Session, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!session) throw ProblemException.notFound();
      await this.editableProgram(manager, session.programId);
      if (session.status === 'cancelled') throw ProblemException.conflict(ErrorCode.SessionCancelled);
      Object.assign(session, {
        status: 'cancelled',
        cancelledReason: dto.reason,
        cancelledAt: new Date(),
        sequence: session.sequence + 1,
      });
      await manager.save(session);
      await this.notifier.sessionCancelled(manager, id, dto.reason);
      await this.audit.record(manager, ctx, {
        action: 'session.cancel',
        entityType: 'session',
        entityId: id,
        details: { programId: session.programId, reason: dto.reason },
      });
      const [view] = await this.rows(manager, ctx.viewer, 's.id = $1', [id]);
      return view;
    });
  }

  /**
   * Removes a session that no one attended (409 SESSION_HAS_ATTENDANCE once marks exist: cancel it instead).
   * Calendars learn of it from a tombstone (SessionTombstone) that they carry as a cancelled event for a while;
   * its confirmed trainees and instructors are told, unless it was cancelled already (they were told then).
   */
  async remove(id: string, ctx: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const session = await manager.findOne(Session, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!session) throw ProblemException.notFound();
      await this.editableProgram(manager, session.programId);
      const marks = (await manager.query('SELECT 1 FROM attendance WHERE session_id = $1 LIMIT 1', [id])) as unknown[];
      if (marks.length > 0) throw ProblemException.conflict(ErrorCode.SessionHasAttendance);
      if (session.status !== 'cancelled') await this.notifier.sessionCancelled(manager, id, null);
      await manager.query(
        `INSERT INTO session_tombstones (id, program_id, title, type, starts_at, ends_at, venue, sequence, instructor_ids)
         SELECT s.id, s.program_id, s.title, s.type, s.starts_at, s.ends_at, s.venue, s.sequence + 1,
                coalesce(array_agg(si.instructor_id) FILTER (WHERE si.instructor_id IS NOT NULL), '{}')
           FROM sessions s LEFT JOIN session_instructors si ON si.session_id = s.id
          WHERE s.id = $1
          GROUP BY s.id`,
        [id],
      );
      await manager.delete(Session, { id });
      // Tombstones no calendar needs any more go with the next deletion: there is no job to sweep them.
      await manager.query(
        `DELETE FROM session_tombstones
          WHERE greatest(deleted_at + make_interval(days => $1), ends_at) < now()`,
        [SESSION_TOMBSTONE_DAYS],
      );
      await this.audit.record(manager, ctx, {
        action: 'session.delete',
        entityType: 'session',
        entityId: id,
        details: { programId: session.programId, title: session.title, startsAt: session.startsAt.toISOString() },
      });
    });
  }

  /** Locks the program (its dates cannot change under us) and refuses closed ones. */
  private async editableProgram(manager: EntityManager, programId: string): Promise<Program> {
    const program = await manager.findOne(Program, { where: { id: programId }, lock: { mode: 'pessimistic_read' } });
    if (!program) throw ProblemException.notFound();
    if (program.status !== 'draft' && program.status !== 'published') {
      throw ProblemException.conflict(ErrorCode.ProgramNotEditable, { params: { status: program.status } });
    }
    return program;
  }

  private async check(
    manager: EntityManager,
    program: Program,
    startsAt: Date,
    endsAt: Date,
    instructorIds: string[] | undefined,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    if (endsAt <= startsAt) {
      problems.push({ field: 'endsAt', code: 'ENDS_BEFORE_START', messageKey: 'validation.endsBeforeStart' });
    } else {
      const { from, until } = programSpan(program);
      const params = { from: program.startDate, to: program.endDate, timezone: program.timezone };
      if (startsAt < from || startsAt >= until) {
        problems.push({ field: 'startsAt', code: 'OUTSIDE_PROGRAM', messageKey: 'validation.outsideProgram', params });
      } else if (endsAt > until) {
        problems.push({ field: 'endsAt', code: 'OUTSIDE_PROGRAM', messageKey: 'validation.outsideProgram', params });
      }
    }
    if (instructorIds?.length) {
      const found = new Set((await manager.findBy(Instructor, { id: In(instructorIds) })).map((i) => i.id));
      instructorIds.forEach((id, index) => {
        if (!found.has(id)) {
          problems.push({
            field: `instructorIds[${index}]`,
            code: 'UNKNOWN_INSTRUCTOR',
            messageKey: 'validation.unknownInstructor',
          });
        }
      });
    }
    if (problems.length) throw ProblemException.validation(problems);
  }

  private async assign(manager: EntityManager, session: Session, instructorIds: string[]): Promise<void> {
    if (!instructorIds.length) return;
    const during = `[${session.startsAt.toISOString()},${session.endsAt.toISOString()})`;
    await manager.insert(
      SessionInstructor,
      instructorIds.map((instructorId) => ({ sessionId: session.id, instructorId, during })),
    );
  }

  /**
   * Runs a write; when PostgreSQL's exclusion constraint refuses it because an
   * instructor is already in an overlapping session, answers 409 naming that
   * session and its time (looked up after the failed transaction rolled back).
   */
  private async withClashCheck<T>(
    ctx: RequestContext,
    slot: { instructorIds: string[]; startsAt: Date; endsAt: Date; exceptSessionId: string | null },
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (!isExclusionViolation(error)) throw error;
      const clash = await this.findClash(slot);
      const params = clash
        ? {
            instructor: clash.instructorName,
            session: resolveLocalizedText(clash.view.title, ctx.locale),
            time: formatZonedTime(clash.view.startsAt, clash.timezone, ctx.locale, { withDate: true }),
          }
        : { instructor: '', session: '', time: '' };
      throw ProblemException.conflict(ErrorCode.SessionClash, {
        params,
        errors: [
          { field: 'instructorIds', code: ErrorCode.SessionClash, messageKey: 'errors.SESSION_CLASH.detail', params },
        ],
        extensions: clash ? { clash: clash.view } : {},
      });
    }
  }

  private async findClash(slot: {
    instructorIds: string[];
    startsAt: Date;
    endsAt: Date;
    exceptSessionId: string | null;
  }): Promise<{ view: SessionClash; instructorName: string; timezone: string } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT s.id, s.program_id, s.title, s.starts_at, s.ends_at, si.instructor_id, i.full_name, p.timezone
         FROM session_instructors si
         JOIN sessions s ON s.id = si.session_id
         JOIN programs p ON p.id = s.program_id
         JOIN instructors i ON i.id = si.instructor_id
        WHERE si.instructor_id = ANY($1) AND si.during && tstzrange($2, $3, '[)')
          AND ($4::uuid IS NULL OR s.id <> $4)
        ORDER BY s.starts_at LIMIT 1`,
      [slot.instructorIds, slot.startsAt, slot.endsAt, slot.exceptSessionId],
    )) as ClashRow[];
    if (!row) return null;
    return {
      instructorName: row.full_name,
      timezone: row.timezone,
      view: {
        sessionId: row.id,
        programId: row.program_id,
        instructorId: row.instructor_id,
        title: row.title,
        startsAt: row.starts_at.toISOString(),
        endsAt: row.ends_at.toISOString(),
      },
    };
  }
}

interface ClashRow {
  id: string;
  program_id: string;
  title: SessionView['title'];
  starts_at: Date;
  ends_at: Date;
  instructor_id: string;
  full_name: string;
  timezone: string;
}
