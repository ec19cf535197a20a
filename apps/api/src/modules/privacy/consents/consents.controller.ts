import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CONSENT_PURPOSES, type ConsentRecordView, type MyConsents } from '@skillbridge/contracts';
import { Authenticated } from '../../../common/auth/access.decorator';
import { Ctx } from '../../../common/auth/context.decorator';
import type { RequestContext } from '../../../common/auth/viewer';
import { ApiProblems } from '../../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../../common/validation/uuid-param';
import { ConsentsService } from './consents.service';
import { ConsentGrantDto, ConsentRecordViewDto, MyConsentsDto } from './dto/consent.dto';

@ApiTags('privacy')
@Controller('me')
export class MyConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get('consents')
  @Authenticated()
  @ApiOperation({
    summary:
      'The caller’s consents to the privacy notice, given and withdrawn (`consents`), and the separate consents of ' +
      'camp logistics per enrolment (`logistics`).',
  })
  @ApiOkResponse({ type: MyConsentsDto })
  @ApiProblems(401)
  mine(@Ctx() ctx: RequestContext): Promise<MyConsents> {
    return this.consents.mine(ctx);
  }

  @Post('consents')
  @Authenticated()
  @ApiOperation({ summary: 'Give a consent (again) on the profile page, to a notice version; one in force is kept.' })
  @ApiCreatedResponse({ type: ConsentRecordViewDto })
  @ApiProblems(400, 401)
  give(@Body() dto: ConsentGrantDto, @Ctx() ctx: RequestContext): Promise<ConsentRecordView> {
    return this.consents.give(dto, ctx);
  }

  @Post('consents/:purpose/withdraw')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Withdraw an optional consent (program-news). A consent the programs need (program-administration, ' +
      'cross-border-transfer) is withdrawn by erasure: 409 CONSENT_NEEDS_ERASURE.',
  })
  @ApiParam({ name: 'purpose', enum: CONSENT_PURPOSES })
  @ApiNoContentResponse({ description: 'Withdrawn (or nothing was in force)' })
  @ApiProblems(400, 401, 409)
  async withdraw(@Param('purpose') purpose: string, @Ctx() ctx: RequestContext): Promise<void> {
    await this.consents.withdraw(purpose, ctx);
  }

  @Post('logistics-consents/:id/withdraw')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Withdraw a separate consent of camp logistics (own enrolment): the passport or dietary data it allowed is ' +
      'deleted at once, and new data of that kind needs a new consent.',
  })
  @ApiNoContentResponse({ description: 'Withdrawn and the data deleted' })
  @ApiProblems(400, 401, 404)
  async withdrawLogistics(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<void> {
    await this.consents.withdrawLogistics(id, ctx);
  }
}
