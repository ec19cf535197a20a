import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  type Certificate as CertificateView,
  type CertificateListEntry,
  type CompletionBasis,
  type Locale,
  type Page,
} from '@skillbridge/contracts';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { scopeQuery } from '../../common/auth/record-scope';
import { signedIn, type RequestContext, type Viewer } from '../../common/auth/viewer';
import { containsPattern } from '../../common/pagination/contains-pattern';
import { paginate } from '../../common/pagination/keyset';
import { ProblemException } from '../../common/problem/problem.exception';
import { AuditService } from '../audit/audit.service';
import { CredentialsService } from '../credentials/credentials.service';
import { Notifier } from '../notifications/notifier';
import { AccessLog } from '../privacy/access-log.service';
import { CERTIFICATE_SCOPE } from './certificate.scope';
import { Certificate } from './certificate.entity';
import { toCertificateView, type CertificateWithLinks } from './certificate-view';
import { CertificateListQueryDto } from './dto/certificate.dto';
import { CertificateDocumentsService, issuedCertificate } from './documents/certificate-documents.service';
import { newVerificationCode } from './verification-code';

/** One certificate to issue: the completed enrolment, what its holder achieved, and what it replaces. */
export interface IssueLine {
  enrolmentId: string;
  completion: CompletionBasis;
  replaces?: string;
}

export interface Issued {
  id: string;
  serial: string;
  enrolmentId: string;
}

/**
 * The certificate's frozen facts, copied from today's records in the one
 * statement that issues it: the holder's names, the program's code, title,
 * dates and zone, the scheduled hours and the sessions that counted, the host
 * as issuer, and the end of validity when the program sets one.
 */
const ISSUE_SQL = `
  INSERT INTO certificates (serial, verification_code, enrolment_id, trainee_id, program_id,
                            holder_name, holder_name_latin, program_code, program_title, start_date, end_date,
                            time_zone, hours, topics, completion, issuer_institution_id, issuer_name, valid_until,
                            replaces)
  SELECT 'SB-' || to_char(now() AT TIME ZONE p.timezone, 'YYYY') || '-' || lpad(nextval('certificate_serial_seq')::text, 6, '0'),
         c.code, e.id, e.trainee_id, e.program_id,
         t.full_name, t.full_name_latin, p.code, p.title, p.start_date, p.end_date,
         p.timezone, s.hours, s.topics, c.completion, h.id, h.name,
         CASE WHEN p.certificate_validity_months IS NOT NULL
              THEN ((now() AT TIME ZONE p.timezone)::date + make_interval(months => p.certificate_validity_months))::date
         END,
         c.replaces
    FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::uuid[]) WITH ORDINALITY AS c(enrolment_id, code, completion, replaces, ord)
    JOIN enrolments e ON e.id = c.enrolment_id
    JOIN trainees t ON t.id = e.trainee_id
    JOIN programs p ON p.id = e.program_id
    JOIN institutions h ON h.id = p.host_institution_id
    CROSS JOIN LATERAL (
      SELECT coalesce(round(sum(extract(epoch FROM x.ends_at - x.starts_at)) / 3600, 2), 0) AS hours,
             coalesce(jsonb_agg(jsonb_build_object(
                        'title', x.title,
                        'startsAt', to_char(x.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                        'endsAt', to_char(x.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                        'hours', round(extract(epoch FROM x.ends_at - x.starts_at) / 3600, 2))
                      ORDER BY x.starts_at, x.id), '[]'::jsonb) AS topics
        FROM sessions x
       WHERE x.program_id = p.id AND x.status <> 'cancelled'
    ) s
   ORDER BY c.ord
  ON CONFLICT (enrolment_id) WHERE status = 'issued' DO NOTHING
  RETURNING id, serial, enrolment_id AS "enrolmentId"`;

/**
 * Certificates as issued: issuing (frozen), lists, one certificate, its PDF,
 * revocation and reissue. Each reads only what the certificate itself stores.
 */
