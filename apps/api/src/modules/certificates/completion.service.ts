import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  formatZonedTime,
  type CompletionBasis,
  type CompletionLine,
  type CompletionPreview,
  type CompletionResult,
  type SelectionResult,
  type UnmarkedSession,
} from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { signedIn, type RequestContext } from '../../common/auth/viewer';
import { ProblemException } from '../../common/problem/problem.exception';
import { AuditService, type AuditEntry } from '../audit/audit.service';
import { lockProgram } from '../enrolments/seats';
import { Notifier } from '../notifications/notifier';
import { Program } from '../programs/program.entity';
import { programSpan } from '../programs/programs.service';
import { CertificatesService } from './certificates.service';
import { applyCompletionRule } from './completion';
import { SelectionDto } from './dto/certificate.dto';

interface RuleRow {
  enrolmentId: string;
  traineeId: string;
  fullName: string;
  fullNameLatin: string | null;
  institutionCode: string | null;
  status: string;
  score: string | null;
  counted: number;
  attended: number;
}

/** What a certificate states of how its holder completed: the rule, and what they achieved against it. */
export function completionBasis(
  line: Pick<CompletionLine, 'attendanceRate' | 'score'>,
  program: { minAttendanceRate: number; passingScore: number | null },
): CompletionBasis {
  return {
    ...(line.attendanceRate !== undefined ? { attendanceRate: line.attendanceRate } : {}),
    minAttendanceRate: program.minAttendanceRate,
    ...(program.passingScore !== null && line.score !== undefined ? { score: line.score } : {}),
    ...(program.passingScore !== null ? { passingScore: program.passingScore } : {}),
  };
}

/**
 * Closing a program: who completes by its rule (preview and close, which
 * issues the completers' certificates), and choosing completers of one
 * program for another (scenario C's study visit).
 */
