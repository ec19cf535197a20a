import {
  ACCOUNT_NOTIFICATION_KINDS,
  formatCalendarDate,
  zonedDate,
  formatVerificationCode,
  INTL_LOCALES,
  formatZonedRange,
  formatZonedTime,
  resolveLocalizedText,
  type Locale,
  type LocalizedText,
  type NotificationKind,
} from '@skillbridge/contracts';
import { translate, type TranslationParams } from '../../common/i18n/translator';
import { escapeHtml, mailHtml, mailText, unlinkable } from '../../common/mail/mail-text';

/** The stored facts of one notification; see Notifier for what each kind carries. */
export interface NotificationFacts {
  kind: NotificationKind;
  params: Record<string, unknown>;
}

/** A notification in words: a title, its lines, and where it leads in the web app. */
export interface NotificationText {
  title: string;
  lines: string[];
  link: string | null;
}

const isAccountKind = (kind: NotificationKind) => (ACCOUNT_NOTIFICATION_KINDS as readonly string[]).includes(kind);

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** How a value that people typed goes into the words: as it is in the app, unlinkable() in e-mail. */
export type UserText = (value: string) => string;
const asTyped: UserText = (value) => value;

/** The public verification page of a certificate's code, written as it is printed. */
const verifyUrl = (publicUrl: string, code: unknown) => `${publicUrl}/verify/${formatVerificationCode(String(code))}`;

/**
 * "Mon, Mar 3, 2025, 09:00 – 12:00 GMT+7", "2025年3月3日周一 09:00–12:00（GMT+8）": the
 * day with its year (e-mails are kept and read later), in the reader's language and zone,
 * by the formatter the web app's agendas use.
 */
export function formatSpan(startsAt: string, endsAt: string, timeZone: string, locale: Locale): string {
  return formatZonedRange(startsAt, endsAt, timeZone, locale, { withDate: true });
}

/**
 * Whether a session was (`previous`) or is online. Notices store that, never the meeting link itself (see
 * Notifier.sessionChanged); those written before that stored the link, which only counts as "online" here.
 */
function online(params: Record<string, unknown>, previous: boolean): boolean {
  const flag = params[previous ? 'previousOnline' : 'online'];
  return flag === true || text(params[previous ? 'previousMeetingUrl' : 'meetingUrl']) !== null;
}

/** Whether a session's meeting link was replaced by another (also for notices that stored the links). */
function meetingLinkChanged(params: Record<string, unknown>): boolean {
  if (typeof params['meetingLinkChanged'] === 'boolean') return params['meetingLinkChanged'];
  const [now, before] = [text(params['meetingUrl']), text(params['previousMeetingUrl'])];
  return now !== null && before !== null && now !== before;
}

/**
 * The notification's words in `locale`, with times in `timeZone`. Every value
 * that people typed (titles, codes, names, reasons, venues) passes through
 * `userText` — unlinkable() for e-mail.
 */
