import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  type Certificate as CertificateView,
  type CertificateListEntry,
  type CompletionLine,
  type CompletionPreview,
  type CompletionResult,
  type Locale,
  type LocalizedText,
  type Page,
  type SelectionResult,
  type Verification,
} from '@skillbridge/contracts';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { scopeQuery } from '../../common/auth/record-scope';
import { signedIn, type RequestContext, type Viewer } from '../../common/auth/viewer';
import { containsPattern } from '../../common/pagination/contains-pattern';
import { paginate } from '../../common/pagination/keyset';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config';
import { AuditService, type AuditEntry } from '../audit/audit.service';
import { lockProgram } from '../enrolments/seats';
import { Institution } from '../institutions/institution.entity';
import { Notifier } from '../notifications/notifier';
import { Program } from '../programs/program.entity';
import { CERTIFICATE_SCOPE } from './certificate.scope';
import { Certificate } from './certificate.entity';
import { applyCompletionRule } from './completion';
import { CertificateListQueryDto, SelectionDto } from './dto/certificate.dto';
import { CertificateDocumentsService } from './documents/certificate-documents.service';
import { RateLimiter } from './rate-limiter';

/** 128 random bits, URL-safe: the only key the public verification page takes. */
export const newVerificationCode = () => randomBytes(16).toString('base64url');
const CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function toCertificateView(c: Certificate): CertificateView {
  return {
    id: c.id,
    serial: c.serial,
    verificationCode: c.verificationCode,
    enrolmentId: c.enrolmentId,
    traineeId: c.traineeId,
    programId: c.programId,
    issuedAt: c.issuedAt.toISOString(),
    status: c.status,
    ...(c.revokedReason ? { revokedReason: c.revokedReason } : {}),
    ...(c.revokedAt ? { revokedAt: c.revokedAt.toISOString() } : {}),
  };
}

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

