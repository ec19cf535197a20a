import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode,
  MEETING_REPORT_MAX_BYTES,
  Role,
  type AttendanceImportResult,
  type ImportAssignment,
} from '@skillbridge/contracts';
import type { FastifyRequest } from 'fastify';
import { Roles } from '../../../common/auth/access.decorator';
import { Ctx } from '../../../common/auth/context.decorator';
import type { RequestContext } from '../../../common/auth/viewer';
import { ApiProblems } from '../../../common/openapi/api-docs.decorators';
import { ProblemException } from '../../../common/problem/problem.exception';
import { createValidationPipe } from '../../../common/validation/validation.pipe';
import { UuidParam } from '../../../common/validation/uuid-param';
import { AttendanceImportResultDto, ImportAssignmentsDto } from './meeting-report-import.dto';
import { MeetingReportImportService } from './meeting-report-import.service';

/** Room for the `assignments` field: a few hundred people's rows as JSON. */
const ASSIGNMENTS_MAX_BYTES = 256 * 1024;

const pipe = createValidationPipe();
const tooLarge = () => new ProblemException(413, ErrorCode.PayloadTooLarge);

/**
 * The multipart upload: `file` read within MEETING_REPORT_MAX_BYTES (busboy stops keeping bytes past it, so a
 * larger file is refused before it is held whole or parsed) and the optional `assignments` text field.
 */
async function reportUpload(request: FastifyRequest): Promise<{ file: Buffer; assignments?: string }> {
  if (!request.isMultipart()) throw new ProblemException(415, ErrorCode.UnsupportedMediaType);
  let file: Buffer | undefined;
  let assignments: string | undefined;
  try {
    const parts = request.parts({
      limits: { fileSize: MEETING_REPORT_MAX_BYTES, files: 1, fields: 2, parts: 3, fieldSize: ASSIGNMENTS_MAX_BYTES },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.file.truncated) throw tooLarge();
        if (part.fieldname === 'file') file = bytes;
      } else if (part.fieldname === 'assignments') {
        if (part.valueTruncated) {
          throw ProblemException.invalidField('assignments', 'MAX_LENGTH', 'import.assignmentsTooLong');
        }
        assignments = String(part.value);
      }
    }
  } catch (error) {
    if (error instanceof ProblemException) throw error;
    if ((error as { statusCode?: number }).statusCode === 413) throw tooLarge();
    throw ProblemException.invalidField('file', 'MULTIPART', 'import.multipart');
  }
  if (!file) throw ProblemException.invalidField('file', 'IS_DEFINED', 'validation.isDefined');
  return { file, ...(assignments !== undefined ? { assignments } : {}) };
}

/** The `assignments` field: a JSON array of `{ row, traineeId }`; problems named `assignments[i].row`. */
async function assignmentsOf(text: string | undefined): Promise<ImportAssignment[]> {
  if (text === undefined || text.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw ProblemException.invalidField('assignments', 'IS_JSON', 'import.assignmentsJson');
  }
  if (!Array.isArray(parsed)) throw ProblemException.invalidField('assignments', 'IS_ARRAY', 'validation.isArray');
  const dto = (await pipe.transform(
    { assignments: parsed },
    { type: 'body', metatype: ImportAssignmentsDto },
  )) as ImportAssignmentsDto;
  return dto.assignments.map((a) => ({ row: a.row, traineeId: a.traineeId }));
}

@ApiTags('attendance')
@Controller()
export class MeetingReportImportController {
  constructor(private readonly imports: MeetingReportImportService) {}

  @Post('sessions/:id/attendance/import')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({
    summary:
      'Read a meeting platform’s participant report (Zoom, Microsoft Teams, Tencent Meeting; CSV or XLSX) into the register (admins; the session’s instructors); dryRun=true writes nothing.',
    description:
      'multipart `file` (at most 5 MB) and optional `assignments`, a JSON array of `{ row, traineeId }` (null leaves a person out). People are matched by e-mail, then by name in either script; minutes are the union of their joins clipped to the session; the program’s attendance rule makes them present, late or absent. A commit writes the matched trainees’ marks and `absent` for the register’s trainees the report does not name, keeping `excused` marks.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        assignments: { type: 'string', description: 'JSON: [{ "row": 5, "traineeId": "…" | null }]' },
      },
    },
  })
  @ApiQuery({ name: 'dryRun', required: true, type: Boolean })
  @ApiOkResponse({ type: AttendanceImportResultDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 503)
  async import(
    @UuidParam('id') id: string,
    @Req() request: FastifyRequest,
    @Query('dryRun') dryRun: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<AttendanceImportResult> {
    if (dryRun === undefined) throw ProblemException.invalidField('dryRun', 'IS_DEFINED', 'validation.isDefined');
    if (dryRun !== 'true' && dryRun !== 'false') {
      throw ProblemException.invalidField('dryRun', 'IS_BOOLEAN', 'validation.isBoolean');
    }
    // An instructor of another session learns nothing of it, not even how its upload is refused.
    await this.imports.assertKeepsRegister(id, ctx);
    const upload = await reportUpload(request);
    const assignments = await assignmentsOf(upload.assignments);
    return this.imports.import(id, upload.file, assignments, dryRun === 'true', ctx);
  }
}
