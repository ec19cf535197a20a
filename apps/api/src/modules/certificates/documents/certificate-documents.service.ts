import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  formatVerificationCode,
  type CertificateStatus,
  type Locale,
  type LocalizedText,
} from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../../common/problem/problem.exception';
import { AppConfig } from '../../../config';
import { Certificate } from '../certificate.entity';
import { CertificateDesignsService } from '../design/certificate-designs.service';
import type { CertificateTopic } from '../pdf/certificate-pdf';
import { CertificateRenderPool } from './render-pool';

/**
 * What a certificate's document is drawn from: the fields the certificate
 * vouches for, as they were at issue (issue 17's frozen fields), and its state.
 */
export interface IssuedCertificate {
  id: string;
  serial: string;
  verificationCode: string;
  issuedAt: Date;
  status: CertificateStatus;
  holderName: string;
  holderNameLatin?: string | null;
  programTitle: LocalizedText;
  /** Calendar dates 'YYYY-MM-DD'. */
  startDate: string;
  endDate: string;
  /** The program's IANA time zone: dates of issue and of the topics are read in it. */
  timezone: string;
  /** Scheduled hours of the sessions that counted. */
  hours: number;
  validUntil?: string | null;
  /** 0..1, when any session counted. */
  attendanceRate?: number | null;
  score?: number | null;
  passingScore?: number | null;
  /** The sessions that counted, in order. */
  topics: CertificateTopic[];
  issuer: { institutionId: string; name: LocalizedText };
}

/** Sample holders of previews, one per second language, in scripts that test a design's room. */
const SAMPLE_HOLDERS: Record<Locale, { name: string; latin: string }> = {
  th: { name: 'นางสาวน้ำฝน ผู้ใหญ่บ้าน', latin: 'Namfon Phuyaiban' },
  en: { name: 'မြင့်မြတ် ကြည်', latin: 'Myint Myat Kyi' },
  ms: { name: 'ស្រីមុំ ម៉ៅ', latin: 'Sreymom Mao' },
  zh: { name: 'ສົມພອນ ແກ້ວມະນີ', latin: 'Somphone Keomany' },
};

/**
 * Certificate PDFs: rendered once per certificate, language and state
 * (issued, or revoked with its stamp), in the render pool's threads, and kept
 * in `certificate_documents`. Concurrent first downloads of one document in
 * this process share one rendering.
 */