export function notificationText(
  { kind, params }: NotificationFacts,
  locale: Locale,
  timeZone: string,
  publicUrl: string,
  userText: UserText = asTyped,
): NotificationText {
  const t = (key: string, values: TranslationParams = {}) => translate(locale, key, values);
  const typed = (value: unknown): string | null => {
    const present = text(value);
    return present === null ? null : userText(present);
  };
  const localized = (value: unknown) => userText(resolveLocalizedText(value as LocalizedText, locale));
  const place = (venue: unknown, isOnline: boolean): string | null =>
    [typed(venue), isOnline ? t('notifications.onlineMeeting') : null].filter(Boolean).join(' · ') || null;
  const common: TranslationParams = {
    program: localized(params['programTitle']),
    code: typed(params['programCode']),
  };
  const lines: string[] = [];
  const values: TranslationParams = { ...common };
  if (isAccountKind(kind)) {
    // About the account itself: a body and a note (how long the link works, what to do if it was not you).
    values['email'] = typed(params['email']);
    lines.push(t(`notifications.${kind}.body`, values), t(`notifications.${kind}.note`, values));
    return { title: t(`notifications.${kind}.title`, values), lines, link: text(params['link']) };
  }
  switch (kind) {
    case 'application-received': {
      const latin = typed(params['traineeNameLatin']);
      values['trainee'] = latin ? `${typed(params['traineeName'])} (${latin})` : typed(params['traineeName']);
      lines.push(t('notifications.application-received.body', values));
      break;
    }
    case 'enrolment-nominated': {
      // The nominee reads about themself; their partner's staff about the nominee, by name.
      if (params['audience'] === 'partner') {
        const latin = typed(params['traineeNameLatin']);
        values['trainee'] = latin ? `${typed(params['traineeName'])} (${latin})` : typed(params['traineeName']);
        lines.push(t('notifications.enrolment-nominated.partnerBody', values));
        return {
          title: t('notifications.enrolment-nominated.partnerTitle', values),
          lines,
          link: text(params['link']),
        };
      }
      lines.push(t('notifications.enrolment-nominated.body', values));
      break;
    }
    case 'nomination-decided': {
      const latin = typed(params['traineeNameLatin']);
      values['trainee'] = latin ? `${typed(params['traineeName'])} (${latin})` : typed(params['traineeName']);
      const outcome = ['confirmed', 'waitlisted', 'rejected'].includes(String(params['status']))
        ? String(params['status'])
        : 'confirmed';
      lines.push(t(`notifications.nomination-decided.${outcome}.body`, values));
      const reason = typed(params['reason']);
      if (reason) lines.push(t('notifications.reason', { reason }));
      return {
        title: t(`notifications.nomination-decided.${outcome}.title`, values),
        lines,
        link: text(params['link']),
      };
    }
    case 'enrolment-rejected': {
      lines.push(t('notifications.enrolment-rejected.body', values));
      const reason = typed(params['reason']);
      if (reason) lines.push(t('notifications.reason', { reason }));
      break;
    }
    case 'session-changed': {
      values['session'] = localized(params['sessionTitle']);
      lines.push(t('notifications.session-changed.body', values));
      const now = formatSpan(String(params['startsAt']), String(params['endsAt']), timeZone, locale);
      const before = formatSpan(String(params['previousStartsAt']), String(params['previousEndsAt']), timeZone, locale);
      const where = place(params['venue'], online(params, false));
      const whereBefore = place(params['previousVenue'], online(params, true));
      lines.push(t('notifications.when', { time: now }));
      if (where) lines.push(t('notifications.where', { place: where }));
      if (now !== before) lines.push(t('notifications.whenBefore', { time: before }));
      if (whereBefore && whereBefore !== where) lines.push(t('notifications.whereBefore', { place: whereBefore }));
      if (meetingLinkChanged(params)) lines.push(t('notifications.meetingLinkChanged'));
      break;
    }
    case 'session-cancelled': {
      values['session'] = localized(params['sessionTitle']);
      lines.push(t('notifications.session-cancelled.body', values));
      lines.push(
        t('notifications.when', {
          time: formatSpan(String(params['startsAt']), String(params['endsAt']), timeZone, locale),
        }),
      );
      const where = place(params['venue'], online(params, false));
      if (where) lines.push(t('notifications.where', { place: where }));
      const reason = typed(params['reason']);
      if (reason) lines.push(t('notifications.reason', { reason }));
      break;
    }
    case 'certificate-issued': {
      values['serial'] = text(params['serial']);
      lines.push(t('notifications.certificate-issued.body', values));
      lines.push(t('notifications.verifyAt', { url: verifyUrl(publicUrl, params['verificationCode']) }));
      break;
    }
    case 'certificate-revoked': {
      values['serial'] = text(params['serial']);
      lines.push(t('notifications.certificate-revoked.body', values));
      const reason = typed(params['reason']);
      if (reason) lines.push(t('notifications.reason', { reason }));
      break;
    }
    case 'certificate-reissued': {
      values['serial'] = text(params['serial']);
      values['previousSerial'] = text(params['previousSerial']);
      lines.push(t('notifications.certificate-reissued.body', values));
      const reason = typed(params['reason']);
      if (reason) lines.push(t('notifications.reason', { reason }));
      lines.push(t('notifications.verifyAt', { url: verifyUrl(publicUrl, params['verificationCode']) }));
      break;
    }
    case 'logistics-reminder': {
      // What is missing, as a list in the reader's language ("A, B and C", "A、B和C").
      const missing = Array.isArray(params['missing']) ? params['missing'].map(String) : [];
      values['items'] = new Intl.ListFormat(INTL_LOCALES[locale], { type: 'conjunction' }).format(
        missing.map((item) => t(`notifications.logistics-reminder.items.${item}`)),
      );
      values['date'] = formatCalendarDate(String(params['dueDate']), locale);
      lines.push(t('notifications.logistics-reminder.body', values));
      break;
    }
    case 'privacy-request-received':
    case 'erasure-request-received': {
      // The due date as the reader's calendar writes it (Thai: Buddhist era), in their zone.
      values['date'] = formatCalendarDate(zonedDate(String(params['dueAt']), timeZone), locale, { month: 'long' });
      lines.push(t(`notifications.${kind}.body`, values));
      if (kind === 'erasure-request-received') {
        lines.push(
          t(
            params['keepCertificatesVerifiable'] === true
              ? 'notifications.erasure-request-received.certificatesKept'
              : 'notifications.erasure-request-received.certificatesRevoked',
          ),
        );
      }
      break;
    }
    case 'erasure-request-refused': {
      lines.push(t('notifications.erasure-request-refused.body', values));
      const reason = typed(params['reason']);
      if (reason) lines.push(t('notifications.reason', { reason }));
      break;
    }
    case 'program-cancelled': {
      // Who it concerns picks the words: the trainee's own enrolment ended; a partner's people (how many);
      // an instructor's sessions. Notices written before that carry no audience and keep the plain words.
      const audience = text(params['audience']);
      values['count'] = typeof params['count'] === 'number' ? params['count'] : 0;
      lines.push(t('notifications.program-cancelled.body', values));
      if (audience === 'trainee' || audience === 'partner') {
        lines.push(t(`notifications.program-cancelled.${audience}`, values));
      }
      break;
    }
    case 'data-export-ready': {
      values['expires'] = formatZonedTime(String(params['expiresAt']), timeZone, locale, { withDate: true });
      lines.push(t('notifications.data-export-ready.body', values));
      break;
    }
    default:
      lines.push(t(`notifications.${kind}.body`, values));
  }
  return { title: t(`notifications.${kind}.title`, values), lines, link: text(params['link']) };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The e-mail of a notification, HTML and plain text, in the recipient's
 * language and zone (as they were when the event happened). What people
 * typed is unlinkable() in both parts; only the system's own URLs are links
 * (see common/mail/mail-text.ts).
 */
export function renderEmail(
  facts: NotificationFacts & { locale: Locale; timeZone: string },
  publicUrl: string,
): RenderedEmail {
  const { locale, timeZone } = facts;
  const t = (key: string, values: TranslationParams = {}) => translate(locale, key, values);
  const { title, lines, link } = notificationText(facts, locale, timeZone, publicUrl, unlinkable);
  const typedName = text(facts.params['name']);
  const name = typedName === null ? null : unlinkable(typedName);
  const greeting = name ? t('mail.greeting', { name }) : t('mail.greetingNoName');
  const product = t('mail.product');
  const url = link ? `${publicUrl}${link}` : null;
  const account = isAccountKind(facts.kind);
  const action = account ? t(`mail.actions.${facts.kind}`, { product }) : t('mail.open', { product });
  const footer = account
    ? t('mail.footerAccount', { product })
    : t('mail.footer', { product, profileUrl: `${publicUrl}/profile`, timeZone });
  // Every e-mail links the privacy notice (issue 23), in the reader's language.
  const privacy = t('mail.privacy', { url: `${publicUrl}/privacy` });
  const textBody = [greeting, '', ...lines, ...(url ? ['', `${action}: ${url}`] : []), '', '-- ', footer, privacy]
    .map((line) => mailText(line, publicUrl))
    .join('\n');
  const html = `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="format-detection" content="telephone=no, date=no, address=no, email=no, url=no"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f4f6f8;font-family:'Noto Sans','Noto Sans SC','Noto Sans Thai',Arial,sans-serif;color:#1b2430">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-weight:700;color:#0b5cad">${escapeHtml(product)}</p>
<h1 style="font-size:20px;margin:0 0 16px">${mailHtml(title, publicUrl)}</h1>
<p>${mailHtml(greeting, publicUrl)}</p>
${lines.map((line) => `<p>${mailHtml(line, publicUrl)}</p>`).join('\n')}
${url ? `<p><a href="${escapeHtml(url)}" style="display:inline-block;background:#0b5cad;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action)}</a></p>` : ''}
<p style="margin-top:24px;font-size:12px;color:#5b6675">${mailHtml(footer, publicUrl)}</p>
<p style="margin:8px 0 0;font-size:12px;color:#5b6675">${mailHtml(privacy, publicUrl)}</p>
</div>
</body>
</html>
`;
  return { subject: t('mail.subject', { product, title }), text: textBody, html };
}
