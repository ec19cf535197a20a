import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { requestContext } from '../../common/auth/context.decorator';
import { AppConfig } from '../../config';
import { pageLocale, renderProgramHead } from './program-head';
import { PublicCatalogService } from './public-catalog.service';

/** The HTML of `/p/:code`: the web app's index.html with the program's head, in the language asked for. */
@Injectable()
export class PublicProgramPages {
  constructor(
    private readonly catalog: PublicCatalogService,
    private readonly config: AppConfig,
  ) {}

  /** The page, or null for a code that names no public program (the caller answers 404 with the plain app). */
  async render(html: string, request: FastifyRequest): Promise<string | null> {
    const ctx = requestContext(request);
    this.catalog.hit(ctx);
    const { code } = request.params as { code: string };
    const program = await this.catalog.find(code);
    if (!program) return null;
    const { lang } = (request.query ?? {}) as { lang?: unknown };
    const locale = pageLocale(lang, request.headers['accept-language']);
    return renderProgramHead(html, program, locale, this.config.publicUrl);
  }
}
