import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DATA_EXPORT_TTL_HOURS, type DataExport, type Page } from '@skillbridge/contracts';
import { stringify } from 'csv-stringify/sync';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { ZipFile } from 'yazl';
import type { RequestContext, Viewer } from '../../../common/auth/viewer';
import { signedIn } from '../../../common/auth/viewer';
import { Secrets } from '../../../common/crypto/secrets';
import { translate } from '../../../common/i18n/translator';
import { ProblemException } from '../../../common/problem/problem.exception';
import { AppConfig } from '../../../config';
import { AuditService } from '../../audit/audit.service';
import { CertificatesService } from '../../certificates/certificates.service';
import { CredentialsService } from '../../credentials/credentials.service';
import { DataExportRecord } from '../data-export.entity';
import { DataCopyReader, type DataCopyPart, type DataSubject } from './data-copy-parts';

/**
 * Above this many rows, or with any certificate PDF still to render, `GET
 * /me/data` answers 202 and the copy is made by the worker instead of on the
 * request path. 2,000 rows make a ZIP of well under a megabyte in well under
 * a second; one unrendered certificate costs the render pool up to a second.
 */
export const DIRECT_COPY_MAX_ROWS = 2_000;

/** A ready copy answered on the request path, or the export that will make it. */
export type DataCopyAnswer =
  { kind: 'zip'; filename: string; stream: Readable } | { kind: 'export'; export: DataExport };

const BOM = '\uFEFF';

/** The parts of the README, in the order of the files. */
const README_FILES = [
  'profile',
  'enrolments',
  'attendance',
  'assessments',
  'certificates',
  'logistics',
  'consents',
  'notifications',
  'sign-ins',
  'privacy-requests',
  'data-accesses',
] as const;

export function toDataExport(r: DataExportRecord): DataExport {
  return {
    id: r.id,
    status: r.status,
    requestedAt: r.requestedAt.toISOString(),
    readyAt: r.readyAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    sizeBytes: r.sizeBytes,
  };
}

/** A part's rows as CSV: a header of every column any row has, UTF-8 with a BOM so Excel reads Thai and Chinese. */
export function partCsv(rows: Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) =>
    columns.map((c) => {
      const v = r[c];
      if (v === null || v === undefined) return '';
      if (v instanceof Date) return v.toISOString();
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    }),
  );
  return BOM + stringify([columns, ...cells], { record_delimiter: '\r\n' });
}

/**
 * A copy of one person's data (TH PDPA s.30–31, MY PDPA s.43A, PIPL art. 45):
 * a ZIP of JSON and CSV files, one pair per part, the certificates' PDFs and
 * credentials, and a README in their language. Small copies stream on the
 * request path; big ones are rows in `data_exports` that DataExportWorker makes.
 */