@Injectable()
export class CertificatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
    private readonly notifier: Notifier,
    private readonly documents: CertificateDocumentsService,
  ) {}

  // ---- completion ------------------------------------------------------------------------------

  private async completionLines(
    manager: EntityManager,
    program: { id: string; minAttendanceRate: number; passingScore: number | null },
    statuses: string[],
  ): Promise<{ sessions: number; lines: CompletionLine[] }> {
    const [{ sessions }] = (await manager.query(
      'SELECT count(*)::int AS sessions FROM sessions WHERE program_id = $1',
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
         LEFT JOIN sessions s ON s.program_id = e.program_id
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

  /** Who would complete and who would not, and why — before the admin closes the program. */
  async preview(programId: string): Promise<CompletionPreview> {
    const program = await this.dataSource.getRepository(Program).findOneBy({ id: programId });
    if (!program) throw ProblemException.notFound();
    const statuses = program.status === 'completed' ? ['completed', 'not-completed'] : ['confirmed'];
    const { sessions, lines } = await this.completionLines(this.dataSource.manager, program, statuses);
    return {
      programId,
      sessions,
      minAttendanceRate: program.minAttendanceRate,
      ...(program.passingScore !== null ? { passingScore: program.passingScore } : {}),
      lines,
    };
  }

  /**
   * Closes the program: each confirmed enrolment becomes completed or
   * not-completed by the rule, and each completed one gets its certificate —
   * in one transaction under the program's row lock. A second run (or a
   * concurrent one, which waits for the lock) finds the program completed and
   * issues nothing; the unique enrolment_id of certificates backs that up.
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
      const issued = (await manager.query(
        `INSERT INTO certificates (serial, verification_code, enrolment_id, trainee_id, program_id)
         SELECT 'SB-' || to_char(now() AT TIME ZONE $3, 'YYYY') || '-' || lpad(nextval('certificate_serial_seq')::text, 6, '0'),
                c.code, e.id, e.trainee_id, e.program_id
           FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS c(enrolment_id, code, ord)
           JOIN enrolments e ON e.id = c.enrolment_id
          ORDER BY c.ord
         ON CONFLICT (enrolment_id) DO NOTHING
         RETURNING id, serial, enrolment_id AS "enrolmentId"`,
        [completed, completed.map(() => newVerificationCode()), program.timezone],
      )) as { id: string; serial: string; enrolmentId: string }[];
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
      await this.notifier.certificatesIssued(
        manager,
        issued.map((c) => c.id),
      );
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

  // ---- certificates ----------------------------------------------------------------------------

  async list(query: CertificateListQueryDto, ctx: RequestContext): Promise<Page<CertificateListEntry>> {
    const qb = scopeQuery(
      CERTIFICATE_SCOPE,
      signedIn(ctx),
      this.dataSource
        .getRepository(Certificate)
        .createQueryBuilder('c')
        .innerJoinAndSelect('c.trainee', 't')
        .leftJoin('t.institution', 'i')
        .addSelect(['i.id', 'i.code'])
        .innerJoin('c.program', 'p')
        .addSelect(['p.id', 'p.code', 'p.title']),
    );
    if (query.programId) qb.andWhere('c.program_id = :programId', { programId: query.programId });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.q) {
      qb.andWhere('(t.full_name ILIKE :pattern OR t.full_name_latin ILIKE :pattern OR c.serial ILIKE :pattern)', {
        pattern: containsPattern(query.q),
      });
    }
    const page = await paginate(qb, {
      keys: [
        { expression: 'c.issued_at', property: 'issuedAt', type: 'timestamp' },
        { expression: 'c.id', property: 'id', type: 'uuid' },
      ],
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return {
      items: page.items.map((c) => {
        const t = c.trainee as NonNullable<Certificate['trainee']> & { institution?: Institution | null };
        const p = c.program as Program;
        return {
          ...toCertificateView(c),
          holderName: t.fullName,
          ...(t.fullNameLatin ? { holderNameLatin: t.fullNameLatin } : {}),
          ...(t.institutionId ? { institutionId: t.institutionId } : {}),
          ...(t.institution?.code ? { institutionCode: t.institution.code } : {}),
          programCode: p.code,
          programTitle: p.title,
          holderLocale: t.preferredLocale,
        };
      }),
      nextCursor: page.nextCursor,
    };
  }

  /** The certificate if the caller may see it (the holder, their partner, admins), else 404. */
  private async findVisible(id: string, viewer: Viewer): Promise<Certificate> {
    const certificate = await scopeQuery(
      CERTIFICATE_SCOPE,
      viewer,
      this.dataSource
        .getRepository(Certificate)
        .createQueryBuilder('c')
        .innerJoinAndSelect('c.trainee', 't')
        .innerJoinAndSelect('c.program', 'p')
        .where('c.id = :id', { id }),
    ).getOne();
    if (!certificate) throw ProblemException.notFound();
    return certificate;
  }

  /** The certificate as a PDF: Chinese and `lang` (default the holder's language; English beside Chinese for zh). */
  async pdf(
    id: string,
    lang: Locale | undefined,
    ctx: RequestContext,
  ): Promise<{ serial: string; body: Buffer; language: Locale }> {
    const certificate = await this.findVisible(id, signedIn(ctx));
    const language = lang ?? (certificate.trainee as NonNullable<Certificate['trainee']>).preferredLocale;
    const body = await this.documents.pdf(await this.documents.issued(certificate.id), language);
    return { serial: certificate.serial, body, language };
  }

  async revoke(id: string, reason: string, ctx: RequestContext): Promise<CertificateView> {
    return this.dataSource.transaction(async (manager) => {
      const certificate = await manager.findOne(Certificate, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!certificate) throw ProblemException.notFound();
      if (certificate.status === 'revoked') throw ProblemException.conflict(ErrorCode.CertificateRevoked);
      certificate.status = 'revoked';
      certificate.revokedReason = reason;
      certificate.revokedAt = new Date();
      certificate.revokedBy = signedIn(ctx).userId;
      await manager.save(certificate);
      await this.audit.record(manager, ctx, {
        action: 'certificate.revoke',
        entityType: 'certificate',
        entityId: id,
        details: { serial: certificate.serial, reason },
      });
      return toCertificateView(certificate);
    });
  }

  /** What the public may learn from a verification code — and nothing else about the holder. */
  async verify(code: string, ctx: RequestContext): Promise<Verification> {
    this.limiter.hit(`verify:${ctx.ip}`, this.config.VERIFY_RATE_LIMIT_PER_MINUTE);
    if (!CODE_PATTERN.test(code)) throw ProblemException.notFound();
    // One round trip, only the columns shown: the public's most frequent request.
    const [row] = (await this.dataSource.query(
      `SELECT c.status, c.serial, c.issued_at, c.revoked_reason, t.full_name, t.full_name_latin, p.title, h.name AS issuer
         FROM certificates c
         JOIN trainees t ON t.id = c.trainee_id
         JOIN programs p ON p.id = c.program_id
         JOIN institutions h ON h.id = p.host_institution_id
        WHERE c.verification_code = $1`,
      [code],
    )) as {
      status: Verification['status'];
      serial: string;
      issued_at: Date;
      revoked_reason: string | null;
      full_name: string;
      full_name_latin: string | null;
      title: LocalizedText;
      issuer: LocalizedText;
    }[];
    if (!row) throw ProblemException.notFound();
    return {
      status: row.status,
      serial: row.serial,
      holderName: row.full_name,
      ...(row.full_name_latin ? { holderNameLatin: row.full_name_latin } : {}),
      programTitle: row.title,
      issuedAt: row.issued_at.toISOString(),
      issuer: row.issuer,
      ...(row.revoked_reason ? { revokedReason: row.revoked_reason } : {}),
    };
  }
}
