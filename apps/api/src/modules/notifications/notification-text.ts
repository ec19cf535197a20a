import {
  ACCOUNT_NOTIFICATION_KINDS,
  formatZonedTime,
  resolveLocalizedText,
  type Locale,
  type LocalizedText,
  type NotificationKind,
} from '@skillbridge/contracts';
import { translate, type TranslationParams } from '../../common/i18n/translator';

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

/** "Mon, 3 Mar, 09:00 – 12:00 GMT+7", in the reader's language and zone. */
export function formatSpan(startsAt: string, endsAt: string, timeZone: string, locale: Locale): string {
  const start = formatZonedTime(startsAt, timeZone, locale, { withDate: true, zoneName: false });
  const end = formatZonedTime(endsAt, timeZone, locale);
  return `${start} – ${end}`;
}

function place(venue: unknown, meetingUrl: unknown): string | null {
  return [text(venue), text(meetingUrl)].filter(Boolean).join(' · ') || null;
}

/** The notification's words in `locale`, with times in `timeZone`. */
export function notificationText(
  { kind, params }: NotificationFacts,
  locale: Locale,
  timeZone: string,
  publicUrl: string,
): NotificationText {
  const t = (key: string, values: TranslationParams = {}) => translate(locale, key, values);
  const common: TranslationParams = {
    program: resolveLocalizedText(params['programTitle'] as LocalizedText, locale),
    code: text(params['programCode']),
  };
  const lines: string[] = [];
  const values: TranslationParams = { ...common };
  if (isAccountKind(kind)) {
    // About the account itself: a body and a note (how long the link works, what to do if it was not you).
    values['email'] = text(params['email']);
    lines.push(t(`notifications.${kind}.body`, values), t(`notifications.${kind}.note`, values));
    return { title: t(`notifications.${kind}.title`, values), lines, link: text(params['link']) };
  }
  switch (kind) {
    case 'application-received': {
      const latin = text(params['traineeNameLatin']);
      values['trainee'] = latin ? `${text(params['traineeName'])} (${latin})` : text(params['traineeName']);
      lines.push(t('notifications.application-received.body', values));
      break;
    }
    case 'enrolment-rejected': {
      lines.push(t('notifications.enrolment-rejected.body', values));
      const reason = text(params['reason']);
      if (reason) lines.push(t('notifications.reason', { reason }));
      break;
    }
    case 'session-changed': {
      values['session'] = resolveLocalizedText(params['sessionTitle'] as LocalizedText, locale);
      lines.push(t('notifications.session-changed.body', values));
      const now = formatSpan(String(params['startsAt']), String(params['endsAt']), timeZone, locale);
      const before = formatSpan(String(params['previousStartsAt']), String(params['previousEndsAt']), timeZone, locale);
      const where = place(params['venue'], params['meetingUrl']);
      const whereBefore = place(params['previousVenue'], params['previousMeetingUrl']);
      lines.push(t('notifications.when', { time: now }));
      if (where) lines.push(t('notifications.where', { place: where }));
      if (now !== before) lines.push(t('notifications.whenBefore', { time: before }));
      if (whereBefore && whereBefore !== where) lines.push(t('notifications.whereBefore', { place: whereBefore }));
      break;
    }
    case 'certificate-issued': {
      values['serial'] = text(params['serial']);
      lines.push(t('notifications.certificate-issued.body', values));
      lines.push(t('notifications.verifyAt', { url: `${publicUrl}/verify/${String(params['verificationCode'])}` }));
      break;
    }
    default:
      lines.push(t(`notifications.${kind}.body`, values));
  }
  return { title: t(`notifications.${kind}.title`, values), lines, link: text(params['link']) };
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** URLs in a line of text as links, the rest escaped. */
function linkify(line: string): string {
  return line
    .split(/(https?:\/\/[^\s<>"']+)/g)
    .map((part, i) => (i % 2 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join('');
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The e-mail of a notification, HTML and plain text, in the recipient's
 * language and zone (as they were when the event happened).
 */
export function renderEmail(
  facts: NotificationFacts & { locale: Locale; timeZone: string },
  publicUrl: string,
): RenderedEmail {
  const { locale, timeZone } = facts;
  const t = (key: string, values: TranslationParams = {}) => translate(locale, key, values);
  const { title, lines, link } = notificationText(facts, locale, timeZone, publicUrl);
  const name = text(facts.params['name']);
  const greeting = name ? t('mail.greeting', { name }) : t('mail.greetingNoName');
  const product = t('mail.product');
  const url = link ? `${publicUrl}${link}` : null;
  const account = isAccountKind(facts.kind);
  const action = account ? t(`mail.actions.${facts.kind}`, { product }) : t('mail.open', { product });
  const footer = account
    ? t('mail.footerAccount', { product })
    : t('mail.footer', { product, profileUrl: `${publicUrl}/profile`, timeZone });
  const textBody = [greeting, '', ...lines, ...(url ? ['', `${action}: ${url}`] : []), '', '-- ', footer].join('\n');
  const html = `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f4f6f8;font-family:'Noto Sans','Noto Sans SC','Noto Sans Thai',Arial,sans-serif;color:#1b2430">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-weight:700;color:#0b5cad">${escapeHtml(product)}</p>
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>
<p>${escapeHtml(greeting)}</p>
${lines.map((line) => `<p>${linkify(line)}</p>`).join('\n')}
${url ? `<p><a href="${escapeHtml(url)}" style="display:inline-block;background:#0b5cad;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action)}</a></p>` : ''}
<p style="margin-top:24px;font-size:12px;color:#5b6675">${linkify(footer)}</p>
</div>
</body>
</html>
`;
  return { subject: t('mail.subject', { product, title }), text: textBody, html };
}
