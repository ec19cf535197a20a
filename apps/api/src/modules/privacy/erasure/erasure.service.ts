import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, PRIVACY_REQUEST_DUE_DAYS, Role, type Page, type PrivacyRequest } from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { visibleOr404 } from '../../../common/auth/record-scope';
import { signedIn, type RequestContext } from '../../../common/auth/viewer';
import { paginate } from '../../../common/pagination/keyset';
import { ProblemException } from '../../../common/problem/problem.exception';
import { isUniqueViolation } from '../../../database/errors';
import { AuditService } from '../../audit/audit.service';
import { ViewerLoader } from '../../auth/viewer-loader.service';
import { Trainee } from '../../trainees/trainee.entity';
import { TRAINEE_SCOPE } from '../../trainees/trainee.scope';
import { User } from '../../users/user.entity';
import { PrivacyRequestRecord } from '../privacy-request.entity';
import { Anonymizer } from './anonymizer';
import type { PrivacyRequestListQueryDto } from './dto/erasure.dto';
import { ErasureNotices } from './erasure-notices';

const DAY_MS = 86_400_000;

export function toPrivacyRequest(r: PrivacyRequestRecord): PrivacyRequest {
  return {
    id: r.id,
    userId: r.userId,
    traineeId: r.traineeId,
    email: r.email,
    kind: r.kind,
    keepCertificatesVerifiable: r.keepCertificatesVerifiable,
    requestedAt: r.requestedAt.toISOString(),
    requestedBy: r.requestedByRole,
    dueAt: r.dueAt.toISOString(),
    status: r.status,
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    refusalReason: r.refusalReason,
  };
}

/**
 * Erasure requests (TH PDPA s.33, PIPL art. 47): a person asks — or their
 * partner institution, or an admin, for them — and an admin completes the
 * request (the Anonymizer erases the person everywhere, in one transaction)
 * or refuses it with a reason, within PRIVACY_REQUEST_DUE_DAYS.
 */
