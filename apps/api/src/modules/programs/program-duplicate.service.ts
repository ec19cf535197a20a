import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDays,
  ErrorCode,
  wallTimeToInstant,
  zonedDate,
  zonedParts,
  type DuplicateClash,
  type DuplicatedProgram,
} from '@skillbridge/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { RequestContext } from '../../common/auth/viewer';
import { ProblemException } from '../../common/problem/problem.exception';
import { isUniqueViolation } from '../../database/errors';
import { AuditService } from '../audit/audit.service';
import { ProgramLogisticsSettings } from '../logistics/logistics-settings.entity';
import { SessionInstructor } from '../sessions/session-instructor.entity';
import { Session } from '../sessions/session.entity';
import { DuplicateProgramDto } from './dto/duplicate-program.dto';
import { ProgramPartner } from './program-partner.entity';
import { ProgramQuota } from './program-quota.entity';
import { Program } from './program.entity';
import { programSpan, toProgramView } from './programs.service';

const DAY_MS = 86_400_000;
/** As ProgramsService: enrolment may open at most this long before a program starts. */
const WINDOW_LEAD_DAYS = 730;
const EXCLUSION_VIOLATION = '23P01';

/** Whole days from one calendar date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The instant `days` calendar days later at the same wall-clock time in `timeZone` — across a daylight-saving
 * change the UTC instant moves by an hour more or less, the clock on the wall does not. Seconds are kept.
 */