@Injectable()
export class DataCopyService {
  private readonly logger = new Logger('DataCopy');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly secrets: Secrets,
    private readonly audit: AuditService,
    private readonly certificates: CertificatesService,
    private readonly credentials: CredentialsService,
  ) {}

  private async subjectOf(viewer: Viewer, ctx: RequestContext): Promise<DataSubject> {
    const subject = await DataCopyReader.subject(this.dataSource.manager, viewer.userId, ctx.locale);
    if (!subject) throw ProblemException.notFound();
    return subject;
  }

  /** `GET /me/data`: the ZIP now when it is small and needs no rendering, else a new export (202). */
  async direct(ctx: RequestContext): Promise<DataCopyAnswer> {
    const viewer = signedIn(ctx);
    const subject = await this.subjectOf(viewer, ctx);
    const size = await DataCopyReader.size(this.dataSource.manager, subject);
    if (size.rows > DIRECT_COPY_MAX_ROWS || size.unrendered > 0) {
      return { kind: 'export', export: await this.request(ctx) };
    }
    const entries = await this.entries(subject, ctx);
    await this.dataSource.transaction((manager) => this.recordCopy(manager, ctx, subject, { mode: 'direct' }));
    return { kind: 'zip', filename: this.filename(new Date()), stream: this.zip(entries) };
  }

  /** `POST /me/data-exports`: a copy made off the request path; DataExportWorker picks it up. */
  async request(ctx: RequestContext): Promise<DataExport> {
    const viewer = signedIn(ctx);
    // A copy still being made answers a second request (a double click, a retry): one copy, not two.
    const pending = await this.dataSource
      .getRepository(DataExportRecord)
      .findOne({ where: { userId: viewer.userId, status: 'pending' }, order: { requestedAt: 'DESC' } });
    if (pending) return toDataExport(pending);
    const record = await this.dataSource
      .getRepository(DataExportRecord)
      .save(this.dataSource.getRepository(DataExportRecord).create({ userId: viewer.userId, status: 'pending' }));
    return toDataExport(record);
  }

  async list(ctx: RequestContext): Promise<Page<DataExport>> {
    const rows = await this.dataSource.getRepository(DataExportRecord).find({
      where: { userId: signedIn(ctx).userId },
      order: { requestedAt: 'DESC', id: 'DESC' },
      take: 50,
    });
    return { items: rows.map(toDataExport), nextCursor: null };
  }

  async get(id: string, ctx: RequestContext): Promise<DataExport> {
    const row = await this.dataSource.getRepository(DataExportRecord).findOneBy({ id, userId: signedIn(ctx).userId });
    if (!row) throw ProblemException.notFound();
    return toDataExport(row);
  }

  /**
   * The ZIP of a ready export of the caller. Another person's export, or one
   * past its expiry (its content is as good as deleted), is 404; one still
   * being made is 409.
   */
  async download(id: string, ctx: RequestContext): Promise<{ filename: string; body: Buffer }> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT id, status, ready_at AS "readyAt", content, expires_at <= clock_timestamp() AS expired
           FROM data_exports WHERE id = $1 AND user_id = $2`,
        [id, viewer.userId],
      )) as { id: string; status: string; readyAt: Date | null; content: Buffer | null; expired: boolean | null }[];
      if (!row || row.status === 'failed' || row.expired) throw ProblemException.notFound();
      if (row.status !== 'ready' || !row.content) throw ProblemException.conflict();
      const subject = await this.subjectOf(viewer, ctx);
      await this.recordCopy(manager, ctx, subject, { mode: 'download', exportId: id });
      return { filename: this.filename(row.readyAt ?? new Date()), body: row.content };
    });
  }

  /**
   * Makes the ZIP of export `exportId` for `userId` (the worker's job); the
   * caller stores it. The person is the actor of its audit event.
   */
  async build(userId: string): Promise<{ body: Buffer; subject: DataSubject; ctx: RequestContext }> {
    const subject = await DataCopyReader.subject(this.dataSource.manager, userId, 'en');
    if (!subject) throw new Error(`user ${userId} is gone`);
    const ctx = this.contextOf(subject, 'data-export');
    const entries = await this.entries(subject, ctx);
    const chunks: Buffer[] = [];
    const stream = this.zip(entries);
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { body: Buffer.concat(chunks), subject, ctx };
  }

  /** The person's context, for work done for them off the request path. */
  contextOf(subject: DataSubject, job: string): RequestContext {
    return {
      viewer: {
        userId: subject.userId,
        role: subject.role,
        institutionId: subject.institutionId,
        traineeId: subject.traineeId,
        instructorId: null,
        emailVerified: true,
        mfaSetupRequired: false,
        sessionId: null,
      },
      requestId: `${job}:${subject.userId}:${Date.now()}`,
      ip: '',
      locale: subject.locale,
    };
  }

  async recordCopy(
    manager: EntityManager,
    ctx: RequestContext,
    subject: DataSubject,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(manager, ctx, {
      action: 'privacy.data_copy',
      entityType: 'user',
      entityId: subject.userId,
      details,
    });
  }

  get ttlMs(): number {
    return DATA_EXPORT_TTL_HOURS * 3_600_000;
  }

  private filename(at: Date): string {
    return `skillbridge-my-data-${at.toISOString().slice(0, 10)}.zip`;
  }

  /** Every file of the copy, name → bytes. Certificates come from the render pool (threads) and their store. */
  private async entries(subject: DataSubject, ctx: RequestContext): Promise<Map<string, Buffer | string>> {
    const reader = new DataCopyReader(this.dataSource.manager, this.secrets, this.config.publicUrl);
    const { parts, certificates } = await reader.parts(subject);
    const files = new Map<string, Buffer | string>();
    files.set('README.txt', this.readme(subject, parts));
    for (const part of parts) {
      files.set(`${part.name}.json`, JSON.stringify(part.json ?? part.rows, null, 2) + '\n');
      files.set(`${part.name}.csv`, partCsv(part.rows));
    }
    for (const certificate of certificates) {
      const { body } = await this.certificates.pdf(certificate.id, subject.locale, ctx);
      files.set(`certificates/${certificate.serial}.pdf`, body);
      const credential = await this.credentials.credentialOf(certificate.id, ctx);
      files.set(`certificates/${certificate.serial}.credential.json`, JSON.stringify(credential, null, 2) + '\n');
    }
    return files;
  }

  private readme(subject: DataSubject, parts: DataCopyPart[]): string {
    const t = (key: string, params = {}) => translate(subject.locale, `dataCopy.readme.${key}`, params);
    const present = new Set(parts.map((p) => p.name));
    const lines = [
      t('title'),
      '',
      t('intro', { email: subject.email, date: new Date().toISOString() }),
      '',
      t('formats'),
      '',
    ];
    for (const name of README_FILES) {
      if (present.has(name)) lines.push(`${name}.json, ${name}.csv`, `  ${t(`files.${name}`)}`, '');
    }
    if (present.has('certificates')) lines.push('certificates/', `  ${t('files.certificateFiles')}`, '');
    lines.push(t('contact'));
    return BOM + lines.join('\r\n') + '\r\n';
  }

  /** The ZIP, written while it is read; deflating runs in zlib's thread pool, off the event loop. */
  private zip(files: Map<string, Buffer | string>): Readable {
    const zip = new ZipFile();
    const mtime = new Date();
    for (const [name, content] of files) {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      // A PDF's streams are compressed already: stored, not deflated again.
      zip.addBuffer(bytes, name, { mtime, compress: !name.endsWith('.pdf') });
    }
    zip.end();
    const stream = zip.outputStream as Readable;
    stream.on('error', (error) => this.logger.error(`data copy: ${String(error)}`));
    return stream;
  }
}
