import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Role,
  type CheckInCode,
  type CheckInResult,
  type CheckInState,
  type CheckInWindow,
} from '@skillbridge/contracts';
import { Roles } from '../../../common/auth/access.decorator';
import { Ctx } from '../../../common/auth/context.decorator';
import type { RequestContext } from '../../../common/auth/viewer';
import { ApiProblems } from '../../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../../common/validation/uuid-param';
import { CheckInService } from './check-in.service';
import {
  CheckInCodeDto,
  CheckInRequestDto,
  CheckInResultDto,
  CheckInStateDto,
  CheckInWindowDto,
  OpenCheckInDto,
} from './check-in.dto';

@ApiTags('attendance')
@Controller('sessions/:id/check-in')
export class CheckInController {
  constructor(private readonly checkIns: CheckInService) {}

  @Post('open')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({
    summary:
      'Open QR check-in for { minutes } (1–240), until the session’s end at the latest; from 30 minutes before the start. Opening again replaces the codes (admins; the session’s instructors).',
  })
  @ApiOkResponse({ type: CheckInWindowDto })
  @ApiProblems(400, 401, 403, 404, 409)
  open(@UuidParam('id') id: string, @Body() dto: OpenCheckInDto, @Ctx() ctx: RequestContext): Promise<CheckInWindow> {
    return this.checkIns.open(id, dto.minutes, ctx);
  }

  @Post('close')
  @HttpCode(204)
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({ summary: 'Close QR check-in now (admins; the session’s instructors).' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404)
  close(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<void> {
    return this.checkIns.close(id, ctx);
  }

  @Get('code')
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({
    summary:
      'The check-in code to show in the room now, with the address its QR carries; a new one every 30 s. Check-in not open → 400 CHECK_IN_CLOSED (admins; the session’s instructors).',
  })
  @ApiOkResponse({ type: CheckInCodeDto })
  @ApiProblems(400, 401, 403, 404)
  code(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<CheckInCode> {
    return this.checkIns.code(id, ctx);
  }

  @Get()
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({
    summary: 'Whether check-in is open and who checked in, newest first (admins; the session’s instructors).',
  })
  @ApiOkResponse({ type: CheckInStateDto })
  @ApiProblems(400, 401, 403, 404)
  state(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<CheckInState> {
    return this.checkIns.state(id, ctx);
  }

  @Post()
  @Roles(Role.Trainee)
  @ApiOperation({
    summary:
      'Check in with the code shown in the room (a trainee confirmed in the session’s program; not enrolled → 404, not confirmed → 403 NOT_CONFIRMED). Present until the start + the program’s grace minutes, late after; an instructor’s present, late or excused mark is kept.',
  })
  @ApiCreatedResponse({ type: CheckInResultDto })
  @ApiProblems(400, 401, 403, 404, 409, 429)
  checkIn(
    @UuidParam('id') id: string,
    @Body() dto: CheckInRequestDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CheckInResult> {
    return this.checkIns.checkIn(id, dto.code, ctx);
  }
}
