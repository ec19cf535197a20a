import type { Role } from './enums';
import type { LocalizedText } from './localized-text';

/**
 * What an event is about, for the people reading the trail:
 * - `access`: signing in and out, two-factor, passwords, e-mail address, sign-ins (sessions), calendar links;
 * - `profile`: a person's own language, time zone and name;
 * - `data`: changes to records (programs, enrolments, certificates, accounts made by an admin, …).
 */
export const AUDIT_CATEGORIES = ['data', 'access', 'profile'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

/**
 * Every action the API records, with its category. The list is the one the
 * filter offers and the one the web app has words for: an action missing
 * here is still listed (as `data`) but cannot be picked.
 */
export const AUDIT_ACTIONS = {
  'auth.login': 'access',
  'auth.login_failed': 'access',
  'auth.mfa_failed': 'access',
  'auth.unlock': 'access',
  'auth.register': 'access',
  'auth.verification_sent': 'access',
  'auth.verification_resent': 'access',
  'auth.password_reset_requested': 'access',
  'auth.email_change_requested': 'access',
  'auth.sign_in_end': 'access',
  'auth.sign_in_end_others': 'access',
  'user.password_change': 'access',
  'user.password_reset': 'access',
  'user.mfa_enable': 'access',
  'user.mfa_disable': 'access',
  'user.recovery_codes_replace': 'access',
  'user.email_change': 'access',
  'user.email_verify': 'access',
  'calendar-feed.rotate': 'access',
  'user.profile_update': 'profile',
  'user.create': 'data',
  'user.update': 'data',
  'user.delete': 'data',
  'institution.create': 'data',
  'institution.update': 'data',
  'certificateDesign.update': 'data',
  'certificateDesign.image': 'data',
  'certificateDesign.imageRemove': 'data',
  'credential-key.rotate': 'data',
  'program.create': 'data',
  'program.update': 'data',
  'program.publish': 'data',
  'program.cancel': 'data',
  'program.complete': 'data',
  'program.duplicate': 'data',
  'session.create': 'data',
  'session.update': 'data',
  'session.cancel': 'data',
  'session.delete': 'data',
  'instructor.create': 'data',
  'instructor.update': 'data',
  'trainee.create': 'data',
  'trainee.update': 'data',
  'trainee.import': 'data',
  'trainee.link': 'data',
  'enrolment.create': 'data',
  'enrolment.approve': 'data',
  'enrolment.reject': 'data',
  'enrolment.withdraw': 'data',
  'enrolment.promote': 'data',
  'enrolment.nominate': 'data',
  'enrolment.accept': 'data',
  'enrolment.cancel': 'data',
  'enrolment.select': 'data',
  'enrolment.assess': 'data',
  'attendance.put': 'data',
  'attendance.patch': 'data',
  'attendance.import': 'data',
  'check-in.open': 'data',
  'check-in.close': 'data',
  'check-in.record': 'data',
  'certificate.issue': 'data',
  'certificate.reissue': 'data',
  'certificate.revoke': 'data',
  'logistics.settings': 'data',
  'logistics.update': 'data',
  'logistics.consent': 'data',
  'logistics.passport_read': 'data',
  'logistics.passport_delete': 'data',
  'room.create': 'data',
  'room.update': 'data',
  'room.delete': 'data',
  'room.assign': 'data',
  'invitation-letter.issue': 'data',
  'privacy-notice.publish': 'data',
  'consent.give': 'profile',
  'consent.withdraw': 'profile',
  'privacy.data_copy': 'access',
  'privacy.erasure_request': 'data',
  'privacy.erasure_complete': 'data',
  'privacy.erasure_refuse': 'data',
  'retention.run': 'data',
} as const satisfies Record<string, AuditCategory>;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The actions of one category. */
export function auditActionsOf(category: AuditCategory): AuditAction[] {
  return (Object.keys(AUDIT_ACTIONS) as AuditAction[]).filter((a) => AUDIT_ACTIONS[a] === category);
}

/**
 * An event's category. Before `user.profile_update` existed, a person's own
 * change of language, zone or name was stored as `user.update` with
 * `details.self`: it is a profile event all the same.
 */
export function auditCategoryOf(action: string, details?: Record<string, unknown>): AuditCategory {
  if (action === 'user.update' && details?.['self'] === true) return 'profile';
  return (AUDIT_ACTIONS as Record<string, AuditCategory>)[action] ?? 'data';
}

/** The record types the API writes audit events for. */
export const AUDIT_ENTITY_TYPES = [
  'certificate',
  'enrolment',
  'institution',
  'privacy_request',
  'instructor',
  'job_run',
  'program',
  'session',
  'sign_in',
  'trainee',
  'user',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** The person who acted, as the account reads now (an anonymized person shows as anonymized). */
export interface AuditActor {
  id: string;
  /** Null when the account no longer exists. */
  name: string | null;
  email: string | null;
  /** The role at the time of the event. */
  role: Role | null;
}

/** The record an event is about, named for people: read at display time, never stored in the event. */
export interface AuditRecord {
  type: string;
  id: string;
  /** A code, serial, name or e-mail; null when the record no longer exists. */
  label: string | null;
  /** A localized title beside the label (a program's, a session's, an institution's name). */
  title?: LocalizedText;
}

/** One field of a change: before is absent when the event did not record it. */
export interface AuditChange {
  field: string;
  before?: unknown;
  after?: unknown;
  /** When a value is the id of a record (`programId`, `institutionId`): that record's label, read now. */
  beforeLabel?: string;
  afterLabel?: string;
}

/** One recorded change or security event: who did what to which record, when. */
export interface AuditEvent {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: Role | null;
  actor: AuditActor | null;
  /** `<entity>.<verb>`, e.g. `institution.create`, `auth.login_failed`. */
  action: string;
  category: AuditCategory;
  entityType: string;
  entityId: string | null;
  record: AuditRecord | null;
  requestId: string | null;
  ip: string | null;
  /** As stored (with `subject`, the e-mail of a sign-in failure, when there is one). */
  details: Record<string, unknown>;
  /** The fields the event changed, read from its details: `{ from, to }` pairs and plain new values. */
  changes: AuditChange[];
}

export interface AuditEventListQuery {
  category?: AuditCategory;
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** GET /audit-events/actions: the actions one can filter by, each with its category. */
export interface AuditActionOption {
  action: AuditAction;
  category: AuditCategory;
}

/** Details keys that say how an event came about rather than what changed. */
const NOT_CHANGES = new Set(['self', 'subject']);

function isFromTo(value: unknown): value is { from: unknown; to: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 2 &&
    'from' in value &&
    'to' in value
  );
}

/**
 * The readable change of an event, from its details as stored: a field stored
 * as `{ from, to }` gives before and after; a top-level `from`/`to` pair (a
 * status change) is the field `status`; any other value is an after alone
 * (creations and older updates stored the new values only).
 */
export function auditChangesOf(details: Record<string, unknown>): AuditChange[] {
  const changes: AuditChange[] = [];
  const rest = { ...details };
  if ('from' in rest && 'to' in rest && typeof rest['from'] !== 'object' && typeof rest['to'] !== 'object') {
    changes.push({ field: 'status', before: rest['from'], after: rest['to'] });
    delete rest['from'];
    delete rest['to'];
  }
  for (const [field, value] of Object.entries(rest)) {
    if (NOT_CHANGES.has(field)) continue;
    if (isFromTo(value)) changes.push({ field, before: value.from, after: value.to });
    else changes.push({ field, after: value });
  }
  return changes;
}