@Injectable()
export class ErasureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly anonymizer: Anonymizer,
    private readonly notices: ErasureNotices,
    private readonly viewers: ViewerLoader,
  ) {}

  /** The caller asks for their own erasure. */
  async requestOwn(keepCertificatesVerifiable: boolean, ctx: RequestContext): Promise<PrivacyRequest> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id: viewer.userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw ProblemException.notFound();
      if (user.anonymizedAt) throw ProblemException.conflict(ErrorCode.PersonErased);
      const trainee = await manager.findOne(Trainee, { where: { userId: user.id } });
      return this.open(
        manager,
        {
          userId: user.id,
          traineeId: trainee?.id ?? null,
          email: user.email,
          keepCertificatesVerifiable,
          requestedByRole: 'self',
        },
        ctx,
      );
    });
  }

  /** A partner (its own institution's trainee) or an admin asks for a trainee's erasure. */
  async requestForTrainee(
    traineeId: string,
    keepCertificatesVerifiable: boolean,
    ctx: RequestContext,
  ): Promise<PrivacyRequest> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      const trainee = visibleOr404(
        TRAINEE_SCOPE,
        viewer,
        await manager.findOne(Trainee, { where: { id: traineeId }, lock: { mode: 'pessimistic_write' } }),
      );
      if (trainee.anonymizedAt) throw ProblemException.conflict(ErrorCode.PersonErased);
      return this.open(
        manager,
        {
          userId: trainee.userId,
          traineeId: trainee.id,
          email: trainee.email,
          keepCertificatesVerifiable,
          requestedByRole: viewer.role === Role.Admin ? 'admin' : 'partner',
        },
        ctx,
      );
    });
  }

  private async open(
    manager: EntityManager,
    input: Pick<
      PrivacyRequestRecord,
      'userId' | 'traineeId' | 'email' | 'keepCertificatesVerifiable' | 'requestedByRole'
    >,
    ctx: RequestContext,
  ): Promise<PrivacyRequest> {
    const viewer = signedIn(ctx);
    const pending = await manager
      .createQueryBuilder(PrivacyRequestRecord, 'r')
      .where(`r.status = 'pending'`)
      .andWhere(
        '((:userId::uuid IS NOT NULL AND r.user_id = :userId) OR (:traineeId::uuid IS NOT NULL AND r.trainee_id = :traineeId))',
        {
          userId: input.userId,
          traineeId: input.traineeId,
        },
      )
      .getExists();
    if (pending) throw ProblemException.conflict(ErrorCode.PrivacyRequestPending);
    const requestedAt = new Date();
    let saved: PrivacyRequestRecord;
    try {
      saved = await manager.save(
        manager.create(PrivacyRequestRecord, {
          ...input,
          kind: 'erasure',
          requestedBy: viewer.userId,
          requestedAt,
          dueAt: new Date(requestedAt.getTime() + PRIVACY_REQUEST_DUE_DAYS * DAY_MS),
          status: 'pending',
        }),
      );
    } catch (error) {
      // Two requests at once: the partial unique indexes let one through.
      if (isUniqueViolation(error)) throw ProblemException.conflict(ErrorCode.PrivacyRequestPending);
      throw error;
    }
    await this.audit.record(manager, ctx, {
      action: 'privacy.erasure_request',
      entityType: 'privacy_request',
      entityId: saved.id,
      details: {
        requestedBy: input.requestedByRole,
        keepCertificatesVerifiable: input.keepCertificatesVerifiable,
        dueAt: saved.dueAt.toISOString(),
      },
    });
    await this.notices.requestReceived(manager, saved.id);
    return toPrivacyRequest(saved);
  }

  /** The caller's latest request (any status), for the profile page. */
  async latestOwn(ctx: RequestContext): Promise<PrivacyRequest> {
    const viewer = signedIn(ctx);
    const found = await this.dataSource.getRepository(PrivacyRequestRecord).findOne({
      where: { userId: viewer.userId },
      order: { requestedAt: 'DESC', id: 'DESC' },
    });
    if (!found) throw ProblemException.notFound();
    return toPrivacyRequest(found);
  }

  async list(query: PrivacyRequestListQueryDto): Promise<Page<PrivacyRequest>> {
    const qb = this.dataSource.getRepository(PrivacyRequestRecord).createQueryBuilder('r');
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    const page = await paginate(qb, {
      keys: [
        { expression: 'r.due_at', property: 'dueAt', type: 'timestamp' },
        { expression: 'r.id', property: 'id', type: 'uuid' },
      ],
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(toPrivacyRequest), nextCursor: page.nextCursor };
  }

  /** Completes a request: the person is erased everywhere, in this one transaction, and cannot be restored. */
  async complete(id: string, ctx: RequestContext): Promise<PrivacyRequest> {
    const viewer = signedIn(ctx);
    const result = await this.dataSource.transaction(async (manager) => {
      const request = await this.pendingRequest(manager, id);
      const now = new Date();
      const erased = await this.anonymizer.anonymize(
        manager,
        { userId: request.userId, traineeId: request.traineeId },
        { keepCertificates: request.keepCertificatesVerifiable, revocationReason: 'erasure', now },
        ctx,
      );
      await manager.update(
        PrivacyRequestRecord,
        { id },
        { status: 'completed', decidedAt: now, decidedBy: viewer.userId, email: null },
      );
      // That an erasure happened, when, by whom and what was kept — and nothing about the person.
      await this.audit.record(manager, ctx, {
        action: 'privacy.erasure_complete',
        entityType: 'privacy_request',
        entityId: id,
        details: {
          requestedBy: request.requestedByRole,
          keepCertificatesVerifiable: request.keepCertificatesVerifiable,
          certificatesRevoked: erased.certificatesRevoked,
          auditEventsScrubbed: erased.auditEventsScrubbed,
        },
      });
      return { request: await manager.findOneByOrFail(PrivacyRequestRecord, { id }), userId: erased.userId };
    });
    if (result.userId) this.viewers.forget(result.userId);
    return toPrivacyRequest(result.request);
  }

  async refuse(id: string, reason: string, ctx: RequestContext): Promise<PrivacyRequest> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      const request = await this.pendingRequest(manager, id);
      await manager.update(
        PrivacyRequestRecord,
        { id },
        { status: 'refused', decidedAt: new Date(), decidedBy: viewer.userId, refusalReason: reason },
      );
      await this.audit.record(manager, ctx, {
        action: 'privacy.erasure_refuse',
        entityType: 'privacy_request',
        entityId: id,
        details: { requestedBy: request.requestedByRole },
      });
      await this.notices.requestRefused(manager, id);
      return toPrivacyRequest(await manager.findOneByOrFail(PrivacyRequestRecord, { id }));
    });
  }

  private async pendingRequest(manager: EntityManager, id: string): Promise<PrivacyRequestRecord> {
    const request = await manager.findOne(PrivacyRequestRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw ProblemException.notFound();
    if (request.status !== 'pending') throw ProblemException.conflict(ErrorCode.PrivacyRequestDecided);
    return request;
  }
}
