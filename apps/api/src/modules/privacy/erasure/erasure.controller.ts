import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Page, type PrivacyRequest } from '@skillbridge/contracts';
import { Authenticated, Roles } from '../../../common/auth/access.decorator';
import { Ctx } from '../../../common/auth/context.decorator';
import type { RequestContext } from '../../../common/auth/viewer';
import { ApiPageResponse, ApiProblems } from '../../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../../common/validation/uuid-param';
import {
  ErasureRequestDto,
  PrivacyRequestDto,
  PrivacyRequestListQueryDto,
  RefusePrivacyRequestDto,
} from './dto/erasure.dto';
import { ErasureService } from './erasure.service';

@ApiTags('privacy')
@Controller()
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  @Post('me/erasure-request')
  @HttpCode(202)
  @Authenticated()
  @ApiOperation({
    summary:
      'Ask for the erasure of one’s data (any signed-in user); an admin answers within 30 days. One open request per person.',
  })
  @ApiAcceptedResponse({ type: PrivacyRequestDto, description: 'The request, pending' })
  @ApiProblems(400, 401, 409)
  requestOwn(@Body() dto: ErasureRequestDto, @Ctx() ctx: RequestContext): Promise<PrivacyRequest> {
    return this.erasure.requestOwn(dto.keepCertificatesVerifiable, ctx);
  }

  @Get('me/erasure-request')
  @Authenticated()
  @ApiOperation({ summary: 'The caller’s latest erasure request, whatever its state; 404 when there is none.' })
  @ApiOkResponse({ type: PrivacyRequestDto })
  @ApiProblems(401, 404)
  latestOwn(@Ctx() ctx: RequestContext): Promise<PrivacyRequest> {
    return this.erasure.latestOwn(ctx);
  }

  @Post('trainees/:id/erasure-request')
  @HttpCode(202)
  @Roles(Role.Admin, Role.Partner)
  @ApiOperation({
    summary: 'Ask for the erasure of a trainee’s data (partners: their own institution’s trainees; admins: any).',
  })
  @ApiAcceptedResponse({ type: PrivacyRequestDto, description: 'The request, pending' })
  @ApiProblems(400, 401, 403, 404, 409)
  requestForTrainee(
    @UuidParam('id') id: string,
    @Body() dto: ErasureRequestDto,
    @Ctx() ctx: RequestContext,
  ): Promise<PrivacyRequest> {
    return this.erasure.requestForTrainee(id, dto.keepCertificatesVerifiable, ctx);
  }

  @Get('privacy/requests')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Privacy requests (admin), the most urgent first; filter status.' })
  @ApiPageResponse(PrivacyRequestDto)
  @ApiProblems(400, 401, 403)
  list(@Query() query: PrivacyRequestListQueryDto): Promise<Page<PrivacyRequest>> {
    return this.erasure.list(query);
  }

  @Post('privacy/requests/:id/complete')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Complete an erasure request (admin): the person is anonymized everywhere, irreversibly; certificates are revoked unless kept.',
  })
  @ApiOkResponse({ type: PrivacyRequestDto, description: 'The request, completed' })
  @ApiProblems(400, 401, 403, 404, 409)
  complete(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<PrivacyRequest> {
    return this.erasure.complete(id, ctx);
  }

  @Post('privacy/requests/:id/refuse')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Refuse an erasure request with a reason (admin); the person is told why.' })
  @ApiOkResponse({ type: PrivacyRequestDto, description: 'The request, refused' })
  @ApiProblems(400, 401, 403, 404, 409)
  refuse(
    @UuidParam('id') id: string,
    @Body() dto: RefusePrivacyRequestDto,
    @Ctx() ctx: RequestContext,
  ): Promise<PrivacyRequest> {
    return this.erasure.refuse(id, dto.reason, ctx);
  }
}
