import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CONSENT_PURPOSES,
  ERASURE_ON_WITHDRAWAL_PURPOSES,
  ErrorCode,
  REQUIRED_CONSENT_PURPOSES,
  type ConsentGrant,
  type ConsentPurpose,
  type ConsentRecordView,
  type ConsentSource,
  type LogisticsConsentRecordView,
  type MyConsents,
} from '@skillbridge/contracts';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { signedIn, type RequestContext } from '../../../common/auth/viewer';
import { FieldProblem, ProblemException } from '../../../common/problem/problem.exception';
import { AuditService, type AuditEntry } from '../../audit/audit.service';
import { ConsentRecord } from '../consent.entity';
import { PrivacyNoticesService } from '../notices/privacy-notices.service';
import { ConsentGrantDto } from './dto/consent.dto';

export const CONSENT_GIVEN = 'consent.give';
export const CONSENT_WITHDRAWN = 'consent.withdraw';

function toView(record: ConsentRecord): ConsentRecordView {
  return {
    id: record.id,
    purpose: record.purpose,
    noticeVersion: record.noticeVersion,
    source: record.source,
    givenAt: record.givenAt.toISOString(),
    withdrawnAt: record.withdrawnAt?.toISOString() ?? null,
    erasureOnWithdrawal: ERASURE_ON_WITHDRAWAL_PURPOSES.includes(record.purpose),
  };
}

interface LogisticsConsentRow {
  id: string;
  enrolmentId: string;
  programId: string;
  programCode: string;
  programTitle: LogisticsConsentRecordView['programTitle'];
  purpose: LogisticsConsentRecordView['purpose'];
  noticeVersion: string;
  collected: LogisticsConsentRecordView['collected'];
  givenAt: Date;
  withdrawnAt: Date | null;
}

/**
 * Consents to the privacy notice (issue 23): given at registration, on the
 * profile page, or attested by the partner that imported the person; and the
 * person's own view of them, with the separate consents of camp logistics.
 * A consent is written once; withdrawing sets `withdrawn_at`, giving again
 * adds a row, so the history of what was agreed to which version stays.
 */