export function shiftKeepingWallClock(instant: Date, days: number, timeZone: string): Date {
  const p = zonedParts(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const moved = wallTimeToInstant(
    addDays(zonedDate(instant, timeZone), days),
    `${pad(p.hour)}:${pad(p.minute)}`,
    timeZone,
  );
  return new Date(moved.getTime() + (instant.getTime() % 60_000));
}

/**
 * Copies a program to a new code and start date as a draft (POST /programs/:id/duplicate): its settings, partners,
 * quotas, logistics settings and scheduled sessions with their instructors, every date moved by the same number
 * of days in the program's zone. Cancelled sessions are not copied. An instructor who teaches another session at
 * a copied session's new time is left off that session and reported in `clashes`. One transaction: all or nothing.
 */
@Injectable()
export class ProgramDuplicateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async duplicate(id: string, dto: DuplicateProgramDto, ctx: RequestContext): Promise<DuplicatedProgram> {
    try {
      return await this.dataSource.transaction((manager) => this.copy(manager, id, dto, ctx));
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_programs_code')) {
        throw ProblemException.conflict(ErrorCode.ProgramCodeExists, {
          errors: [
            { field: 'code', code: ErrorCode.ProgramCodeExists, messageKey: 'errors.PROGRAM_CODE_EXISTS.detail' },
          ],
        });
      }
      throw error;
    }
  }

  private async copy(
    manager: EntityManager,
    id: string,
    dto: DuplicateProgramDto,
    ctx: RequestContext,
  ): Promise<DuplicatedProgram> {
    const source = await manager.findOne(Program, { where: { id } });
    if (!source) throw ProblemException.notFound();
    const days = daysBetween(source.startDate, dto.startDate);
    const zone = source.timezone;
    const shift = (instant: Date | null) => (instant ? shiftKeepingWallClock(instant, days, zone) : null);

    const copy = manager.create(Program, {
      code: dto.code,
      kind: source.kind,
      title: source.title,
      summary: source.summary,
      deliveryMode: source.deliveryMode,
      timezone: zone,
      startDate: dto.startDate,
      endDate: addDays(source.endDate, days),
      venue: source.venue,
      meetingUrl: source.meetingUrl,
      capacity: source.capacity,
      enrolmentOpensAt: shift(source.enrolmentOpensAt),
      enrolmentClosesAt: shift(source.enrolmentClosesAt),
      hostInstitutionId: source.hostInstitutionId,
      minAttendanceRate: source.minAttendanceRate,
      passingScore: source.passingScore,
      certificateValidityMonths: source.certificateValidityMonths,
      minMinutesPresentRate: source.minMinutesPresentRate,
      graceMinutes: source.graceMinutes,
      hostReview: source.hostReview,
      status: 'draft',
    });
    const windowDropped = !this.windowHolds(copy);
    if (windowDropped) {
      copy.enrolmentOpensAt = null;
      copy.enrolmentClosesAt = null;
    }
    const { id: copyId } = await manager.save(copy);

    await manager.query(
      `INSERT INTO program_partners (program_id, institution_id)
       SELECT $2, institution_id FROM program_partners WHERE program_id = $1`,
      [id, copyId],
    );
    await manager.query(
      `INSERT INTO program_quotas (program_id, institution_id, seats)
       SELECT $2, institution_id, seats FROM program_quotas WHERE program_id = $1`,
      [id, copyId],
    );
    const logistics = await manager.findOne(ProgramLogisticsSettings, { where: { programId: id } });
    if (logistics) {
      await manager.insert(ProgramLogisticsSettings, {
        programId: copyId,
        collect: logistics.collect,
        dueDate: logistics.dueDate ? addDays(logistics.dueDate, days) : null,
        arrivalPoints: logistics.arrivalPoints,
      });
    }

    const clashes: DuplicateClash[] = [];
    const sessions = await manager.find(Session, {
      where: { programId: id, status: 'scheduled' },
      relations: { assignments: true },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    for (const session of sessions) {
      const moved = await manager.save(
        manager.create(Session, {
          programId: copyId,
          title: session.title,
          type: session.type,
          startsAt: shiftKeepingWallClock(session.startsAt, days, zone),
          endsAt: shiftKeepingWallClock(session.endsAt, days, zone),
          venue: session.venue,
          meetingUrl: session.meetingUrl,
        }),
      );
      const instructorIds = (session.assignments ?? []).map((a) => a.instructorId).sort();
      for (const instructorId of instructorIds) {
        const clashing = await this.assignUnlessClash(manager, moved, instructorId);
        if (clashing) clashes.push({ sessionId: moved.id, instructorId, clashingSessionId: clashing });
      }
    }

    await this.audit.record(manager, ctx, {
      action: 'program.duplicate',
      entityType: 'program',
      entityId: copyId,
      details: {
        from: id,
        to: copyId,
        code: copy.code,
        startDate: dto.startDate,
        days,
        sessions: sessions.length,
        ...(windowDropped ? { enrolmentWindowDropped: true } : {}),
        ...(clashes.length ? { clashes } : {}),
      },
    });
    const saved = await manager.findOneByOrFail(Program, { id: copyId });
    const partners = (
      await manager.find(ProgramPartner, { where: { programId: copyId }, order: { institutionId: 'ASC' } })
    ).map((p) => p.institutionId);
    const quotas = (
      await manager.find(ProgramQuota, { where: { programId: copyId }, order: { institutionId: 'ASC' } })
    ).map(({ institutionId, seats }) => ({ institutionId, seats }));
    return { ...toProgramView(saved, partners, quotas), clashes };
  }

  /** The moved enrolment window still keeps the program's window rules (see ProgramsService): else it is dropped. */
  private windowHolds(program: Program): boolean {
    const { from, until } = programSpan(program);
    const opens = program.enrolmentOpensAt;
    const closes = program.enrolmentClosesAt;
    if (opens && closes && opens >= closes) return false;
    if (closes && closes > until) return false;
    if (opens && (opens >= until || opens.getTime() < from.getTime() - WINDOW_LEAD_DAYS * DAY_MS)) return false;
    return true;
  }

  /**
   * Puts the instructor on the copied session, or — when they teach another session at that time — not, and
   * returns that session's id. The exclusion constraint (session_instructors.during) is the judge, under any
   * concurrency: a savepoint keeps its refusal from spoiling the transaction.
   */
  private async assignUnlessClash(
    manager: EntityManager,
    session: Session,
    instructorId: string,
  ): Promise<string | null> {
    const other = await this.clashingSession(manager, session, instructorId);
    if (other) return other;
    await manager.query('SAVEPOINT duplicate_assign');
    try {
      await manager.insert(SessionInstructor, {
        sessionId: session.id,
        instructorId,
        during: `[${session.startsAt.toISOString()},${session.endsAt.toISOString()})`,
      });
      await manager.query('RELEASE SAVEPOINT duplicate_assign');
      return null;
    } catch (error) {
      if ((error as { driverError?: { code?: string } })?.driverError?.code !== EXCLUSION_VIOLATION) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT duplicate_assign');
      // Another transaction put them elsewhere at that time since the look above; it has committed.
      return (await this.clashingSession(manager, session, instructorId)) ?? session.id;
    }
  }

  private async clashingSession(
    manager: EntityManager,
    session: Session,
    instructorId: string,
  ): Promise<string | null> {
    const [row] = (await manager.query(
      `SELECT si.session_id AS id FROM session_instructors si JOIN sessions s ON s.id = si.session_id
        WHERE si.instructor_id = $1 AND si.during && tstzrange($2, $3, '[)') AND si.session_id <> $4
        ORDER BY s.starts_at, s.id LIMIT 1`,
      [instructorId, session.startsAt, session.endsAt, session.id],
    )) as { id: string }[];
    return row?.id ?? null;
  }
}