@Injectable()
export class CompletionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
    private readonly certificates: CertificatesService,
  ) {}

  private async completionLines(
    manager: EntityManager,
    program: { id: string; minAttendanceRate: number; passingScore: number | null },
    statuses: string[],
  ): Promise<{ sessions: number; lines: CompletionLine[] }> {
    const [{ sessions }] = (await manager.query(
      // A cancelled session leaves the rate: it counts for no one.
      `SELECT count(*)::int AS sessions FROM sessions WHERE program_id = $1 AND status <> 'cancelled'`,
      [program.id],
    )) as { sessions: number }[];
    const rows = (await manager.query(
      `SELECT e.id AS "enrolmentId", e.trainee_id AS "traineeId", t.full_name AS "fullName",
              t.full_name_latin AS "fullNameLatin", i.code AS "institutionCode", e.status, e.score,
              count(s.id) FILTER (WHERE a.status IS DISTINCT FROM 'excused')::int AS counted,
              count(s.id) FILTER (WHERE a.status IN ('present', 'late'))::int AS attended
         FROM enrolments e
         JOIN trainees t ON t.id = e.trainee_id
         LEFT JOIN institutions i ON i.id = t.institution_id
         LEFT JOIN sessions s ON s.program_id = e.program_id AND s.status <> 'cancelled'
         LEFT JOIN attendance a ON a.session_id = s.id AND a.trainee_id = e.trainee_id
        WHERE e.program_id = $1 AND e.status = ANY($2::text[])
        GROUP BY e.id, t.id, i.code
        ORDER BY coalesce(t.full_name_latin, t.full_name), e.id`,
      [program.id, statuses],
    )) as RuleRow[];
    return {
      sessions,
      lines: rows.map((row) => {
        const score = row.score === null ? null : Number(row.score);
        const outcome = applyCompletionRule({
          sessions,
          counted: row.counted,
          attended: row.attended,
          score,
          minAttendanceRate: program.minAttendanceRate,
          passingScore: program.passingScore,
        });
        return {
          enrolmentId: row.enrolmentId,
          traineeId: row.traineeId,
          fullName: row.fullName,
          ...(row.fullNameLatin ? { fullNameLatin: row.fullNameLatin } : {}),
          ...(row.institutionCode ? { institutionCode: row.institutionCode } : {}),
          countedSessions: sessions === 0 ? 0 : row.counted,
          attendedSessions: row.attended,
          ...(outcome.attendanceRate !== undefined ? { attendanceRate: outcome.attendanceRate } : {}),
          ...(score !== null ? { score } : {}),
          completes: outcome.completes,
          shortfalls: outcome.shortfalls,
        };
      }),
    };
  }

  /**
   * When the program is over and may be closed: the end of its last session
   * that is not cancelled, or — with none — the end of its last day in its zone.
   */
  private async endsAt(manager: EntityManager, program: Program): Promise<Date> {
    const [{ last }] = (await manager.query(
      `SELECT max(ends_at) AS last FROM sessions WHERE program_id = $1 AND status <> 'cancelled'`,
      [program.id],
    )) as { last: Date | null }[];
    return last ? new Date(last) : programSpan(program).until;
  }

  /** The program's sessions (not cancelled) in which nobody's attendance was taken. */
  private async sessionsWithoutAttendance(manager: EntityManager, programId: string): Promise<UnmarkedSession[]> {
    const rows = (await manager.query(
      `SELECT s.id AS "sessionId", s.title, s.starts_at AS "startsAt", s.ends_at AS "endsAt"
         FROM sessions s
        WHERE s.program_id = $1 AND s.status <> 'cancelled'
          AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id)
        ORDER BY s.starts_at, s.id`,
      [programId],
    )) as { sessionId: string; title: UnmarkedSession['title']; startsAt: Date; endsAt: Date }[];
    return rows.map((r) => ({
      sessionId: r.sessionId,
      title: r.title,
      startsAt: new Date(r.startsAt).toISOString(),
      endsAt: new Date(r.endsAt).toISOString(),
    }));
  }

  /** Who would complete and who would not, and why — before the admin closes the program. */
  async preview(programId: string): Promise<CompletionPreview> {
    const program = await this.dataSource.getRepository(Program).findOneBy({ id: programId });
    if (!program) throw ProblemException.notFound();
    const statuses = program.status === 'completed' ? ['completed', 'not-completed'] : ['confirmed'];
    const manager = this.dataSource.manager;
    const [{ sessions, lines }, endsAt, unmarked] = await Promise.all([
      this.completionLines(manager, program, statuses),
      this.endsAt(manager, program),
      this.sessionsWithoutAttendance(manager, programId),
    ]);
    return {
      programId,
      sessions,
      minAttendanceRate: program.minAttendanceRate,
      ...(program.passingScore !== null ? { passingScore: program.passingScore } : {}),
      endsAt: endsAt.toISOString(),
      sessionsWithoutAttendance: unmarked,
      lines,
    };
  }

  /**
   * Closes the program once its last session has ended (409
   * PROGRAM_NOT_ENDED before): each confirmed enrolment becomes completed or
   * not-completed by the rule, and each completed one gets its certificate —
   * in one transaction under the program's row lock. A second run (or a
   * concurrent one, which waits for the lock) finds the program completed and
   * issues nothing; at most one issued certificate per enrolment backs that up.
   */
  async complete(programId: string, ctx: RequestContext): Promise<CompletionResult> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await lockProgram(manager, programId);
      if (!locked) throw ProblemException.notFound();
      const program = await manager.findOneByOrFail(Program, { id: programId });
      if (program.status === 'completed') {
        const [counts] = (await manager.query(
          `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed,
                  count(*) FILTER (WHERE status = 'not-completed')::int AS "notCompleted"
             FROM enrolments WHERE program_id = $1`,
          [programId],
        )) as { completed: number; notCompleted: number }[];
        return { ...counts, certificatesIssued: 0 };
      }
      if (program.status !== 'published') {
        throw ProblemException.conflict(ErrorCode.InvalidTransition, {
          params: { from: program.status, to: 'completed' },
        });
      }
      // Closing decides everyone's outcome for good: not while a session is still to come or under way.
      const endsAt = await this.endsAt(manager, program);
      if (Date.now() < endsAt.getTime()) {
        throw ProblemException.conflict(ErrorCode.ProgramNotEnded, {
          params: { endsAt: formatZonedTime(endsAt, program.timezone, ctx.locale, { withDate: true }) },
          extensions: { endsAt: endsAt.toISOString() },
        });
      }
      const { lines } = await this.completionLines(manager, program, ['confirmed']);
      const completed = lines.filter((l) => l.completes).map((l) => l.enrolmentId);
      await manager.query(
        `UPDATE enrolments SET status = CASE WHEN id = ANY($2::uuid[]) THEN 'completed' ELSE 'not-completed' END,
                decided_at = now(), updated_at = now()
          WHERE program_id = $1 AND status = 'confirmed'`,
        [programId, completed],
      );
      await manager.query(
        `UPDATE programs SET status = 'completed', confirmed_count = 0, updated_at = now() WHERE id = $1`,
        [programId],
      );
      const bases = new Map(lines.map((line) => [line.enrolmentId, completionBasis(line, program)]));
      const issued = await this.certificates.issue(
        manager,
        completed.map((enrolmentId) => ({ enrolmentId, completion: bases.get(enrolmentId) as CompletionBasis })),
      );
      const entries: AuditEntry[] = [
        {
          action: 'program.complete',
          entityType: 'program',
          entityId: programId,
          details: { completed: completed.length, notCompleted: lines.length - completed.length },
        },
        ...issued.map((c) => ({
          action: 'certificate.issue',
          entityType: 'certificate',
          entityId: c.id,
          details: { serial: c.serial, enrolmentId: c.enrolmentId, programId },
        })),
      ];
      await this.audit.recordMany(manager, ctx, entries);
      return {
        completed: completed.length,
        notCompleted: lines.length - completed.length,
        certificatesIssued: issued.length,
      };
    });
  }

  /**
   * Enrols chosen completers of one program into another (scenario C's study
   * visit), confirmed, all or none: every trainee must have completed the
   * source program and not be enrolled yet, and all must fit the seats left.
   */
  async select(programId: string, dto: SelectionDto, ctx: RequestContext): Promise<SelectionResult> {
    return this.dataSource.transaction(async (manager) => {
      const program = await lockProgram(manager, programId);
      if (!program) throw ProblemException.notFound();
      if (program.status !== 'published') {
        throw new ProblemException(400, ErrorCode.ProgramNotOpen, { params: { status: program.status } });
      }
      if (!(await manager.existsBy(Program, { id: dto.fromProgramId }))) {
        throw ProblemException.invalidField('fromProgramId', 'UNKNOWN_PROGRAM', 'validation.unknownProgram');
      }
      const completers = new Set(
        (
          (await manager.query(
            `SELECT trainee_id FROM enrolments WHERE program_id = $1 AND status = 'completed' AND trainee_id = ANY($2::uuid[])`,
            [dto.fromProgramId, dto.traineeIds],
          )) as { trainee_id: string }[]
        ).map((r) => r.trainee_id),
      );
      const enrolled = new Set(
        (
          (await manager.query(
            `SELECT trainee_id FROM enrolments WHERE program_id = $1 AND status <> 'withdrawn' AND trainee_id = ANY($2::uuid[])`,
            [programId, dto.traineeIds],
          )) as { trainee_id: string }[]
        ).map((r) => r.trainee_id),
      );
      const problems = dto.traineeIds.flatMap((id, index) =>
        !completers.has(id)
          ? [{ field: `traineeIds[${index}]`, code: 'NOT_A_COMPLETER', messageKey: 'validation.notACompleter' }]
          : enrolled.has(id)
            ? [
                {
                  field: `traineeIds[${index}]`,
                  code: ErrorCode.AlreadyEnrolled,
                  messageKey: 'validation.alreadyEnrolled',
                },
              ]
            : [],
      );
      if (problems.length) throw ProblemException.validation(problems);
      const free = program.capacity - program.confirmed;
      if (dto.traineeIds.length > free) {
        throw ProblemException.conflict(ErrorCode.CapacityExceeded, { params: { free, asked: dto.traineeIds.length } });
      }
      const rows = (await manager.query(
        `INSERT INTO enrolments (program_id, trainee_id, status, decided_at, decided_by)
         SELECT $1, unnest($2::uuid[]), 'confirmed', now(), $3
         ON CONFLICT (program_id, trainee_id) DO UPDATE
           SET status = 'confirmed', decided_at = now(), decided_by = EXCLUDED.decided_by, reason = NULL,
               waitlisted_at = NULL, updated_at = now()
         WHERE enrolments.status = 'withdrawn'
         RETURNING id`,
        [programId, dto.traineeIds, signedIn(ctx).userId],
      )) as { id: string }[];
      await manager.query('UPDATE programs SET confirmed_count = confirmed_count + $2 WHERE id = $1', [
        programId,
        rows.length,
      ]);
      await this.audit.recordMany(
        manager,
        ctx,
        rows.map((r) => ({
          action: 'enrolment.select',
          entityType: 'enrolment',
          entityId: r.id,
          details: { programId, fromProgramId: dto.fromProgramId },
        })),
      );
      await this.notifier.enrolmentsDecided(
        manager,
        rows.map((r) => r.id),
      );
      return { enrolled: rows.length };
    });
  }
}
