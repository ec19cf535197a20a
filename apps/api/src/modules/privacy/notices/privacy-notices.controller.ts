import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Role, type PrivacyNotice } from '@skillbridge/contracts';
import { Public, Roles } from '../../../common/auth/access.decorator';
import { Ctx } from '../../../common/auth/context.decorator';
import type { RequestContext } from '../../../common/auth/viewer';
import { ApiProblems } from '../../../common/openapi/api-docs.decorators';
import { CreatePrivacyNoticeDto, PrivacyNoticeDto } from './dto/privacy-notice.dto';
import { PrivacyNoticesService } from './privacy-notices.service';

@ApiTags('privacy')
@Controller()
export class PrivacyNoticesController {
  constructor(private readonly notices: PrivacyNoticesService) {}

  @Get('privacy-notice')
  @Public()
  @ApiOperation({ summary: 'The current privacy notice (the newest version), in four languages (public).' })
  @ApiOkResponse({ type: PrivacyNoticeDto })
  current(): Promise<PrivacyNotice> {
    return this.notices.current();
  }

  @Get('privacy-notices')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Every version of the privacy notice, newest first.' })
  @ApiOkResponse({ type: [PrivacyNoticeDto] })
  @ApiProblems(401, 403)
  list(): Promise<PrivacyNotice[]> {
    return this.notices.list();
  }

  @Get('privacy-notices/:version')
  @Public()
  @ApiOperation({ summary: 'One version of the privacy notice, old ones too (public): what a consent was given to.' })
  @ApiParam({ name: 'version', example: '2026-12' })
  @ApiOkResponse({ type: PrivacyNoticeDto })
  @ApiProblems(404)
  get(@Param('version') version: string): Promise<PrivacyNotice> {
    return this.notices.get(version);
  }

  @Post('privacy-notices')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Publish a new version: it becomes the current one; the old ones stay readable. Recipients omitted: the partner ' +
      'institutions of today; retention: RETENTION_YEARS. An existing version → 409 NOTICE_VERSION_EXISTS.',
  })
  @ApiCreatedResponse({ type: PrivacyNoticeDto })
  @ApiProblems(400, 401, 403, 409)
  publish(@Body() dto: CreatePrivacyNoticeDto, @Ctx() ctx: RequestContext): Promise<PrivacyNotice> {
    return this.notices.publish(dto, ctx);
  }
}
