import { Injectable } from '@nestjs/common';
import { resolveLocalizedText, type Locale, type PublicProgram } from '@skillbridge/contracts';
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../common/auth/viewer';
import { translate } from '../../common/i18n/translator';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config';
import { CertificateRenderPool } from '../certificates/documents/render-pool';
import { formatCertificateDate } from '../certificates/pdf/dates';
import type { PosterDocument } from './poster-pdf';
import { programPageUrl } from './program-head';
import { PublicCatalogService } from './public-catalog.service';
import type { ShareImageDocument } from './share-image';

/** Shaping tags of our languages. */
const LANGUAGE_TAGS: Record<Locale, string> = { en: 'en', zh: 'zh-Hans', th: 'th', ms: 'ms' };
/** Rendered images and posters kept in memory (each ~50–300 KB): the busiest programs' in every language. */
const CACHE_ENTRIES = 128;

export interface RenderedMedia {
  /** Null when the caller's If-None-Match already names this version (answer 304, nothing rendered). */
  body: Buffer | null;
  etag: string;
}

/** A calendar date of an instant in a time zone, 'YYYY-MM-DD'. */
function zonedDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

/**
 * The share image and the poster of a public program. Both are drawn from a small document of words in one
 * language; its hash is the ETag (a changed title, date or venue is a new one), so a repeated request is a
 * 304 without rendering, and the rendered bytes are kept in an in-memory LRU by that hash (each replica its
 * own: rendering again is cheap next to keeping images in PostgreSQL). Rendering runs in the render pool's
 * threads, never on the event loop.
 */
@Injectable()
export class PublicMediaService {
  private readonly cache = new Map<string, Buffer>();
  private readonly inFlight = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly catalog: PublicCatalogService,
    private readonly pool: CertificateRenderPool,
    private readonly config: AppConfig,
  ) {}

  private async program(code: string, ctx: RequestContext): Promise<PublicProgram> {
    this.catalog.hit(ctx);
    const program = await this.catalog.find(code);
    if (!program) throw ProblemException.notFound();
    return program;
  }

  private dates(program: PublicProgram, locale: Locale): string {
    const from = formatCertificateDate(locale, program.startDate);
    return program.startDate === program.endDate ? from : `${from} – ${formatCertificateDate(locale, program.endDate)}`;
  }

  private venue(program: PublicProgram, locale: Locale): string {
    return program.venue ?? (program.deliveryMode === 'online' ? translate(locale, 'publicCatalog.online') : '');
  }

  shareImageDocument(program: PublicProgram, locale: Locale): ShareImageDocument {
    const venue = this.venue(program, locale);
    return {
      language: LANGUAGE_TAGS[locale],
      eyebrow: `${translate(locale, `publicCatalog.kind.${program.kind}`)} · ${resolveLocalizedText(program.hostInstitution.name, locale)}`,
      title: resolveLocalizedText(program.title, locale) || program.code,
      footer: venue ? `${this.dates(program, locale)} · ${venue}` : this.dates(program, locale),
      code: program.code,
    };
  }

  posterDocument(program: PublicProgram, locale: Locale): PosterDocument {
    const facts = [{ label: translate(locale, 'publicCatalog.dates'), value: this.dates(program, locale) }];
    const venue = this.venue(program, locale);
    if (venue) facts.push({ label: translate(locale, 'publicCatalog.venue'), value: venue });
    if (program.enrolmentClosesAt) {
      const date = formatCertificateDate(locale, zonedDate(program.enrolmentClosesAt, program.timezone));
      facts.push({ label: '', value: translate(locale, 'publicCatalog.window', { date }) });
    }
    const summary = resolveLocalizedText(program.summary, locale);
    return {
      language: LANGUAGE_TAGS[locale],
      kind: translate(locale, `publicCatalog.kind.${program.kind}`),
      title: resolveLocalizedText(program.title, locale) || program.code,
      host: resolveLocalizedText(program.hostInstitution.name, locale),
      ...(summary ? { summary } : {}),
      facts: facts.filter((fact) => fact.value),
      url: programPageUrl(this.config.publicUrl, program.code),
      callToAction: translate(locale, 'publicCatalog.enrol'),
    };
  }

  async shareImage(code: string, locale: Locale, ctx: RequestContext, ifNoneMatch?: string): Promise<RenderedMedia> {
    const document = this.shareImageDocument(await this.program(code, ctx), locale);
    return this.rendered('share', document, ifNoneMatch, () => this.pool.renderShareImage(document));
  }

  async poster(code: string, locale: Locale, ctx: RequestContext, ifNoneMatch?: string): Promise<RenderedMedia> {
    const document = this.posterDocument(await this.program(code, ctx), locale);
    return this.rendered('poster', document, ifNoneMatch, () => this.pool.renderPoster(document));
  }

  private async rendered(
    kind: string,
    document: object,
    ifNoneMatch: string | undefined,
    render: () => Promise<Buffer>,
  ): Promise<RenderedMedia> {
    const hash = createHash('sha256').update(kind).update(JSON.stringify(document)).digest('base64url');
    const etag = `"${hash.slice(0, 27)}"`;
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return { body: null, etag };
    const cached = this.cache.get(hash);
    if (cached) {
      // Most recently used last.
      this.cache.delete(hash);
      this.cache.set(hash, cached);
      return { body: cached, etag };
    }
    // One render for a burst of the same request (a link posted in a busy group).
    let pending = this.inFlight.get(hash);
    if (!pending) {
      pending = render().finally(() => this.inFlight.delete(hash));
      this.inFlight.set(hash, pending);
    }
    const body = await pending;
    this.cache.set(hash, body);
    while (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    return { body, etag };
  }
}
