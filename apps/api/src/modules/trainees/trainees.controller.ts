import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorCode, Role, type ImportReport, type Page, type Trainee } from '@skillbridge/contracts';
import type { FastifyRequest } from 'fastify';
import { Authenticated, Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiPageResponse, ApiProblems } from '../../common/openapi/api-docs.decorators';
import { ProblemException, type FieldProblem } from '../../common/problem/problem.exception';
import { UuidParam } from '../../common/validation/uuid-param';
import { AccessLog } from '../privacy/access-log.service';
import { CreateTraineeDto } from './dto/create-trainee.dto';
import { ImportReportDto, TraineeDto } from './dto/trainee.dto';
import { TraineeListQueryDto } from './dto/trainee-list-query.dto';
import { UpdateTraineeDto } from './dto/update-trainee.dto';
import { TraineesService } from './trainees.service';
import { ReadsFromReplica } from '../../database/replicas/reads-from-replica.decorator';

/** The uploaded `file` field of a multipart request, read into memory within the configured limit. */
async function uploadedFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new ProblemException(415, ErrorCode.UnsupportedMediaType);
  let part;
  try {
    part = await request.file();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 413)
      throw new ProblemException(413, ErrorCode.PayloadTooLarge);
    throw ProblemException.invalidField('file', 'MULTIPART', 'import.multipart');
  }
  if (!part || part.fieldname !== 'file') {
    throw ProblemException.invalidField('file', 'IS_DEFINED', 'validation.isDefined');
  }
  try {
    return await part.toBuffer();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 413)
      throw new ProblemException(413, ErrorCode.PayloadTooLarge);
    throw error;
  }
}

@ApiTags('trainees')
@Controller('trainees')
export class TraineesController {
  constructor(
    private readonly trainees: TraineesService,
    private readonly accessLog: AccessLog,
  ) {}

  @Get()
  @ReadsFromReplica()
  @Roles(Role.Admin, Role.Partner)
  @ApiOperation({
    summary: 'Trainees (admins: all; partners: their own institution’s); filters institutionId, nationality, q.',
  })
  @ApiPageResponse(TraineeDto)
  @ApiProblems(400, 401, 403)
  async list(@Query() query: TraineeListQueryDto, @Ctx() ctx: RequestContext): Promise<Page<Trainee>> {
    const page = await this.trainees.list(query, ctx);
    await this.accessLog.record(
      ctx,
      page.items.map((t) => ({ traineeId: t.id, userId: t.userId })),
      'trainee-list',
    );
    return page;
  }

  @Post()
  @Roles(Role.Admin, Role.Partner)
  @ApiOperation({ summary: 'Add a trainee (a partner’s join its own institution).' })
  @ApiCreatedResponse({ type: TraineeDto })
  @ApiProblems(400, 401, 403, 409)
  create(@Body() dto: CreateTraineeDto, @Ctx() ctx: RequestContext): Promise<Trainee> {
    return this.trainees.create(dto, ctx);
  }

  @Post('import')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Partner)
  @ApiOperation({
    summary:
      'Import trainees from CSV, Excel “Unicode text” or XLSX, all or nothing; dryRun=true only reports what would happen.',
    description:
      'Text files may be UTF-8 or UTF-16 (with a byte-order mark), GBK/GB18030, Big5 or Windows-874: the encoding is detected and named in `encoding`; a file in none of them is a 400 naming `file` (save it as CSV UTF-8). Headers may be in English, Chinese, Thai or Malay, as the roster export writes them. A real run with errors writes nothing and reports `created: 0, updated: 0`.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiQuery({
    name: 'noticeVersion',
    required: false,
    description: 'A real run: the privacy notice version the people in the file were informed with (required)',
  })
  @ApiQuery({
    name: 'informedAttested',
    required: false,
    type: Boolean,
    description: 'A real run: `true`, the importer attests that the people in the file were informed with that notice',
  })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiProblems(400, 401, 403, 413, 415, 503)
  async import(
    @Req() request: FastifyRequest,
    @Query('dryRun') dryRun: string | undefined,
    @Query('noticeVersion') noticeVersion: string | undefined,
    @Query('informedAttested') informedAttested: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportReport> {
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') {
      throw ProblemException.invalidField('dryRun', 'IS_BOOLEAN', 'validation.isBoolean');
    }
    // Not a file upload at all: that first (415), as before the attestation existed.
    if (!request.isMultipart()) throw new ProblemException(415, ErrorCode.UnsupportedMediaType);
    const real = dryRun !== 'true';
    // A real run writes people's data on their partner's word that they were told how it is used (issue 23).
    const problems: FieldProblem[] = [];
    if (real && (typeof noticeVersion !== 'string' || noticeVersion === '')) {
      problems.push({ field: 'noticeVersion', code: 'IS_DEFINED', messageKey: 'validation.isDefined' });
    } else if (noticeVersion !== undefined && typeof noticeVersion !== 'string') {
      problems.push({ field: 'noticeVersion', code: 'IS_STRING', messageKey: 'validation.isString' });
    }
    if (real && informedAttested === undefined) {
      problems.push({ field: 'informedAttested', code: 'IS_DEFINED', messageKey: 'validation.isDefined' });
    } else if (real && informedAttested !== 'true') {
      problems.push({
        field: 'informedAttested',
        code: 'ATTESTATION_REQUIRED',
        messageKey: 'validation.attestationRequired',
      });
    } else if (informedAttested !== undefined && informedAttested !== 'true' && informedAttested !== 'false') {
      problems.push({ field: 'informedAttested', code: 'IS_BOOLEAN', messageKey: 'validation.isBoolean' });
    }
    if (problems.length) throw ProblemException.validation(problems);
    return this.trainees.import(
      await uploadedFile(request),
      dryRun === 'true',
      ctx,
      real ? { noticeVersion: noticeVersion as string } : undefined,
    );
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One trainee (admins; the trainee’s partner; the trainee themself).' })
  @ApiOkResponse({ type: TraineeDto })
  @ApiProblems(400, 401, 404)
  async get(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<Trainee> {
    const trainee = await this.trainees.get(id, ctx);
    await this.accessLog.record(ctx, [{ traineeId: trainee.id, userId: trainee.userId }], 'trainee');
    return trainee;
  }

  @Patch(':id')
  @Authenticated()
  @ApiOperation({
    summary: 'Change a trainee (admins; the trainee’s partner; the trainee themself, own name and language).',
  })
  @ApiOkResponse({ type: TraineeDto })
  @ApiProblems(400, 401, 404, 409)
  update(@UuidParam('id') id: string, @Body() dto: UpdateTraineeDto, @Ctx() ctx: RequestContext): Promise<Trainee> {
    return this.trainees.update(id, dto, ctx);
  }
}
