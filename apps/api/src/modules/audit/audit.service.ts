import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEvent as AuditEventView, Page } from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../../common/auth/viewer';
import { paginate } from '../../common/pagination/keyset';
import { AuditEvent } from './audit-event.entity';
import { AuditEventListQueryDto } from './dto/audit-event-list-query.dto';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  subject?: string | null;
  details?: Record<string, unknown>;
}

/** Fields whose values never enter the audit trail, whatever the change. */
const SECRET_FIELDS = new Set(['password', 'passwordHash', 'currentPassword', 'newPassword', 'secretHash']);

export function withoutSecrets(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([key]) => !SECRET_FIELDS.has(key)));
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records an event with the request's actor, id and client IP. Pass the
   * transaction's EntityManager so the event commits — or rolls back — with
   * the change it describes.
   */
  async record(manager: EntityManager, ctx: RequestContext, entry: AuditEntry): Promise<void> {
    await this.recordMany(manager, ctx, [entry]);
  }

  /** Several events of one request in one INSERT (bulk decisions, imports). */
  async recordMany(manager: EntityManager, ctx: RequestContext, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const events = entries.map((entry) => this.toEvent(manager, ctx, entry));
    await manager.save(AuditEvent, events, { reload: false });
  }

  private toEvent(manager: EntityManager, ctx: RequestContext, entry: AuditEntry): AuditEvent {
    return manager.create(AuditEvent, {
      actorId: ctx.viewer?.userId ?? null,
      actorRole: ctx.viewer?.role ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      subject: entry.subject ?? null,
      requestId: ctx.requestId,
      ip: ctx.ip || null,
      details: withoutSecrets(entry.details ?? {}),
    });
  }

  async list(query: AuditEventListQueryDto): Promise<Page<AuditEventView>> {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: query.to });
    const page = await paginate(qb, {
      keys: [
        { expression: 'e.occurred_at', property: 'occurredAt' },
        { expression: 'e.id', property: 'id' },
      ],
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return {
      items: page.items.map((e) => ({
        id: e.id,
        occurredAt: e.occurredAt.toISOString(),
        actorId: e.actorId,
        actorRole: e.actorRole,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        requestId: e.requestId,
        ip: e.ip,
        details: { ...(e.subject ? { subject: e.subject } : {}), ...e.details },
      })),
      nextCursor: page.nextCursor,
    };
  }
}
