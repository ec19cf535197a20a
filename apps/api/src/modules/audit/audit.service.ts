import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AUDIT_ACTIONS,
  auditActionsOf,
  auditCategoryOf,
  auditChangesOf,
  type AuditAction,
  type AuditActionOption,
  type AuditCategory,
  type AuditChange,
  type AuditEvent as AuditEventView,
  type AuditRecord,
  type LocalizedText,
  type Page,
} from '@skillbridge/contracts';
import { isUUID } from 'class-validator';
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
    if (query.category) {
      const [where, params] = categoryCondition(query.category);
      qb.andWhere(where, params);
    }
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
    const changesOf = new Map(page.items.map((e) => [e.id, auditChangesOf(e.details)]));
    const wanted = [
      ...page.items.filter((e) => e.entityId !== null).map((e) => ({ type: e.entityType, id: e.entityId as string })),
      ...[...changesOf.values()].flat().flatMap(referencesOf),
    ];
    const [actors, records] = await Promise.all([this.actors(page.items), this.records(wanted)]);
    return {
      items: page.items.map((e) => ({
        id: e.id,
        occurredAt: e.occurredAt.toISOString(),
        actorId: e.actorId,
        actorRole: e.actorRole,
        actor: e.actorId
          ? { id: e.actorId, name: null, email: null, ...actors.get(e.actorId), role: e.actorRole }
          : null,
        action: e.action,
        category: auditCategoryOf(e.action, e.details),
        entityType: e.entityType,
        entityId: e.entityId,
        record: e.entityId
          ? (records.get(`${e.entityType}:${e.entityId}`) ?? { type: e.entityType, id: e.entityId, label: null })
          : null,
        requestId: e.requestId,
        ip: e.ip,
        details: { ...(e.subject ? { subject: e.subject } : {}), ...e.details },
        changes: (changesOf.get(e.id) ?? []).map((change) => withLabels(change, records)),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** The actions one can filter by, each with its category. */
  actions(): AuditActionOption[] {
    return (Object.keys(AUDIT_ACTIONS) as AuditAction[]).map((action) => ({
      action,
      category: AUDIT_ACTIONS[action],
    }));
  }

  /**
   * The people who acted, as their accounts read now — a join for display,
   * never written back into the events: a name changed or anonymized since
   * shows as it is now, a removed account as no name.
   */
  private async actors(events: AuditEvent[]): Promise<Map<string, { name: string | null; email: string }>> {
    const ids = [...new Set(events.map((e) => e.actorId).filter((id): id is string => id !== null))];
    if (!ids.length) return new Map();
    const rows: { id: string; name: string | null; email: string }[] = await this.dataSource.query(
      `SELECT u.id, coalesce(t.full_name, u.full_name, u.pending_profile->>'fullName') AS name, u.email
         FROM users u LEFT JOIN trainees t ON t.user_id = u.id
        WHERE u.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
  }

  /** A label for each record the events are about (code, serial, name), read now for display only. */
  private async records(wanted: { type: string; id: string }[]): Promise<Map<string, AuditRecord>> {
    const idsOf = (type: string) => [
      ...new Set(wanted.filter((w) => w.type === type && isUUID(w.id)).map((w) => w.id)),
    ];
    const parts = RECORD_LABELS.filter(([type]) => idsOf(type).length > 0);
    if (!parts.length) return new Map();
    const rows: { type: string; id: string; label: string | null; title: LocalizedText | null }[] =
      await this.dataSource.query(
        parts
          .map(([type, sql], i) => `SELECT '${type}' AS type, x.* FROM (${sql.replace('$1', `$${i + 1}`)}) x`)
          .join(' UNION ALL '),
        parts.map(([type]) => idsOf(type)),
      );
    return new Map(
      rows.map((r) => [
        `${r.type}:${r.id}`,
        { type: r.type, id: r.id, label: r.label, ...(r.title ? { title: r.title } : {}) },
      ]),
    );
  }
}

/** Fields of stored details that name another record by id, and that record's type. */
const REFERENCES: Record<string, string> = {
  programId: 'program',
  fromProgramId: 'program',
  traineeId: 'trainee',
  institutionId: 'institution',
  hostInstitutionId: 'institution',
  partnerInstitutionIds: 'institution',
  enrolmentId: 'enrolment',
  userId: 'user',
};

function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return isUUID(value) ? [value] : [];
  return Array.isArray(value) ? value.flatMap(idsIn) : [];
}

/** The records a change names by id (a program's id, an institution's), to be labelled. */
function referencesOf(change: AuditChange): { type: string; id: string }[] {
  const type = REFERENCES[change.field];
  if (!type) return [];
  return [...idsIn(change.before), ...idsIn(change.after)].map((id) => ({ type, id }));
}

/** A change whose values are ids, with the labels of the records they name (the values stay as stored). */
function withLabels(change: AuditChange, records: Map<string, AuditRecord>): AuditChange {
  const type = REFERENCES[change.field];
  if (!type) return change;
  const label = (value: unknown): string | undefined => {
    const ids = idsIn(value);
    const labels = ids.map((id) => records.get(`${type}:${id}`)?.label).filter((l): l is string => !!l);
    return ids.length > 0 && labels.length === ids.length ? labels.join(', ') : undefined;
  };
  const beforeLabel = 'before' in change ? label(change.before) : undefined;
  const afterLabel = label(change.after);
  return { ...change, ...(beforeLabel ? { beforeLabel } : {}), ...(afterLabel ? { afterLabel } : {}) };
}

/** Per record type: a query of `id, label, title` for the ids in $1. */
const RECORD_LABELS: [string, string][] = [
  ['program', `SELECT p.id::text AS id, p.code AS label, p.title FROM programs p WHERE p.id = ANY($1::uuid[])`],
  [
    'session',
    `SELECT s.id::text AS id, p.code AS label, s.title FROM sessions s JOIN programs p ON p.id = s.program_id
      WHERE s.id = ANY($1::uuid[])`,
  ],
  [
    'institution',
    `SELECT i.id::text AS id, i.code AS label, i.name AS title FROM institutions i WHERE i.id = ANY($1::uuid[])`,
  ],
  [
    'certificate',
    `SELECT c.id::text AS id, c.serial || ' · ' || c.holder_name AS label, NULL::jsonb AS title
       FROM certificates c WHERE c.id = ANY($1::uuid[])`,
  ],
  [
    'trainee',
    `SELECT t.id::text AS id, t.full_name || coalesce(' (' || t.full_name_latin || ')', '') AS label, NULL::jsonb AS title
       FROM trainees t WHERE t.id = ANY($1::uuid[])`,
  ],
  [
    'instructor',
    `SELECT i.id::text AS id, i.full_name AS label, NULL::jsonb AS title FROM instructors i WHERE i.id = ANY($1::uuid[])`,
  ],
  [
    'enrolment',
    `SELECT e.id::text AS id, t.full_name || ' · ' || p.code AS label, p.title
       FROM enrolments e JOIN trainees t ON t.id = e.trainee_id JOIN programs p ON p.id = e.program_id
      WHERE e.id = ANY($1::uuid[])`,
  ],
  [
    'user',
    `SELECT u.id::text AS id,
            coalesce(coalesce(t.full_name, u.full_name, u.pending_profile->>'fullName') || ' · ', '') || u.email AS label,
            NULL::jsonb AS title
       FROM users u LEFT JOIN trainees t ON t.user_id = u.id WHERE u.id = ANY($1::uuid[])`,
  ],
];

/** A WHERE condition for one category: the same rule as auditCategoryOf, in SQL. */
function categoryCondition(category: AuditCategory): [string, Record<string, unknown>] {
  const legacyProfile = `(e.action = 'user.update' AND e.details @> '{"self": true}'::jsonb)`;
  if (category === 'data') {
    return [
      `(e.action <> ALL(:notData) AND NOT ${legacyProfile})`,
      { notData: [...auditActionsOf('access'), ...auditActionsOf('profile')] },
    ];
  }
  if (category === 'profile') {
    return [`(e.action = ANY(:profile) OR ${legacyProfile})`, { profile: auditActionsOf('profile') }];
  }
  return ['e.action = ANY(:access)', { access: auditActionsOf('access') }];
}
