import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role, type DuplicatedProgram, type Page, type Program, type Session } from '@skillbridge/contracts';
import type { FastifyReply } from 'fastify';
import { Authenticated, Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiPageResponse, ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import { CreateSessionDto } from '../sessions/dto/create-session.dto';
import { SessionDto } from '../sessions/dto/session.dto';
import { SessionsService } from '../sessions/sessions.service';
import { CreateProgramDto } from './dto/create-program.dto';
import { DuplicatedProgramDto, DuplicateProgramDto } from './dto/duplicate-program.dto';
import { ProgramListQueryDto } from './dto/program-list-query.dto';
import { ProgramDto } from './dto/program.dto';
import { UpdateProgramDto } from './dto/update-program.dto';
import { ProgramCalendarService } from './program-calendar.service';
import { ProgramDuplicateService } from './program-duplicate.service';
import { ProgramsService } from './programs.service';
import { ReadsFromReplica } from '../../database/replicas/reads-from-replica.decorator';

@ApiTags('programs')
@Controller('programs')
export class ProgramsController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly sessions: SessionsService,
    private readonly calendars: ProgramCalendarService,
    private readonly duplicates: ProgramDuplicateService,
  ) {}

  @Get()
  @ReadsFromReplica()
  @Authenticated()
  @ApiOperation({
    summary:
      'Camps and courses the caller may see: admins all; partners and trainees published ones open to them; instructors those they teach. ' +
      'meetingUrl only for those who may join (see Program.meetingUrl).',
  })
  @ApiPageResponse(ProgramDto)
  @ApiProblems(400, 401)
  list(@Query() query: ProgramListQueryDto, @Ctx() ctx: RequestContext): Promise<Page<Program>> {
    return this.programs.list(query, ctx);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Create a program (admin); it starts as a draft.' })
  @ApiCreatedResponse({ type: ProgramDto })
  @ApiProblems(400, 401, 403, 409)
  create(@Body() dto: CreateProgramDto, @Ctx() ctx: RequestContext): Promise<Program> {
    return this.programs.create(dto, ctx);
  }

  @Get(':id')
  @ReadsFromReplica()
  @Authenticated()
  @ApiOperation({ summary: 'One program the caller may see (404 otherwise); meetingUrl only for those who may join.' })
  @ApiOkResponse({ type: ProgramDto })
  @ApiProblems(400, 401, 404)
  get(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<Program> {
    return this.programs.get(id, ctx);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Change a draft or published program (admin).' })
  @ApiOkResponse({ type: ProgramDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@UuidParam('id') id: string, @Body() dto: UpdateProgramDto, @Ctx() ctx: RequestContext): Promise<Program> {
    return this.programs.update(id, dto, ctx);
  }

  @Post(':id/publish')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Draft → published (admin).' })
  @ApiOkResponse({ type: ProgramDto })
  @ApiProblems(400, 401, 403, 404, 409)
  publish(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<Program> {
    return this.programs.transition(id, 'published', ctx);
  }

  @Post(':id/cancel')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Draft or published → cancelled (admin): every enrolment under way (pending, nominated, confirmed, ' +
      'wait-listed) ends `cancelled`, nobody is promoted, room beds are released, and the trainees, their ' +
      'partner institutions’ staff and the instructors are told.',
  })
  @ApiOkResponse({ type: ProgramDto })
  @ApiProblems(400, 401, 403, 404, 409)
  cancel(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<Program> {
    return this.programs.transition(id, 'cancelled', ctx);
  }

  @Post(':id/duplicate')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Copy a program to a new code and start date as a draft (admin): settings, partners, quotas, logistics ' +
      'settings, and its scheduled sessions with their instructors, moved by the same number of days in the ' +
      'program’s zone (wall-clock times kept across daylight-saving changes). An instructor who teaches another ' +
      'session at a copied session’s time is left off it and listed in `clashes`.',
  })
  @ApiCreatedResponse({ type: DuplicatedProgramDto })
  @ApiProblems(400, 401, 403, 404, 409)
  duplicate(
    @UuidParam('id') id: string,
    @Body() dto: DuplicateProgramDto,
    @Ctx() ctx: RequestContext,
  ): Promise<DuplicatedProgram> {
    return this.duplicates.duplicate(id, dto, ctx);
  }

  @Get(':id/sessions')
  @ReadsFromReplica()
  @Authenticated()
  @ApiOperation({
    summary:
      'The program’s sessions, by start (whoever may see the program); each meetingUrl only for those who may join.',
  })
  @ApiOkResponse({ type: [SessionDto] })
  @ApiProblems(400, 401, 404)
  sessionsOf(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<Session[]> {
    return this.sessions.listForProgram(id, ctx);
  }

  @Post(':id/sessions')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Add a session (admin): within the program’s dates in its time zone; an instructor in an overlapping session → 409.',
  })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  addSession(@UuidParam('id') id: string, @Body() dto: CreateSessionDto, @Ctx() ctx: RequestContext): Promise<Session> {
    return this.sessions.create(id, dto, ctx);
  }

  @Get(':id/schedule.ics')
  @ReadsFromReplica()
  @Authenticated()
  @ApiOperation({
    summary:
      'The agenda as an iCalendar file in the caller’s language (whoever may see the program); a session’s meeting ' +
      'link is in its event only for those who may join, the others get a link to the program’s page.',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar; one VEVENT per session', schema: { type: 'string' } })
  @ApiProblems(400, 401, 404)
  async schedule(
    @UuidParam('id') id: string,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { filename, body } = await this.calendars.forProgram(id, ctx);
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'private, no-cache');
    return body;
  }
}
