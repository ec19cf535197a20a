import {
  negotiateLocale,
  resolveLocalizedText,
  SUPPORTED_LOCALES,
  type Locale,
  type PublicProgram,
} from '@skillbridge/contracts';
import { translate } from '../../common/i18n/translator';
import { formatCertificateDate } from '../certificates/pdf/dates';

/** `<html lang>` of each language, as the web app sets it (LanguageService's HTML_LANG). */
const HTML_LANGS: Record<Locale, string> = { en: 'en', zh: 'zh-CN', th: 'th', ms: 'ms' };
/** og:locale of each language (Open Graph writes language_TERRITORY). */
const OG_LOCALES: Record<Locale, string> = { en: 'en_US', zh: 'zh_CN', th: 'th_TH', ms: 'ms_MY' };

/** `?lang=` when it names one of ours, else the best of Accept-Language, else English. */
export function pageLocale(lang: unknown, acceptLanguage: string | undefined): Locale {
  if (typeof lang === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(lang)) return lang as Locale;
  return negotiateLocale(acceptLanguage);
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** The one-line description of a program: its summary, else its kind, host and dates. */
export function programDescription(program: PublicProgram, locale: Locale): string {
  const summary = resolveLocalizedText(program.summary, locale).trim();
  if (summary) return summary.length > 300 ? `${summary.slice(0, 297)}…` : summary;
  return translate(locale, 'publicCatalog.description', {
    kind: translate(locale, `publicCatalog.kind.${program.kind}`),
    host: resolveLocalizedText(program.hostInstitution.name, locale),
    from: formatCertificateDate(locale, program.startDate),
    to: formatCertificateDate(locale, program.endDate),
  });
}

/** The absolute address of a program's page, in a language. */
export function programPageUrl(publicUrl: string, code: string, locale?: Locale): string {
  const base = `${publicUrl}/p/${encodeURIComponent(code)}`;
  return locale ? `${base}?lang=${locale}` : base;
}

/**
 * The web app's index.html with a program's head: `<html lang>`, `<title>`, the description and the Open Graph
 * and Twitter card tags, every value HTML-escaped, so that chat apps (which run no JavaScript) show a preview.
 */
export function renderProgramHead(html: string, program: PublicProgram, locale: Locale, publicUrl: string): string {
  const title = resolveLocalizedText(program.title, locale) || program.code;
  const description = programDescription(program, locale);
  const url = programPageUrl(publicUrl, program.code, locale);
  const image = `${publicUrl}/api/v1/public/programs/${encodeURIComponent(program.code)}/share.png?lang=${locale}`;
  const meta = (attribute: 'property' | 'name', key: string, value: string) =>
    `<meta ${attribute}="${key}" content="${escapeHtml(value)}" />`;
  const tags = [
    meta('property', 'og:type', 'website'),
    meta('property', 'og:site_name', 'Skillbridge'),
    meta('property', 'og:title', title),
    meta('property', 'og:description', description),
    meta('property', 'og:url', url),
    meta('property', 'og:image', image),
    meta('property', 'og:image:width', '1200'),
    meta('property', 'og:image:height', '630'),
    meta('property', 'og:image:alt', title),
    meta('property', 'og:locale', OG_LOCALES[locale]),
    ...SUPPORTED_LOCALES.filter((other) => other !== locale).map((other) =>
      meta('property', 'og:locale:alternate', OG_LOCALES[other]),
    ),
    meta('name', 'twitter:card', 'summary_large_image'),
    meta('name', 'twitter:title', title),
    meta('name', 'twitter:description', description),
    meta('name', 'twitter:image', image),
    `<link rel="canonical" href="${escapeHtml(url)}" />`,
  ].join('\n    ');
  let out = html.replace(/<html(\s[^>]*)?>/i, (tag) =>
    /\slang=/i.test(tag)
      ? tag.replace(/\slang="[^"]*"/i, ` lang="${HTML_LANGS[locale]}"`)
      : tag.replace(/>$/, ` lang="${HTML_LANGS[locale]}">`),
  );
  out = out.replace(/<title>[\s\S]*?<\/title>/i, () => `<title>${escapeHtml(title)} · Skillbridge</title>`);
  out = out.replace(
    /<meta\s+name="description"[\s\S]*?\/?>/i,
    () => `<meta name="description" content="${escapeHtml(description)}" />`,
  );
  return out.replace(/<\/head>/i, () => `    ${tags}\n  </head>`);
}
