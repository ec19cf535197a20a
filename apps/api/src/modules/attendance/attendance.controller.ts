import { Body, Controller, Get, Patch, Put, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  Role,
  type Assessment,
  type AttendanceLine,
  type AttendanceSheet,
  type BulkAssessmentResult,
} from '@skillbridge/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';
import { ProblemException } from '../../common/problem/problem.exception';
import { createValidationPipe } from '../../common/validation/validation.pipe';
import { UuidParam } from '../../common/validation/uuid-param';
import { AccessLog } from '../privacy/access-log.service';
import { AttendanceService, type RegisterPrecondition } from './attendance.service';
import {
  AssessmentDto,
  AssessmentRequestDto,
  AttendanceLineDto,
  AttendanceMarkDto,
  AttendanceMarkPatchDto,
  AttendanceMarksDto,
  AttendanceSheetDto,
  BulkAssessmentRequestDto,
  BulkAssessmentResultDto,
} from './dto/attendance.dto';

const pipe = createValidationPipe();

/** Validates a bare JSON array of marks; problems are named by index (`[2].status`). */
async function marksOf(body: unknown): Promise<AttendanceMarkDto[]> {
  if (!Array.isArray(body)) throw ProblemException.invalidField('body', 'IS_ARRAY', 'validation.isArray');
  try {
    const sheet = (await pipe.transform(
      { marks: body },
      { type: 'body', metatype: AttendanceMarksDto },
    )) as AttendanceMarksDto;
    return sheet.marks;
  } catch (error) {
    if (error instanceof ProblemException && error.options.errors) {
      throw ProblemException.validation(
        error.options.errors.map((e) => ({ ...e, field: e.field.replace(/^marks(?=\[|$)/, '') || 'body' })),
      );
    }
    throw error;
  }
}

/** One entity tag of a list (RFC 9110 §8.8.3): optionally weak (`W/`), the opaque part in double quotes. */
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The `If-Match` header as a precondition on the register: absent → none; `*` → any register; else a list of
 * entity tags, of which only strong ones can match. Anything else → 400 naming the header (a client that sends
 * a precondition it cannot spell would otherwise overwrite silently).
 */
export function parseIfMatch(value: string | undefined): RegisterPrecondition | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '*') return '*';
  const tags = trimmed.split(',').map((part) => ENTITY_TAG.exec(part.trim()));
  if (!trimmed || tags.some((tag) => !tag)) {
    throw ProblemException.invalidField('If-Match', 'INVALID_ENTITY_TAG', 'validation.entityTag');
  }
  return { strong: tags.flatMap((tag) => (tag && !tag[1] ? [tag[2]] : [])) };
}

/** Whether `If-None-Match` names the version (weak comparison, RFC 9110 §13.1.2); a malformed one never does. */
function noneMatch(value: string | undefined, version: string): boolean {
  if (value === undefined) return false;
  if (value.trim() === '*') return true;
  return value.split(',').some((part) => ENTITY_TAG.exec(part.trim())?.[2] === version);
}

const etagOf = (version: string) => `"${version}"`;

const ETAG_HEADER = {
  ETag: { description: 'The register’s version in quotes: send it back as If-Match', schema: { type: 'string' } },
};

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description:
    'The ETag of the register the change was made over (or *). Another version now → 412 ATTENDANCE_CHANGED, nothing written; not an entity tag → 400 naming If-Match. Left out: no check.',
};

@ApiTags('attendance')
@Controller()
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly accessLog: AccessLog,
  ) {}

  @Get('sessions/:id/attendance')
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({
    summary:
      'The register: every confirmed trainee of the program with their mark (admins; the session’s instructors).',
  })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'The ETag the client holds: unchanged → 304 with no body',
  })
  @ApiOkResponse({ type: AttendanceSheetDto, headers: ETAG_HEADER })
  @ApiResponse({ status: 304, description: 'The register is still the version named by If-None-Match' })
  @ApiProblems(400, 401, 403, 404)
  async sheet(
    @UuidParam('id') id: string,
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const sheet = await this.attendance.sheet(id, ctx);
    reply.header('etag', etagOf(sheet.version)).header('cache-control', 'private, no-cache');
    if (noneMatch(headerValue(request, 'if-none-match'), sheet.version)) await reply.code(304).send();
    else {
      // A 304 shows nothing new; a register sent is a read of everyone on it.
      await this.accessLog.record(
        ctx,
        sheet.lines.map((line) => ({ traineeId: line.traineeId })),
        'attendance',
      );
      await reply.send(sheet);
    }
  }

  @Put('sessions/:id/attendance')
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({
    summary:
      'Replace the register with [{ traineeId, status }] (present, late, absent, excused); confirmed trainees only.',
  })
  @ApiBody({ type: [AttendanceMarkDto] })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AttendanceSheetDto, description: 'The register as saved', headers: ETAG_HEADER })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async put(
    @UuidParam('id') id: string,
    @Body() body: unknown,
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttendanceSheet> {
    const precondition = parseIfMatch(headerValue(request, 'if-match'));
    const sheet = await this.attendance.put(id, await marksOf(body), ctx, precondition);
    reply.header('etag', etagOf(sheet.version));
    return sheet;
  }

  @Patch('sessions/:id/attendance/:traineeId')
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({
    summary:
      'Set or clear one confirmed trainee’s mark, leaving the others as they are (admins; the session’s instructors). With `previous`, a mark changed meanwhile → 412 with `current`.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AttendanceLineDto, description: 'The trainee’s line as saved', headers: ETAG_HEADER })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async patch(
    @UuidParam('id') id: string,
    @UuidParam('traineeId') traineeId: string,
    @Body() dto: AttendanceMarkPatchDto,
    @Ctx() ctx: RequestContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttendanceLine> {
    const precondition = parseIfMatch(headerValue(request, 'if-match'));
    const { line, version } = await this.attendance.patch(id, traineeId, dto, ctx, precondition);
    reply.header('etag', etagOf(version));
    return line;
  }

  @Put('enrolments/:id/assessment')
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({
    summary: 'Record the assessment score (0–100) of a confirmed enrolment (admins; the program’s instructors).',
  })
  @ApiOkResponse({ type: AssessmentDto })
  @ApiProblems(400, 401, 403, 404, 409)
  assess(
    @UuidParam('id') id: string,
    @Body() dto: AssessmentRequestDto,
    @Ctx() ctx: RequestContext,
  ): Promise<Assessment> {
    return this.attendance.assess(id, dto, ctx);
  }

  @Put('programs/:id/assessments')
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({
    summary:
      'Record the scores of several confirmed enrolments of the program at once, all or none (admins; the program’s instructors).',
  })
  @ApiOkResponse({ type: BulkAssessmentResultDto, description: 'The scores as saved, in the order sent' })
  @ApiProblems(400, 401, 403, 404, 409)
  assessMany(
    @UuidParam('id') id: string,
    @Body() dto: BulkAssessmentRequestDto,
    @Ctx() ctx: RequestContext,
  ): Promise<BulkAssessmentResult> {
    return this.attendance.assessMany(id, dto.assessments, ctx);
  }
}
