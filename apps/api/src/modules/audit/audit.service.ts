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

  /**
   * Several events of one request in one INSERT (bulk decisions, closing a
   * program): the entries go as arrays, so the statement has nine parameters
   * however many there are — a row per parameter set would hit PostgreSQL's
   * 65,535-parameter limit at about 7,000 events.
   */
  async recordMany(manager: EntityManager, ctx: RequestContext, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO audit_events (actor_id, actor_role, request_id, ip, action, entity_type, entity_id, subject, details)
       SELECT $1, $2, $3, $4::inet, e.action, e.entity_type, e.entity_id, e.subject, e.details
         FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
              WITH ORDINALITY AS e(action, entity_type, entity_id, subject, details, ord)
        ORDER BY e.ord`,
      [
        ctx.viewer?.userId ?? null,
        ctx.viewer?.role ?? null,
        ctx.requestId,
        ctx.ip || null,
        entries.map((e) => e.action),
        entries.map((e) => e.entityType),
        entries.map((e) => e.entityId ?? null),
        entries.map((e) => e.subject ?? null),
        entries.map((e) => JSON.stringify(withoutSecrets(e.details ?? {}))),
      ],
    );
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
        { expression: 'e.occurred_at', property: 'occurredAt', type: 'timestamp' },
        { expression: 'e.id', property: 'id', type: 'uuid' },
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