@Injectable()
export class CertificateDocumentsService {
  private readonly inFlight = new Map<string, Promise<Buffer>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pool: CertificateRenderPool,
    private readonly designs: CertificateDesignsService,
    private readonly config: AppConfig,
  ) {}

  /** The certificate's PDF in Chinese and `language`: from the store, or rendered (off the event loop) and stored. */
  async pdf(certificate: IssuedCertificate, language: Locale): Promise<Buffer> {
    const revoked = certificate.status === 'revoked';
    const key = `${certificate.id} ${language} ${revoked}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const work = this.fetchOrRender(certificate, language, revoked).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  private async fetchOrRender(certificate: IssuedCertificate, language: Locale, revoked: boolean): Promise<Buffer> {
    const [stored] = (await this.dataSource.query(
      'SELECT pdf FROM certificate_documents WHERE certificate_id = $1 AND language = $2 AND revoked = $3',
      [certificate.id, language, revoked],
    )) as { pdf: Buffer }[];
    if (stored) return stored.pdf;
    const design = await this.designs.asOf(certificate.issuer.institutionId, certificate.issuedAt);
    const pdf = await this.pool.render({
      serial: certificate.serial,
      // The QR and the printed code carry it as people type it: in groups of four (old codes as they are).
      verificationUrl: `${this.config.publicUrl}/verify/${formatVerificationCode(certificate.verificationCode)}`,
      verificationCode: formatVerificationCode(certificate.verificationCode),
      issuedOn: calendarDate(certificate.issuedAt, certificate.timezone),
      holderName: certificate.holderName,
      ...(certificate.holderNameLatin ? { holderNameLatin: certificate.holderNameLatin } : {}),
      programTitle: certificate.programTitle,
      programStartDate: certificate.startDate,
      programEndDate: certificate.endDate,
      timezone: certificate.timezone,
      hours: certificate.hours,
      ...(certificate.validUntil ? { validUntil: certificate.validUntil } : {}),
      basis: {
        ...(certificate.attendanceRate != null ? { attendanceRate: certificate.attendanceRate } : {}),
        ...(certificate.score != null ? { score: certificate.score } : {}),
        ...(certificate.passingScore != null ? { passingScore: certificate.passingScore } : {}),
      },
      topics: certificate.topics,
      hostName: certificate.issuer.name,
      ...(design ? { design } : {}),
      language,
      revoked,
    });
    // A concurrent request of another replica may have stored it first: theirs is the same document.
    await this.dataSource.query(
      `INSERT INTO certificate_documents (certificate_id, language, revoked, pdf) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [certificate.id, language, revoked, pdf],
    );
    return pdf;
  }

  /**
   * A sample certificate of the program with its host's current design,
   * stamped SAMPLE, for a made-up holder; never stored.
   */
  async preview(programId: string, language: Locale): Promise<Buffer> {
    const [program] = (await this.dataSource.query(
      `SELECT p.title, p.start_date AS "startDate", p.end_date AS "endDate", p.timezone, p.passing_score AS "passingScore",
              p.min_attendance_rate AS "minAttendanceRate", p.host_institution_id AS "hostId", h.name AS "hostName"
         FROM programs p JOIN institutions h ON h.id = p.host_institution_id
        WHERE p.id = $1`,
      [programId],
    )) as {
      title: LocalizedText;
      startDate: string;
      endDate: string;
      timezone: string;
      passingScore: string | number | null;
      minAttendanceRate: string | number;
      hostId: string;
      hostName: LocalizedText;
    }[];
    if (!program) throw ProblemException.notFound();
    const topics = await this.topics(programId);
    const design = await this.designs.current(program.hostId);
    const holder = SAMPLE_HOLDERS[language];
    const passingScore = program.passingScore === null ? undefined : Number(program.passingScore);
    const code = 'SAMP-LE00-0000-0000-0000-0000';
    return this.pool.render({
      serial: `SB-${program.startDate.slice(0, 4)}-000000`,
      verificationUrl: `${this.config.publicUrl}/verify/${code}`,
      verificationCode: code,
      issuedOn: program.endDate,
      holderName: holder.name,
      holderNameLatin: holder.latin,
      programTitle: program.title,
      programStartDate: program.startDate,
      programEndDate: program.endDate,
      timezone: program.timezone,
      hours: sumHours(topics),
      basis: {
        attendanceRate: Math.max(Number(program.minAttendanceRate), 0.95),
        ...(passingScore !== undefined ? { score: Math.min(100, passingScore + 12), passingScore } : {}),
      },
      topics,
      hostName: program.hostName,
      ...(design ? { design } : {}),
      language,
      sample: true,
    });
  }

  /** A program's sessions as the preview's topics: title, start, scheduled hours. */
  private async topics(programId: string): Promise<CertificateTopic[]> {
    const rows = (await this.dataSource.query(
      `SELECT title, starts_at AS "startsAt", extract(epoch FROM ends_at - starts_at) / 3600 AS hours
         FROM sessions WHERE program_id = $1 AND status <> 'cancelled' ORDER BY starts_at, id`,
      [programId],
    )) as { title: LocalizedText; startsAt: Date; hours: string | number }[];
    return rows.map((r) => ({
      title: r.title,
      startsAt: r.startsAt.toISOString(),
      hours: Math.round(Number(r.hours) * 100) / 100,
    }));
  }

  /** The certificate as issued: its own frozen fields and its state — never a live record. */
  async issued(certificateId: string): Promise<IssuedCertificate> {
    const certificate = await this.dataSource.getRepository(Certificate).findOneBy({ id: certificateId });
    if (!certificate) throw ProblemException.notFound();
    return issuedCertificate(certificate);
  }
}

/** A certificate's frozen fields, as its document is drawn from them. */
export function issuedCertificate(c: Certificate): IssuedCertificate {
  return {
    id: c.id,
    serial: c.serial,
    verificationCode: c.verificationCode,
    issuedAt: c.issuedAt,
    status: c.status,
    holderName: c.holderName,
    holderNameLatin: c.holderNameLatin,
    programTitle: c.programTitle,
    startDate: c.startDate,
    endDate: c.endDate,
    timezone: c.timeZone,
    hours: c.hours,
    validUntil: c.validUntil,
    attendanceRate: c.completion.attendanceRate ?? null,
    score: c.completion.score ?? null,
    passingScore: c.completion.passingScore ?? null,
    topics: c.topics,
    issuer: { institutionId: c.issuerInstitutionId, name: c.issuerName },
  };
}

function sumHours(topics: CertificateTopic[]): number {
  return Math.round(topics.reduce((total, topic) => total + topic.hours, 0) * 100) / 100;
}

/** The calendar date of an instant in a time zone, 'YYYY-MM-DD'. */
function calendarDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}
