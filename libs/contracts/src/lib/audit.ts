import type { Role } from './enums';

/** One recorded change or security event: who did what to which record, when. */
export interface AuditEvent {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: Role | null;
  /** `<entity>.<verb>`, e.g. `institution.create`, `auth.login_failed`. */
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditEventListQuery {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}