@Injectable()
export class CertificatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
    private readonly credentials: CredentialsService,
    private readonly documents: CertificateDocumentsService,
    private readonly accessLog: AccessLog,
  ) {}

  /**
   * Issues certificates in the caller's transaction, freezing what they vouch
   * for; an enrolment that already has an issued certificate gets none. The
   * holders are told.
   */
  async issue(manager: EntityManager, lines: IssueLine[]): Promise<Issued[]> {
    if (lines.length === 0) return [];
    const issued = await this.issueQuietly(manager, lines);
    await this.notifier.certificatesIssued(
      manager,
      issued.map((c) => c.id),
    );
    return issued;
  }

  /** Certificates with the serials of those they replaced or were replaced by. */
  private withLinks(qb: SelectQueryBuilder<Certificate>): SelectQueryBuilder<Certificate> {
    return qb
      .leftJoin('c.replacesCertificate', 'rp')
      .addSelect(['rp.id', 'rp.serial'])
      .leftJoin('c.replacedByCertificate', 'rb')
      .addSelect(['rb.id', 'rb.serial']);
  }

  async list(query: CertificateListQueryDto, ctx: RequestContext): Promise<Page<CertificateListEntry>> {
    const qb = scopeQuery(
      CERTIFICATE_SCOPE,
      signedIn(ctx),
      this.withLinks(
        this.dataSource
          .getRepository(Certificate)
          .createQueryBuilder('c')
          .innerJoin('c.trainee', 't')
          .addSelect(['t.id', 't.institutionId', 't.preferredLocale'])
          .leftJoin('t.institution', 'i')
          .addSelect(['i.id', 'i.code']),
      ),
    );
    if (query.programId) qb.andWhere('c.program_id = :programId', { programId: query.programId });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.q) {
      qb.andWhere('(c.holder_name ILIKE :pattern OR c.holder_name_latin ILIKE :pattern OR c.serial ILIKE :pattern)', {
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
    await this.accessLog.record(
      ctx,
      page.items.map((c) => ({ traineeId: c.traineeId })),
      'certificate',
    );
    return {
      items: page.items.map((c) => {
        const t = c.trainee as NonNullable<Certificate['trainee']>;
        return {
          ...toCertificateView(c),
          ...(t.institutionId ? { institutionId: t.institutionId } : {}),
          ...(t.institution?.code ? { institutionCode: t.institution.code } : {}),
          holderLocale: t.preferredLocale,
        };
      }),
      nextCursor: page.nextCursor,
    };
  }

  /** The certificate if the caller may see it (the holder, their partner, admins), else 404. */
  async findVisible(id: string, viewer: Viewer): Promise<CertificateWithLinks> {
    const certificate = await scopeQuery(
      CERTIFICATE_SCOPE,
      viewer,
      this.withLinks(
        this.dataSource
          .getRepository(Certificate)
          .createQueryBuilder('c')
          .innerJoin('c.trainee', 't')
          .addSelect(['t.id', 't.institutionId', 't.preferredLocale', 't.email'])
          .where('c.id = :id', { id }),
      ),
    ).getOne();
    if (!certificate) throw ProblemException.notFound();
    return certificate;
  }

  async get(id: string, ctx: RequestContext): Promise<CertificateView> {
    const certificate = await this.findVisible(id, signedIn(ctx));
    await this.accessLog.record(ctx, [{ traineeId: certificate.traineeId }], 'certificate');
    return toCertificateView(certificate);
  }

  /** The certificate as a PDF: Chinese and `lang` (default the holder's language; English beside Chinese for zh). */
  async pdf(
    id: string,
    lang: Locale | undefined,
    ctx: RequestContext,
  ): Promise<{ serial: string; body: Buffer; language: Locale }> {
    const certificate = await this.findVisible(id, signedIn(ctx));
    const language = lang ?? (certificate.trainee as NonNullable<Certificate['trainee']>).preferredLocale;
    const body = await this.documents.pdf(issuedCertificate(certificate), language);
    await this.accessLog.record(ctx, [{ traineeId: certificate.traineeId }], 'certificate', ['pdf']);
    return { serial: certificate.serial, body, language };
  }

  async revoke(id: string, reason: string, ctx: RequestContext): Promise<CertificateView> {
    return this.dataSource.transaction(async (manager) => {
      const certificate = await manager.findOne(Certificate, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!certificate) throw ProblemException.notFound();
      if (certificate.status === 'revoked') throw ProblemException.conflict(ErrorCode.CertificateRevoked);
      await this.markRevoked(manager, certificate, reason, ctx);
      await this.notifier.certificateRevoked(manager, id);
      return this.view(manager, id);
    });
  }

  /** Revokes in the caller's transaction: the row, its status-list bit and the audit event (no notice: callers send their own). */
  async markRevoked(manager: EntityManager, certificate: Certificate, reason: string, ctx: RequestContext) {
    await manager.update(
      Certificate,
      { id: certificate.id },
      { status: 'revoked', revokedReason: reason, revokedAt: new Date(), revokedBy: signedIn(ctx).userId },
    );
    // Its bit in the status list, in the same transaction: a verifier offline learns it with the list.
    await this.credentials.revoke(manager, certificate.id);
    await this.audit.record(manager, ctx, {
      action: 'certificate.revoke',
      entityType: 'certificate',
      entityId: certificate.id,
      details: { serial: certificate.serial, reason },
    });
  }

  /**
   * A correction: a new certificate from today's records (names, program,
   * hours), the old one revoked with the reason and pointing to the new one.
   * The completion basis is the old certificate's — what was achieved does
   * not change. A certificate already replaced cannot be reissued again (the
   * replacement can).
   */
  async reissue(id: string, reason: string, ctx: RequestContext): Promise<CertificateView> {
    return this.dataSource.transaction(async (manager) => {
      const old = await manager.findOne(Certificate, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!old) throw ProblemException.notFound();
      if (old.replacedBy) throw ProblemException.conflict(ErrorCode.CertificateReplaced);
      if (old.status === 'issued') await this.markRevoked(manager, old, reason, ctx);
      const [fresh] = await this.issueQuietly(manager, [
        { enrolmentId: old.enrolmentId, completion: old.completion, replaces: old.id },
      ]);
      await manager.update(Certificate, { id: old.id }, { replacedBy: fresh.id });
      await this.audit.record(manager, ctx, {
        action: 'certificate.reissue',
        entityType: 'certificate',
        entityId: fresh.id,
        details: { serial: fresh.serial, replaces: old.serial, reason },
      });
      await this.notifier.certificateReissued(manager, old.id, fresh.id);
      return this.view(manager, fresh.id);
    });
  }

  /**
   * Issues without the "certificate issued" notice (a reissue sends its own):
   * the rows, and each one's place in its issuer's revocation status list.
   */
  private async issueQuietly(manager: EntityManager, lines: IssueLine[]): Promise<Issued[]> {
    const issued = (await manager.query(ISSUE_SQL, [
      lines.map((l) => l.enrolmentId),
      lines.map(() => newVerificationCode()),
      lines.map((l) => JSON.stringify(l.completion)),
      lines.map((l) => l.replaces ?? null),
    ])) as Issued[];
    await this.credentials.issue(
      manager,
      issued.map((c) => c.id),
    );
    return issued;
  }

  private async view(manager: EntityManager, id: string): Promise<CertificateView> {
    const certificate = await this.withLinks(
      manager.getRepository(Certificate).createQueryBuilder('c').where('c.id = :id', { id }),
    ).getOneOrFail();
    return toCertificateView(certificate);
  }
}
