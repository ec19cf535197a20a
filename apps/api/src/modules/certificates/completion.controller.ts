import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type CompletionPreview, type CompletionResult, type SelectionResult } from '@skillbridge/contracts';
import { Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import { AccessLog } from '../privacy/access-log.service';
import { CompletionService } from './completion.service';
import { SelectionDto } from './dto/certificate.dto';
import { CompletionPreviewDto, CompletionResultDto, SelectionResultDto } from './dto/completion.dto';

@ApiTags('certificates')
@Controller()
export class CompletionController {
  constructor(
    private readonly completion: CompletionService,
    private readonly accessLog: AccessLog,
  ) {}

  @Get('programs/:id/completion')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Preview of closing the program: who completes, who does not, and why (admin).' })
  @ApiOkResponse({ type: CompletionPreviewDto })
  @ApiProblems(400, 401, 403, 404)
  async preview(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<CompletionPreview> {
    const preview = await this.completion.preview(id);
    // Each person's attendance and score, by name: a read of their records.
    await this.accessLog.record(
      ctx,
      preview.lines.map((line) => ({ traineeId: line.traineeId })),
      'attendance',
    );
    return preview;
  }

  @Post('programs/:id/complete')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Close the program: completed / not-completed by its rule, a certificate per completer; idempotent.',
  })
  @ApiOkResponse({ type: CompletionResultDto })
  @ApiProblems(400, 401, 403, 404, 409)
  complete(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<CompletionResult> {
    return this.completion.complete(id, ctx);
  }

  @Post('programs/:id/selections')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Enrol chosen completers of another program, confirmed, all or none (admin).' })
  @ApiOkResponse({ type: SelectionResultDto })
  @ApiProblems(400, 401, 403, 404, 409)
  select(@UuidParam('id') id: string, @Body() dto: SelectionDto, @Ctx() ctx: RequestContext): Promise<SelectionResult> {
    return this.completion.select(id, dto, ctx);
  }
}
