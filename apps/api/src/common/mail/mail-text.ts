/**
 * Text in e-mails: what people typed is never a link; only links the system
 * builds (under PUBLIC_URL) are.
 *
 * Mail clients turn anything URL-like into a link by themselves — in the
 * text/plain part always, and in the HTML part too — so a rejection reason
 * "see evil.example.com/login" or a name "www.x.co" would arrive as a
 * clickable link in a message that comes from us. Escaping HTML does not stop
 * that. So, in every mail template, for both parts:
 *
 * 1. every value a person typed (names, reasons, titles, venues, codes) goes
 *    through `unlinkable()` before it is put into the text;
 * 2. the HTML part is made with `mailHtml()` (or `escapeHtml()` where no
 *    markup may go, e.g. `<title>`), which escapes, and makes `<a href>`
 *    links of the system's own URLs only.
 *
 * `unlinkable()` puts an invisible U+200C ZERO WIDTH NON-JOINER on both sides
 * of each character that URLs, domain names and e-mail addresses need (`.`,
 * `:`, `@`, `/`, `\` and their full-width and ideographic forms), which is
 * the usual way to keep mail clients from linkifying text. Why this one:
 * linkifiers treat it as neither a letter of a host nor a scheme, so
 * `evil‌.‌example‌.‌com` has no known top-level domain and `https‌:‌/‌/` no
 * scheme; and if a lax linkifier still made a link of it, the link would be
 * dead — a ZWNJ is not allowed in a host name, whereas a WORD JOINER or a
 * ZERO WIDTH SPACE is silently dropped from it (the link would reach the real
 * host). In HTML each one is also an element boundary (`<span>&zwnj;</span>`),
 * for clients that linkify text node by text node. The text reads the same;
 * a copy of it carries the invisible characters, which is the point.
 *
 * The text/plain part gets the same treatment (no quoting or mangling that
 * people would see). Export for every kind of e-mail: notifications, account
 * e-mails (verification, password reset), anything later.
 */

const BREAKER = '\u200c';
/** What links are made of: `.` `:` `@` `/` `\` and their full-width / ideographic forms (hosts accept 。．｡ as dots). */
const SEPARATORS = /([.:@/\\\u3002\uff0e\uff61\uff1a\uff20\uff0f\uff3c])/g;
/** A URL in a line: from the scheme to the last character that is not closing punctuation. */
const URL_IN_TEXT = /(https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]}\u3001\u3002\uff09])/g;
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text a person typed, ready to be put into an e-mail (either part) without ever becoming a link. */
export function unlinkable(value: string): string {
  return value.replace(SEPARATORS, `${BREAKER}$1${BREAKER}`);
}

/** Text as HTML character data or an attribute value: `& < > " '` escaped. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/** Whether `url` is one the system built: the web app's address or a path under it. */
export function isSystemUrl(url: string, publicUrl: string): boolean {
  const base = publicUrl.replace(/\/+$/, '');
  return url === base || url.startsWith(`${base}/`);
}

/** Escaped text whose breakers are also element boundaries. */
function inertHtml(text: string): string {
  return escapeHtml(text).replace(/\u200c/g, '<span>&zwnj;</span>');
}

/**
 * A line of e-mail text (user values already `unlinkable()`) as HTML:
 * escaped, the system's own URLs as `<a href>` links, any other URL kept as
 * inert text — it can only have come from a value someone forgot to pass
 * through `unlinkable()`, and it is made unlinkable here as well.
 */
export function mailHtml(line: string, publicUrl: string): string {
  return line
    .split(URL_IN_TEXT)
    .map((part, i) => {
      if (i % 2 === 0) return inertHtml(part);
      if (!isSystemUrl(part, publicUrl)) return inertHtml(unlinkable(part));
      return `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>`;
    })
    .join('');
}

/**
 * A line of the text/plain part: as it is, except that a URL that is not the
 * system's own is made unlinkable (the same safety net as in mailHtml).
 */
export function mailText(line: string, publicUrl: string): string {
  return line
    .split(URL_IN_TEXT)
    .map((part, i) => (i % 2 === 0 || isSystemUrl(part, publicUrl) ? part : unlinkable(part)))
    .join('');
}
