import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, PublicProgram, PublicProgramDetail } from '@skillbridge/contracts';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiFileResponse, ApiPageResponse, ApiProblems } from '../../common/openapi/api-docs.decorators';
import {
  PublicMediaQueryDto,
  PublicProgramDetailDto,
  PublicProgramDto,
  PublicProgramListQueryDto,
} from './dto/public-program.dto';
import { PublicCatalogService } from './public-catalog.service';
import { PublicMediaService } from './public-media.service';
import { ReadsFromReplica } from '../../database/replicas/reads-from-replica.decorator';

/** The open catalog (issue 22): no sign-in, rate-limited per client address, never a meeting link. */
@ApiTags('public catalog')
@Controller('public/programs')
export class PublicCatalogController {
  constructor(
    private readonly catalog: PublicCatalogService,
    private readonly media: PublicMediaService,
  ) {}

  @Get()
  @ReadsFromReplica()
  @Public()
  @ApiOperation({
    summary:
      'Published programs open to anyone (no partner list), soonest first, with the seats anyone may still be ' +
      'given and the enrolment window (public; rate-limited). Never meeting links or counts per institution.',
  })
  @ApiPageResponse(PublicProgramDto)
  @ApiProblems(400, 429)
  list(@Query() query: PublicProgramListQueryDto, @Ctx() ctx: RequestContext): Promise<Page<PublicProgram>> {
    return this.catalog.list(query, ctx);
  }

  @Get(':code')
  @ReadsFromReplica()
  @Public()
  @ApiOperation({
    summary:
      'One program of the open catalog by its code, with its agenda (cancelled sessions marked; never meeting ' +
      'links). A draft, closed, cancelled or partner-only program → 404.',
  })
  @ApiOkResponse({ type: PublicProgramDetailDto })
  @ApiProblems(404, 429)
  get(@Param('code') code: string, @Ctx() ctx: RequestContext): Promise<PublicProgramDetail> {
    return this.catalog.get(code, ctx);
  }

  @Get(':code/share.png')
  @Public()
  @ApiOperation({
    summary:
      'The share image of the program (1200×630 PNG, its title in its own script), what chat apps show ' +
      'for a /p/:code link. Cached: ETag and Cache-Control.',
  })
  @ApiFileResponse('image/png', 'The share image')
  @ApiProblems(400, 404, 429)
  async shareImage(
    @Param('code') code: string,
    @Query() query: PublicMediaQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    const image = await this.media.shareImage(code, query.lang ?? ctx.locale, ctx, ifNoneMatch);
    reply.header('etag', image.etag).header('cache-control', 'public, max-age=3600').header('vary', 'Accept-Language');
    if (!image.body) {
      reply.status(304);
      return undefined;
    }
    reply.header('content-type', 'image/png');
    return image.body;
  }

  @Get(':code/poster.pdf')
  @Public()
  @ApiOperation({
    summary:
      'A printable A4 poster of the program: title, dates in its zone, venue, summary and a QR code of its ' +
      'page (PUBLIC_URL/p/:code), in the language asked for.',
  })
  @ApiFileResponse('application/pdf', 'The poster')
  @ApiProblems(400, 404, 429)
  async poster(
    @Param('code') code: string,
    @Query() query: PublicMediaQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    const locale = query.lang ?? ctx.locale;
    const poster = await this.media.poster(code, locale, ctx, ifNoneMatch);
    reply
      .header('etag', poster.etag)
      .header('cache-control', 'public, max-age=3600')
      .header('vary', 'Accept-Language')
      .header('content-disposition', `inline; filename="${code.replace(/[^A-Za-z0-9._-]/g, '_')}-${locale}.pdf"`);
    if (!poster.body) {
      reply.status(304);
      return undefined;
    }
    reply.header('content-type', 'application/pdf');
    return poster.body;
  }
}
