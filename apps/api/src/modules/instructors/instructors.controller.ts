import { Body, Controller, Get, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role, type Instructor, type Page, type TimetableEntry } from '@skillbridge/contracts';
import type { FastifyReply } from 'fastify';
import { Authenticated, Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiPageResponse, ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import { ProgramCalendarService } from '../programs/program-calendar.service';
import { CreateInstructorDto } from './dto/create-instructor.dto';
import { InstructorListQueryDto } from './dto/instructor-list-query.dto';
import { InstructorDto } from './dto/instructor.dto';
import { TimetableEntryDto } from './dto/timetable-entry.dto';
import { TimetableQueryDto } from './dto/timetable-query.dto';
import { UpdateInstructorDto } from './dto/update-instructor.dto';
import { InstructorsService } from './instructors.service';
import { ReadsFromReplica } from '../../database/replicas/reads-from-replica.decorator';

@ApiTags('instructors')
@Controller('instructors')
export class InstructorsController {
  constructor(
    private readonly instructors: InstructorsService,
    private readonly calendars: ProgramCalendarService,
  ) {}

  @Get()
  @ReadsFromReplica()
  @Authenticated()
  @ApiOperation({ summary: 'Instructor profiles, by name; filters institutionId, q.' })
  @ApiPageResponse(InstructorDto)
  @ApiProblems(400, 401)
  list(@Query() query: InstructorListQueryDto): Promise<Page<Instructor>> {
    return this.instructors.list(query);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'A profile without an account, e.g. a guest expert of an enterprise partner (admin).' })
  @ApiCreatedResponse({ type: InstructorDto })
  @ApiProblems(400, 401, 403)
  create(@Body() dto: CreateInstructorDto, @Ctx() ctx: RequestContext): Promise<Instructor> {
    return this.instructors.create(dto, ctx);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One instructor profile.' })
  @ApiOkResponse({ type: InstructorDto })
  @ApiProblems(400, 401, 404)
  get(@UuidParam('id') id: string): Promise<Instructor> {
    return this.instructors.get(id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Change an instructor profile (admin).' })
  @ApiOkResponse({ type: InstructorDto })
  @ApiProblems(400, 401, 403, 404)
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateInstructorDto,
    @Ctx() ctx: RequestContext,
  ): Promise<Instructor> {
    return this.instructors.update(id, dto, ctx);
  }

  @Get(':id/sessions')
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({ summary: 'The instructor’s timetable between from and to (admins; the instructor themself).' })
  @ApiOkResponse({ type: [TimetableEntryDto] })
  @ApiProblems(400, 401, 403, 404)
  timetable(
    @UuidParam('id') id: string,
    @Query() query: TimetableQueryDto,
    @Ctx() ctx: RequestContext,
  ): Promise<TimetableEntry[]> {
    return this.instructors.timetable(id, query, ctx);
  }

  @Get(':id/schedule.ics')
  @ReadsFromReplica()
  @Roles(Role.Admin, Role.Instructor)
  @ApiOperation({ summary: 'The instructor’s whole timetable as an iCalendar file (admins; the instructor themself).' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  @ApiProblems(400, 401, 403, 404)
  async schedule(
    @UuidParam('id') id: string,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const instructor = await this.instructors.timetableOwner(id, ctx);
    const { filename, body } = await this.calendars.forInstructor(id, instructor.fullName, ctx);
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'private, no-cache');
    return body;
  }
}