@Injectable()
export class ConsentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: PrivacyNoticesService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The consents of a registration, checked against the notice versions that
   * exist and the purposes the contract requires; the problems name the fields.
   */
  async checkGrants(manager: EntityManager, grants: ConsentGrant[]): Promise<void> {
    const problems: FieldProblem[] = [];
    const versions = await this.notices.existing(
      manager,
      grants.map((g) => g.noticeVersion),
    );
    grants.forEach((grant, index) => {
      if (!versions.has(grant.noticeVersion)) {
        problems.push({
          field: `consents[${index}].noticeVersion`,
          code: 'UNKNOWN_NOTICE_VERSION',
          messageKey: 'validation.unknownNoticeVersion',
        });
      }
    });
    const given = new Set(grants.map((g) => g.purpose));
    const missing = REQUIRED_CONSENT_PURPOSES.filter((p) => !given.has(p));
    if (missing.length) {
      problems.push({
        field: 'consents',
        code: 'CONSENT_REQUIRED',
        messageKey: 'validation.consentRequired',
        params: { purposes: missing.join(', ') },
      });
    }
    if (problems.length) throw ProblemException.validation(problems);
  }

  /** Writes checked grants for a person (one row per purpose) and returns the audit entries to record. */
  async record(
    manager: EntityManager,
    person: { userId: string | null; traineeId?: string | null },
    grants: ConsentGrant[],
    source: ConsentSource,
    recordedBy: string | null = null,
  ): Promise<AuditEntry[]> {
    const byPurpose = new Map(grants.map((g) => [g.purpose, g]));
    const entries: AuditEntry[] = [];
    for (const grant of byPurpose.values()) {
      await manager.insert(ConsentRecord, {
        userId: person.userId,
        traineeId: person.traineeId ?? null,
        purpose: grant.purpose,
        noticeVersion: grant.noticeVersion,
        source,
        recordedBy,
      });
      entries.push({
        action: CONSENT_GIVEN,
        entityType: person.userId ? 'user' : 'trainee',
        entityId: person.userId ?? person.traineeId ?? null,
        details: { purpose: grant.purpose, noticeVersion: grant.noticeVersion, source },
      });
    }
    return entries;
  }

  /** The caller's consents: their account's, and those recorded for their trainee record (an attested import). */
  async mine(ctx: RequestContext): Promise<MyConsents> {
    const viewer = signedIn(ctx);
    const manager = this.dataSource.manager;
    const consents = await manager
      .createQueryBuilder(ConsentRecord, 'c')
      .where('c.user_id = :userId', { userId: viewer.userId })
      .orWhere(viewer.traineeId ? 'c.trainee_id = :traineeId' : 'false', { traineeId: viewer.traineeId })
      .orderBy('c.given_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getMany();
    const logistics = viewer.traineeId
      ? ((await manager.query(
          `SELECT lc.id, lc.enrolment_id AS "enrolmentId", e.program_id AS "programId", p.code AS "programCode",
                  p.title AS "programTitle", lc.purpose, lc.notice_version AS "noticeVersion", lc.collected,
                  lc.given_at AS "givenAt", lc.withdrawn_at AS "withdrawnAt"
             FROM logistics_consents lc
             JOIN enrolments e ON e.id = lc.enrolment_id
             JOIN programs p ON p.id = e.program_id
            WHERE e.trainee_id = $1
            ORDER BY lc.given_at DESC, lc.id DESC`,
          [viewer.traineeId],
        )) as LogisticsConsentRow[])
      : [];
    return {
      consents: consents.map(toView),
      logistics: logistics.map((row) => ({
        ...row,
        givenAt: new Date(row.givenAt).toISOString(),
        withdrawnAt: row.withdrawnAt ? new Date(row.withdrawnAt).toISOString() : null,
      })),
    };
  }

  /** Gives a consent on the profile page; one already in force is kept as it is. */
  async give(dto: ConsentGrantDto, ctx: RequestContext): Promise<ConsentRecordView> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      const versions = await this.notices.existing(manager, [dto.noticeVersion]);
      if (!versions.has(dto.noticeVersion)) {
        throw ProblemException.invalidField(
          'noticeVersion',
          'UNKNOWN_NOTICE_VERSION',
          'validation.unknownNoticeVersion',
        );
      }
      // Serialises the caller's own consent changes (two tabs, a double click).
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`consents:${viewer.userId}`]);
      const inForce = await manager.findOne(ConsentRecord, {
        where: { userId: viewer.userId, purpose: dto.purpose, noticeVersion: dto.noticeVersion, withdrawnAt: IsNull() },
      });
      if (inForce) return toView(inForce);
      const entries = await this.record(
        manager,
        { userId: viewer.userId, traineeId: viewer.traineeId },
        [dto],
        'profile',
      );
      await this.audit.recordMany(manager, ctx, entries);
      const created = await manager.findOneOrFail(ConsentRecord, {
        where: { userId: viewer.userId, purpose: dto.purpose, noticeVersion: dto.noticeVersion, withdrawnAt: IsNull() },
      });
      return toView(created);
    });
  }

  /**
   * Withdraws an optional consent of the caller (every version in force). A
   * consent the programs cannot run without is withdrawn by erasure: 409
   * CONSENT_NEEDS_ERASURE, and the page points to the erasure request.
   */
  async withdraw(purpose: string, ctx: RequestContext): Promise<void> {
    const viewer = signedIn(ctx);
    if (!(CONSENT_PURPOSES as readonly string[]).includes(purpose)) {
      throw ProblemException.invalidField('purpose', 'IS_IN', 'validation.isIn', {
        values: CONSENT_PURPOSES.join(', '),
      });
    }
    if (ERASURE_ON_WITHDRAWAL_PURPOSES.includes(purpose as ConsentPurpose)) {
      throw ProblemException.conflict(ErrorCode.ConsentNeedsErasure);
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`consents:${viewer.userId}`]);
      const withdrawn = (await manager.query(
        `UPDATE consents SET withdrawn_at = clock_timestamp()
          WHERE purpose = $1 AND withdrawn_at IS NULL
            AND (user_id = $2 OR ($3::uuid IS NOT NULL AND trainee_id = $3::uuid))
          RETURNING notice_version AS "noticeVersion"`,
        [purpose, viewer.userId, viewer.traineeId],
      )) as [{ noticeVersion: string }[], number];
      const rows = withdrawn[0];
      if (rows.length === 0) return;
      await this.audit.record(manager, ctx, {
        action: CONSENT_WITHDRAWN,
        entityType: 'user',
        entityId: viewer.userId,
        details: { purpose, noticeVersions: [...new Set(rows.map((r) => r.noticeVersion))] },
      });
    });
  }

  /**
   * Withdraws a separate consent of camp logistics (the caller's own
   * enrolment): every version of it for that enrolment stops being on record,
   * and the data it allowed — the passport or the dietary part of the
   * enrolment's logistics — is deleted at once. New data of that kind then
   * needs a new consent (the logistics service only counts consents in force).
   */
  async withdrawLogistics(id: string, ctx: RequestContext): Promise<void> {
    const viewer = signedIn(ctx);
    await this.dataSource.transaction(async (manager) => {
      const [consent] = (await manager.query(
        `SELECT lc.enrolment_id AS "enrolmentId", lc.purpose, e.program_id AS "programId", e.trainee_id AS "traineeId"
           FROM logistics_consents lc JOIN enrolments e ON e.id = lc.enrolment_id
          WHERE lc.id = $1 AND e.trainee_id = $2
          FOR UPDATE OF lc`,
        [id, viewer.traineeId],
      )) as { enrolmentId: string; purpose: 'passport' | 'dietary'; programId: string; traineeId: string }[];
      // Someone else's consent is not there for the caller.
      if (!consent) throw ProblemException.notFound();
      const [withdrawn] = (await manager.query(
        `UPDATE logistics_consents SET withdrawn_at = clock_timestamp()
          WHERE enrolment_id = $1 AND purpose = $2 AND withdrawn_at IS NULL
          RETURNING notice_version AS "noticeVersion"`,
        [consent.enrolmentId, consent.purpose],
      )) as [{ noticeVersion: string }[], number];
      if (withdrawn.length === 0) return;
      const [deleted] = (await manager.query(
        consent.purpose === 'passport'
          ? `UPDATE enrolment_logistics SET passport_sealed = NULL, passport_deleted_at = clock_timestamp(),
                    updated_at = now(), updated_by = $2
              WHERE enrolment_id = $1 AND passport_sealed IS NOT NULL RETURNING enrolment_id`
          : `UPDATE enrolment_logistics SET dietary_sealed = NULL, updated_at = now(), updated_by = $2
              WHERE enrolment_id = $1 AND dietary_sealed IS NOT NULL RETURNING enrolment_id`,
        [consent.enrolmentId, viewer.userId],
      )) as [unknown[], number];
      const entries: AuditEntry[] = [
        {
          action: CONSENT_WITHDRAWN,
          entityType: 'enrolment',
          entityId: consent.enrolmentId,
          details: {
            purpose: consent.purpose,
            programId: consent.programId,
            noticeVersions: [...new Set(withdrawn.map((r) => r.noticeVersion))],
            dataDeleted: deleted.length > 0,
          },
        },
      ];
      if (deleted.length > 0 && consent.purpose === 'passport') {
        entries.push({
          action: 'logistics.passport_delete',
          entityType: 'enrolment',
          entityId: consent.enrolmentId,
          details: { programId: consent.programId, traineeId: consent.traineeId, reason: 'consent-withdrawn' },
        });
      }
      if (deleted.length > 0 && consent.purpose === 'dietary') {
        entries.push({
          action: 'logistics.update',
          entityType: 'enrolment',
          entityId: consent.enrolmentId,
          details: { programId: consent.programId, traineeId: consent.traineeId, sections: [], cleared: ['dietary'] },
        });
      }
      await this.audit.recordMany(manager, ctx, entries);
    });
  }
}
