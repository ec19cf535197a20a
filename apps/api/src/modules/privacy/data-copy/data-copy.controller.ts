import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { DataExport, Page } from '@skillbridge/contracts';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { Authenticated } from '../../../common/auth/access.decorator';
import { Ctx } from '../../../common/auth/context.decorator';
import type { RequestContext } from '../../../common/auth/viewer';
import { ApiFileResponse, ApiPageResponse, ApiProblems } from '../../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../../common/validation/uuid-param';
import { DataCopyService } from './data-copy.service';
import { DataExportWorker } from './data-export-worker';
import { DataExportDto } from './dto/data-export.dto';

const exportPath = (id: string) => `/api/v1/me/data-exports/${id}`;

@ApiTags('privacy')
@Controller()
export class DataCopyController {
  constructor(
    private readonly copies: DataCopyService,
    private readonly worker: DataExportWorker,
  ) {}

  @Get('me/data')
  @Authenticated()
  @ApiOperation({
    summary:
      'A copy of everything held about the caller, as a ZIP of JSON and CSV files (TH PDPA s.30–31, MY PDPA s.43A, PIPL art. 45). A big copy (over 2,000 rows, or certificates still to render) is made off the request path: 202 with the export and its Location.',
  })
  @ApiFileResponse('application/zip', 'The copy: README.txt, <part>.json and <part>.csv, certificates/')
  // Explicitly JSON: the operation produces application/zip, which would otherwise be the 202's media type too.
  @ApiExtraModels(DataExportDto)
  @ApiAcceptedResponse({
    description: 'Too big to make now: the export that will hold it (see Location)',
    content: { 'application/json': { schema: { $ref: getSchemaPath(DataExportDto) } } },
  })
  @ApiProblems(401)
  async data(
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable | DataExport> {
    const answer = await this.copies.direct(ctx);
    if (answer.kind === 'export') {
      this.worker.wake();
      reply.status(202).header('location', exportPath(answer.export.id));
      return answer.export;
    }
    reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${answer.filename}"`)
      .header('content-language', ctx.locale)
      .header('cache-control', 'private, no-store');
    return answer.stream;
  }

  @Post('me/data-exports')
  @Authenticated()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Asks for a copy of the caller’s data, made off the request path; they are told when it is ready.',
  })
  @ApiAcceptedResponse({ type: DataExportDto })
  @ApiProblems(401)
  async request(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<DataExport> {
    const made = await this.copies.request(ctx);
    this.worker.wake();
    reply.header('location', exportPath(made.id));
    return made;
  }

  @Get('me/data-exports')
  @Authenticated()
  @ApiOperation({ summary: 'The caller’s copies, newest first (the last 50).' })
  @ApiPageResponse(DataExportDto)
  @ApiProblems(401)
  list(@Ctx() ctx: RequestContext): Promise<Page<DataExport>> {
    return this.copies.list(ctx);
  }

  @Get('me/data-exports/:id')
  @Authenticated()
  @ApiOperation({ summary: 'One of the caller’s copies: pending, ready (until it expires) or failed.' })
  @ApiOkResponse({ type: DataExportDto })
  @ApiProblems(400, 401, 404)
  get(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<DataExport> {
    return this.copies.get(id, ctx);
  }

  @Get('me/data-exports/:id/download')
  @Authenticated()
  @ApiOperation({
    summary:
      'The ZIP of one of the caller’s ready copies; 404 once it expired (or for anyone else’s), 409 while it is still being made.',
  })
  @ApiFileResponse('application/zip', 'The copy')
  @ApiProblems(400, 401, 404, 409)
  async download(
    @UuidParam('id') id: string,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { filename, body } = await this.copies.download(id, ctx);
    reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'private, no-store');
    return body;
  }
}
