import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Assessment, type AttendanceSheet, type BulkAssessmentResult } from '@skillbridge/contracts';
import { Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';
import { ProblemException } from '../../common/problem/problem.exception';
import { createValidationPipe } from '../../common/validation/validation.pipe';
import { UuidParam } from '../../common/validation/uuid-param';
import { AttendanceService } from './attendance.service';
import {
  AssessmentDto,
  AssessmentRequestDto,
  AttendanceMarkDto,
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

@ApiTags('attendance')
@Controller()
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get('sessions/:id/attendance')
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({
    summary:
      'The register: every confirmed trainee of the program with their mark (admins; the session’s instructors).',
  })
  @ApiOkResponse({ type: AttendanceSheetDto })
  @ApiProblems(400, 401, 403, 404)
  sheet(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<AttendanceSheet> {
    return this.attendance.sheet(id, ctx);
  }

  @Put('sessions/:id/attendance')
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({
    summary:
      'Replace the register with [{ traineeId, status }] (present, late, absent, excused); confirmed trainees only.',
  })
  @ApiBody({ type: [AttendanceMarkDto] })
  @ApiOkResponse({ type: AttendanceSheetDto, description: 'The register as saved' })
  @ApiProblems(400, 401, 403, 404, 409)
  async put(@UuidParam('id') id: string, @Body() body: unknown, @Ctx() ctx: RequestContext): Promise<AttendanceSheet> {
    return this.attendance.put(id, await marksOf(body), ctx);
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
