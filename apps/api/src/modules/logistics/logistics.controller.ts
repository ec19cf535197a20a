import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Role,
  type EnrolmentLogistics,
  type LogisticsSettings,
  type LogisticsStatusEntry,
  type MyLogisticsEntry,
  type Page,
} from '@skillbridge/contracts';
import { Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiPageResponse, ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import { AccessLog } from '../privacy/access-log.service';
import { EnrolmentLogisticsDto, MyLogisticsEntryDto, UpdateEnrolmentLogisticsDto } from './dto/enrolment-logistics.dto';
import { LogisticsSettingsDto, LogisticsSettingsViewDto } from './dto/logistics-settings.dto';
import { LogisticsStatusEntryDto, LogisticsStatusQueryDto } from './dto/logistics-status-query.dto';
import { LogisticsService } from './logistics.service';

@ApiTags('logistics')
@Controller()
export class LogisticsController {
  constructor(
    private readonly logistics: LogisticsService,
    private readonly accessLog: AccessLog,
  ) {}

  @Get('programs/:id/logistics-settings')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'What the program collects from its trainees before the camp, its due date and arrival points (nothing collected when never set). Trainees and partners read them with an enrolment’s logistics.',
  })
  @ApiOkResponse({ type: LogisticsSettingsViewDto })
  @ApiProblems(400, 401, 403, 404)
  settings(@UuidParam('id') programId: string, @Ctx() ctx: RequestContext): Promise<LogisticsSettings> {
    return this.logistics.settings(programId, ctx);
  }

  @Put('programs/:id/logistics-settings')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Sets what the program collects (travel, passport, dietary, emergencyContact, accommodation), the due date of reminders and the arrival points offered.',
  })
  @ApiOkResponse({ type: LogisticsSettingsViewDto })
  @ApiProblems(400, 401, 403, 404)
  putSettings(
    @UuidParam('id') programId: string,
    @Body() dto: LogisticsSettingsDto,
    @Ctx() ctx: RequestContext,
  ): Promise<LogisticsSettings> {
    return this.logistics.putSettings(programId, dto, ctx);
  }

  @Get('programs/:id/logistics')
  @Roles(Role.Admin, Role.Partner)
  @ApiOperation({
    summary:
      'Who has given what: the program’s pending and confirmed enrolments (partners: their own institution’s people), by name, with what is missing and warnings.',
  })
  @ApiPageResponse(LogisticsStatusEntryDto)
  @ApiProblems(400, 401, 403, 404)
  async list(
    @UuidParam('id') programId: string,
    @Query() query: LogisticsStatusQueryDto,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<LogisticsStatusEntry>> {
    const page = await this.logistics.list(programId, query, ctx);
    await this.accessLog.record(
      ctx,
      page.items.map((entry) => ({
        traineeId: entry.traineeId,
        fields: [
          ...(entry.gender ? ['gender'] : []),
          ...(entry.arrivalAt ? ['arrival.at'] : []),
          ...(entry.roomId ? ['room'] : []),
        ],
      })),
      'logistics',
    );
    return page;
  }

  @Get('enrolments/:id/logistics')
  @Roles(Role.Admin, Role.Partner, Role.Trainee)
  @ApiOperation({
    summary:
      'An enrolment’s travel, passport, dietary, emergency contact and room details (the trainee themself, their partner, admins); each read of passport data by staff is audited.',
  })
  @ApiOkResponse({ type: EnrolmentLogisticsDto })
  @ApiProblems(400, 401, 403, 404)
  get(@UuidParam('id') enrolmentId: string, @Ctx() ctx: RequestContext): Promise<EnrolmentLogistics> {
    return this.logistics.get(enrolmentId, ctx);
  }

  @Put('enrolments/:id/logistics')
  @Roles(Role.Admin, Role.Partner, Role.Trainee)
  @ApiOperation({
    summary:
      'Saves an enrolment’s details: each section replaced when present, cleared when null, kept when absent; consents added. Passport and dietary data need the person’s consent for that purpose (400 naming `consents`), given by the trainee (`self`) or recorded on paper by their partner or an admin (`paper`).',
  })
  @ApiOkResponse({ type: EnrolmentLogisticsDto })
  @ApiProblems(400, 401, 403, 404)
  update(
    @UuidParam('id') enrolmentId: string,
    @Body() dto: UpdateEnrolmentLogisticsDto,
    @Ctx() ctx: RequestContext,
  ): Promise<EnrolmentLogistics> {
    return this.logistics.update(enrolmentId, dto, ctx);
  }

  @Get('me/logistics')
  @Roles(Role.Trainee)
  @ApiOperation({
    summary:
      'For “My programs”: each of the trainee’s own pending or confirmed enrolments in a program that collects logistics and has not ended, with what is still missing and the due date.',
  })
  @ApiOkResponse({ type: [MyLogisticsEntryDto] })
  @ApiProblems(401, 403)
  mine(@Ctx() ctx: RequestContext): Promise<MyLogisticsEntry[]> {
    return this.logistics.mine(ctx);
  }
}
