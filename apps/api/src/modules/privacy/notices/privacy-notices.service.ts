import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type PrivacyNotice, type PrivacyNoticeRecipient } from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { signedIn, type RequestContext } from '../../../common/auth/viewer';
import { ProblemException } from '../../../common/problem/problem.exception';
import { AppConfig } from '../../../config';
import { AuditService } from '../../audit/audit.service';
import { Institution } from '../../institutions/institution.entity';
import { PrivacyNoticeRecord } from '../privacy-notice.entity';
import { CreatePrivacyNoticeDto, NOTICE_VERSION_PATTERN } from './dto/privacy-notice.dto';

export const NOTICE_PUBLISHED = 'privacy-notice.publish';

export function toPrivacyNotice(record: PrivacyNoticeRecord): PrivacyNotice {
  return {
    version: record.version,
    publishedAt: record.publishedAt.toISOString(),
    text: record.text,
    controller: record.controller,
    contact: record.contact,
    recipients: record.recipients,
    retentionYears: record.retentionYears,
  };
}

/** The privacy notice: versions written once, the newest published one current. */
@Injectable()
export class PrivacyNoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  private newestFirst(manager: EntityManager): Promise<PrivacyNoticeRecord[]> {
    return manager.find(PrivacyNoticeRecord, { order: { publishedAt: 'DESC', version: 'DESC' } });
  }

  async current(): Promise<PrivacyNotice> {
    const [newest] = await this.dataSource.manager.find(PrivacyNoticeRecord, {
      order: { publishedAt: 'DESC', version: 'DESC' },
      take: 1,
    });
    // The data migration writes the first version; a database without any is broken, not "not found".
    if (!newest) throw new Error('No privacy notice: the migration InitialPrivacyNotice did not run');
    return toPrivacyNotice(newest);
  }

  async get(version: string): Promise<PrivacyNotice> {
    // Not a version's shape (or text PostgreSQL would refuse): no such notice.
    if (!NOTICE_VERSION_PATTERN.test(version)) throw ProblemException.notFound();
    const record = await this.dataSource.manager.findOneBy(PrivacyNoticeRecord, { version });
    if (!record) throw ProblemException.notFound();
    return toPrivacyNotice(record);
  }

  async list(): Promise<PrivacyNotice[]> {
    return (await this.newestFirst(this.dataSource.manager)).map(toPrivacyNotice);
  }

  /** The versions that exist among `versions` (to validate what a client says it was shown). */
  async existing(manager: EntityManager, versions: string[]): Promise<Set<string>> {
    if (versions.length === 0) return new Set();
    const rows = (await manager.query(`SELECT version FROM privacy_notices WHERE version = ANY($1::text[])`, [
      [...new Set(versions)],
    ])) as { version: string }[];
    return new Set(rows.map((r) => r.version));
  }

  async publish(dto: CreatePrivacyNoticeDto, ctx: RequestContext): Promise<PrivacyNotice> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      const recipients: PrivacyNoticeRecipient[] =
        dto.recipients?.map((r) => ({ institutionId: r.institutionId, name: r.name, country: r.country })) ??
        (
          await manager.find(Institution, {
            where: { kind: 'partner' },
            order: { code: 'ASC' },
            select: { id: true, name: true, country: true },
          })
        ).map((i) => ({ institutionId: i.id, name: i.name, country: i.country }));
      // Written once: an existing version is never overwritten, whoever got there first.
      const inserted = (await manager.query(
        `INSERT INTO privacy_notices (version, text, controller, contact, recipients, retention_years, published_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (version) DO NOTHING
         RETURNING version`,
        [
          dto.version,
          JSON.stringify(dto.text),
          JSON.stringify(dto.controller),
          dto.contact,
          JSON.stringify(recipients),
          this.config.RETENTION_YEARS,
          viewer.userId,
        ],
      )) as unknown[];
      if (inserted.length === 0) throw ProblemException.conflict(ErrorCode.NoticeVersionExists);
      await this.audit.record(manager, ctx, {
        action: NOTICE_PUBLISHED,
        entityType: 'privacy_notice',
        details: { version: dto.version, recipients: recipients.length },
      });
      return toPrivacyNotice(await manager.findOneByOrFail(PrivacyNoticeRecord, { version: dto.version }));
    });
  }
}
