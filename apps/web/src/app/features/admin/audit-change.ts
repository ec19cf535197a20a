import {
  LOCALE_NATIVE_NAMES,
  formatCalendarDate,
  formatZonedTime,
  isLocale,
  resolveLocalizedText,
  type Locale,
  type LocalizedText,
} from '@skillbridge/contracts';

/** The fields the catalogs have words for (`audit.changeFields.<field>`); others show as stored. */
export const AUDIT_FIELD_KEYS = new Set([
  'status',
  'code',
  'name',
  'title',
  'summary',
  'kind',
  'country',
  'email',
  'fullName',
  'fullNameLatin',
  'nationality',
  'preferredLocale',
  'timeZone',
  'timezone',
  'role',
  'disabled',
  'institutionId',
  'programId',
  'traineeId',
  'enrolmentId',
  'userId',
  'capacity',
  'startDate',
  'endDate',
  'startsAt',
  'endsAt',
  'deliveryMode',
  'venue',
  'meetingUrl',
  'reason',
  'serial',
  'replaces',
  'score',
  'marks',
  'present',
  'late',
  'absent',
  'excused',
  'completed',
  'notCompleted',
  'rows',
  'created',
  'updated',
  'type',
]);

/** Fields whose values are words of a catalog section, by the record type the event is about. */
const VALUE_SECTIONS: Record<string, (entityType: string) => string | null> = {
  status: (type) => (type === 'enrolment' ? 'enrolmentStatuses' : type === 'program' ? 'programStatuses' : null),
  role: () => 'roles',
  kind: (type) => (type === 'institution' ? 'institutionKinds' : type === 'program' ? 'programKinds' : null),
  deliveryMode: () => 'deliveryModes',
  type: (type) => (type === 'session' ? 'sessionTypes' : null),
};

const LOCALES = new Set(['en', 'zh', 'th', 'ms']);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What formatting a value needs from the page: its words and the viewer's language and zone. */
export interface AuditFormatContext {
  entityType: string;
  locale: Locale;
  zone: string;
  /** A catalog word, or null when the catalog has none for the key. */
  word: (key: string) => string | null;
  /** A country's name for its ISO code. */
  country: (code: string) => string;
}

function isLocalizedText(value: object): value is LocalizedText {
  const keys = Object.keys(value);
  return (
    keys.length > 0 && keys.every((k) => LOCALES.has(k)) && Object.values(value).every((v) => typeof v === 'string')
  );
}

/** The label of a changed field in the viewer's language, or the field as stored when there is no word for it. */
export function auditFieldLabel(field: string, ctx: AuditFormatContext): string {
  return (AUDIT_FIELD_KEYS.has(field) && ctx.word(`audit.changeFields.${field}`)) || field;
}

/**
 * A value of a change for people: statuses, roles and kinds in words, a
 * language by its name, localized text in the viewer's language, instants
 * and dates in the viewer's zone and language, yes/no, lists joined; "—"
 * for nothing. Anything else as compact JSON.
 */
export function formatAuditValue(field: string, value: unknown, ctx: AuditFormatContext): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return ctx.word(value ? 'audit.values.yes' : 'audit.values.no') ?? String(value);
  if (typeof value === 'number') return new Intl.NumberFormat(ctx.locale).format(value);
  if (typeof value === 'string') {
    const section = VALUE_SECTIONS[field]?.(ctx.entityType);
    if (section) return ctx.word(`${section}.${value}`) ?? value;
    if (field === 'preferredLocale' && isLocale(value)) return LOCALE_NATIVE_NAMES[value];
    if ((field === 'country' || field === 'nationality') && /^[A-Z]{2}$/.test(value)) return ctx.country(value);
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
      return formatZonedTime(value, ctx.zone, ctx.locale, { withDate: true });
    }
    if (CALENDAR_DATE.test(value)) return formatCalendarDate(value, ctx.locale);
    return value;
  }
  if (Array.isArray(value)) {
    return value.length ? value.map((v) => formatAuditValue(field, v, ctx)).join(', ') : '—';
  }
  if (typeof value === 'object' && isLocalizedText(value)) return resolveLocalizedText(value, ctx.locale);
  return JSON.stringify(value);
}
