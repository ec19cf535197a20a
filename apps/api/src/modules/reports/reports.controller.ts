import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type ProgramReport } from '@skillbridge/contracts';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiFileResponse, ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import { ReportPeriodQueryDto } from './dto/report-query.dto';
import { ProgramReportDto, ReportOverviewDto } from './dto/report.dto';
import { WorkbookPool } from '../../common/spreadsheet/workbook.pool';
import { ReportsService } from './reports.service';
import { ReadsFromReplica } from '../../database/replicas/reads-from-replica.decorator';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly workbooks: WorkbookPool,
  ) {}

  @Get('overview')
  @ReadsFromReplica()
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Programs by kind and status, trainees by nationality and institution, enrolments by status, completion and certificates per program, certificates per month (admin). Optional ?from&to: every figure counts the programs whose dates overlap the period and their records.',
  })
  @ApiOkResponse({ type: ReportOverviewDto })
  @ApiProblems(400, 401, 403)
  async overview(
    @Query() query: ReportPeriodQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // Kept serialized with the figures: 500 programs are ~170 kB of JSON, and serializing them was most of the work.
    const json = await this.reports.overviewJson(query);
    reply.type('application/json; charset=utf-8');
    return json;
  }

  @Get('overview.xlsx')
  @ReadsFromReplica()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'The overview as an Excel workbook, headers in the caller’s language (admin).' })
  @ApiFileResponse(XLSX, 'The overview workbook')
  @ApiProblems(400, 401, 403)
  async overviewXlsx(
    @Query() query: ReportPeriodQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const body = await this.workbooks.overview(await this.reports.overview(query), ctx.locale);
    this.attachment(reply, `overview-${query.from ?? 'all'}-${query.to ?? 'now'}.xlsx`);
    return body;
  }

  @Get('programs/:id')
  @ReadsFromReplica()
  @Roles(Role.Admin, Role.Partner)
  @ApiOperation({
    summary:
      'One program: funnel, seats over time, attendance per session, by institution and nationality (admin; a partner sees its own people only).',
  })
  @ApiOkResponse({ type: ProgramReportDto })
  @ApiProblems(400, 401, 403, 404)
  program(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<ProgramReport> {
    return this.reports.program(id, ctx);
  }

  @Get('programs/:id/report.xlsx')
  @ReadsFromReplica()
  @Roles(Role.Admin, Role.Partner)
  @ApiOperation({ summary: 'The program report as an Excel workbook.' })
  @ApiFileResponse(XLSX, 'The program report workbook')
  @ApiProblems(400, 401, 403, 404)
  async programXlsx(
    @UuidParam('id') id: string,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const report = await this.reports.program(id, ctx);
    const body = await this.workbooks.programReport(report, ctx.locale);
    this.attachment(reply, `report-${report.code}.xlsx`);
    return body;
  }

  private attachment(reply: FastifyReply, filename: string): void {
    reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'private, no-store');
  }
}
