import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Role,
  type Enrolment,
  type EnrolmentDecisionResult,
  type EnrolmentQueueEntry,
  type MyEnrolment,
  type Page,
  type RosterEntry,
} from '@skillbridge/contracts';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import { signedIn, type RequestContext } from '../../common/auth/viewer';
import { ApiFileResponse, ApiPageResponse, ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import { ProgramsService } from '../programs/programs.service';
import { CreateEnrolmentDto } from './dto/create-enrolment.dto';
import {
  EnrolmentDecisionDto,
  EnrolmentDecisionResultDto,
  RejectEnrolmentDto,
  WithdrawEnrolmentDto,
} from './dto/enrolment-decision.dto';
import { EnrolmentDto, EnrolmentQueueEntryDto, MyEnrolmentDto, RosterEntryDto } from './dto/enrolment.dto';
import { EnrolmentQueueQueryDto, MyEnrolmentsQueryDto, RosterQueryDto } from './dto/enrolment-queries.dto';
import { EnrolmentsService } from './enrolments.service';
import { WorkbookPool } from '../../common/spreadsheet/workbook.pool';
import { rosterCsv } from './roster-export';
import { AccessLog } from '../privacy/access-log.service';
import { ReadsFromReplica } from '../../database/replicas/reads-from-replica.decorator';

@ApiTags('enrolments')
@Controller()
export class EnrolmentsController {
  constructor(
    private readonly enrolments: EnrolmentsService,
    private readonly programs: ProgramsService,
    private readonly accessLog: AccessLog,
    private readonly workbooks: WorkbookPool,
  ) {}

  /** Roster lines show people's names and addresses: each page (or export batch) is in the access log. */
  private async logged<T extends { traineeId: string }>(lines: T[], ctx: RequestContext): Promise<T[]> {
    await this.accessLog.record(
      ctx,
      lines.map((line) => ({ traineeId: line.traineeId })),
      'enrolment',
    );
    return lines;
  }

  private async *loggedBatches(
    batches: AsyncGenerator<RosterEntry[], void, undefined>,
    ctx: RequestContext,
  ): AsyncGenerator<RosterEntry[], void, undefined> {
    for await (const batch of batches) yield await this.logged(batch, ctx);
  }

  @Post('programs/:id/enrolments')
  @Roles(Role.Admin, Role.Partner, Role.Trainee)
  @ApiOperation({
    summary:
      'Enrol: a trainee themself ({}), or an admin or the trainee’s partner ({ traineeId }). Pending for partner trainees who apply themselves (and for everyone when the program has hostReview); nominated when a partner enrols its trainee in a program with hostReview; otherwise a seat or the wait-list of the trainee’s pool.',
  })
  @ApiCreatedResponse({ type: EnrolmentDto })
  @ApiProblems(400, 401, 403, 404, 409)
  create(
    @UuidParam('id') programId: string,
    @Body() dto: CreateEnrolmentDto,
    @Ctx() ctx: RequestContext,
  ): Promise<Enrolment> {
    return this.enrolments.create(programId, dto ?? {}, ctx);
  }

  @Get('programs/:id/enrolments')
  @ReadsFromReplica()
  @Roles(Role.Admin, Role.Partner, Role.Instructor)
  @ApiOperation({
    summary:
      'The roster (admins: everyone; partners: their own institution’s trainees; instructors: programs they teach).',
  })
  @ApiPageResponse(RosterEntryDto)
  @ApiProblems(400, 401, 403, 404)
  async roster(
    @UuidParam('id') programId: string,
    @Query() query: RosterQueryDto,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<RosterEntry>> {
    const page = await this.enrolments.roster(programId, query, ctx);
    return { ...page, items: await this.logged(page.items, ctx) };
  }

  @Get('programs/:id/roster.csv')
  @ReadsFromReplica()
  @Roles(Role.Admin, Role.Partner, Role.Instructor)
  @ApiOperation({
    summary:
      'The roster as CSV (UTF-8 with BOM), headers in the caller’s language, times in the program’s zone (named in the header), nationality as a name and as its ISO code.',
  })
  @ApiFileResponse('text/csv', 'The roster, UTF-8 with a BOM')
  @ApiProblems(400, 401, 403, 404)
  async rosterCsv(
    @UuidParam('id') programId: string,
    @Query() query: RosterQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const program = await this.programs.findVisible(programId, signedIn(ctx));
    this.attachment(reply, 'text/csv; charset=utf-8', `roster-${program.code}.csv`, ctx);
    return rosterCsv(this.loggedBatches(this.enrolments.rosterBatches(programId, query, ctx), ctx), {
      locale: ctx.locale,
      timeZone: program.timezone,
    });
  }

  @Get('programs/:id/roster.xlsx')
  @ReadsFromReplica()
  @Roles(Role.Admin, Role.Partner, Role.Instructor)
  @ApiOperation({
    summary:
      'The roster as an Excel workbook, headers in the caller’s language: times as date cells in the program’s zone (named in the header), nationality as a name and as its ISO code. It imports back as it is (POST /trainees/import).',
  })
  @ApiFileResponse('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'The roster workbook')
  @ApiProblems(400, 401, 403, 404)
  async rosterXlsx(
    @UuidParam('id') programId: string,
    @Query() query: RosterQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const program = await this.programs.findVisible(programId, signedIn(ctx));
    this.attachment(
      reply,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      `roster-${program.code}.xlsx`,
      ctx,
    );
    // Written in a worker thread (the rows are read here, batch by batch as the thread asks).
    return this.workbooks.stream(
      { kind: 'roster', options: { locale: ctx.locale, timeZone: program.timezone }, sheetName: program.code },
      [this.loggedBatches(this.enrolments.rosterBatches(programId, query, ctx), ctx)],
    );
  }

  private attachment(reply: FastifyReply, type: string, filename: string, ctx: RequestContext): void {
    reply
      .header('content-type', type)
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('content-language', ctx.locale)
      .header('cache-control', 'private, no-store');
  }

  @Get('enrolments')
  @ReadsFromReplica()
  @Roles(Role.Admin, Role.Partner)
  @ApiOperation({
    summary: 'Enrolments across programs, oldest first — with status=pending, the review queue. Partners: their own.',
  })
  @ApiPageResponse(EnrolmentQueueEntryDto)
  @ApiProblems(400, 401, 403)
  async queue(@Query() query: EnrolmentQueueQueryDto, @Ctx() ctx: RequestContext): Promise<Page<EnrolmentQueueEntry>> {
    const page = await this.enrolments.queue(query, ctx);
    return { ...page, items: await this.logged(page.items, ctx) };
  }

  @Post('enrolments/decisions')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Partner)
  @ApiOperation({
    summary: 'Approve, reject or (admins) accept many enrolments at once, all or none, naming the one that fails.',
  })
  @ApiOkResponse({ type: EnrolmentDecisionResultDto })
  @ApiProblems(400, 401, 403, 409)
  async decideMany(@Body() dto: EnrolmentDecisionDto, @Ctx() ctx: RequestContext): Promise<EnrolmentDecisionResult> {
    return { items: await this.enrolments.decideMany(dto, ctx) };
  }

  @Post('enrolments/:id/approve')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Partner)
  @ApiOperation({
    summary:
      'pending → confirmed, or waitlisted when the trainee’s pool (their partner’s quota, or the open seats) or the ' +
      'program is full; a partner’s approval in a program with hostReview → nominated, for the host to accept.',
  })
  @ApiOkResponse({ type: EnrolmentDto })
  @ApiProblems(400, 401, 403, 404, 409)
  approve(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<Enrolment> {
    return this.enrolments.decide(id, 'approve', null, ctx);
  }

  @Post('enrolments/:id/accept')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'The host accepts a nomination: nominated → confirmed, or waitlisted when the partner’s quota (or the open ' +
      'seats, for people without one) or the program is full. The trainee and their partner are told.',
  })
  @ApiOkResponse({ type: EnrolmentDto })
  @ApiProblems(400, 401, 403, 404, 409)
  accept(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<Enrolment> {
    return this.enrolments.decide(id, 'accept', null, ctx);
  }

  @Post('enrolments/:id/reject')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Partner)
  @ApiOperation({
    summary: 'pending or waitlisted → rejected, with a reason; admins also decline a nominated one this way.',
  })
  @ApiOkResponse({ type: EnrolmentDto })
  @ApiProblems(400, 401, 403, 404, 409)
  reject(@UuidParam('id') id: string, @Body() dto: RejectEnrolmentDto, @Ctx() ctx: RequestContext): Promise<Enrolment> {
    return this.enrolments.decide(id, 'reject', dto.reason, ctx);
  }

  @Post('enrolments/:id/withdraw')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Trainee)
  @ApiOperation({
    summary:
      'Withdraw (the trainee themself, admins), also from nominated; a freed seat goes to the oldest wait-listed of ' +
      'its pool (a quota’s seat to that partner’s wait-list first, then the open pool’s).',
  })
  @ApiOkResponse({ type: EnrolmentDto })
  @ApiProblems(400, 401, 403, 404, 409)
  withdraw(
    @UuidParam('id') id: string,
    @Body() dto: WithdrawEnrolmentDto,
    @Ctx() ctx: RequestContext,
  ): Promise<Enrolment> {
    return this.enrolments.decide(id, 'withdraw', dto?.reason ?? null, ctx);
  }

  @Get('me/enrolments')
  @ReadsFromReplica()
  @Roles(Role.Trainee)
  @ApiOperation({ summary: 'The trainee’s own enrolments with their programs, newest first.' })
  @ApiPageResponse(MyEnrolmentDto)
  @ApiProblems(400, 401, 403)
  mine(@Query() query: MyEnrolmentsQueryDto, @Ctx() ctx: RequestContext): Promise<Page<MyEnrolment>> {
    return this.enrolments.mine(query, ctx);
  }
}
