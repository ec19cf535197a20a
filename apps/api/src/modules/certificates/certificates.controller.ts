import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Role,
  type Certificate,
  type CertificateListEntry,
  type Page,
  type Verification,
} from '@skillbridge/contracts';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiFileResponse, ApiPageResponse, ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import { CertificatesService } from './certificates.service';
import {
  CertificateListQueryDto,
  CertificatePdfQueryDto,
  MyCertificatesQueryDto,
  ReissueCertificateDto,
  RevokeCertificateDto,
} from './dto/certificate.dto';
import { CertificateDto, CertificateListEntryDto, VerificationDto } from './dto/certificate-view.dto';
import { VerificationService } from './verification.service';
import { ReadsFromReplica } from '../../database/replicas/reads-from-replica.decorator';

@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly verification: VerificationService,
  ) {}

  @Get('certificates')
  @ReadsFromReplica()
  @Roles(Role.Admin, Role.Partner)
  @ApiOperation({
    summary: 'Certificates (admins: all; partners: their own institution’s trainees’); filters programId, status, q.',
  })
  @ApiPageResponse(CertificateListEntryDto)
  @ApiProblems(400, 401, 403)
  list(@Query() query: CertificateListQueryDto, @Ctx() ctx: RequestContext): Promise<Page<CertificateListEntry>> {
    return this.certificates.list(query, ctx);
  }

  @Get('me/certificates')
  @ReadsFromReplica()
  @Roles(Role.Trainee)
  @ApiOperation({ summary: 'The trainee’s own certificates.' })
  @ApiPageResponse(CertificateListEntryDto)
  @ApiProblems(400, 401, 403)
  mine(@Query() query: MyCertificatesQueryDto, @Ctx() ctx: RequestContext): Promise<Page<CertificateListEntry>> {
    return this.certificates.list(query, ctx);
  }

  @Get('certificates/:id')
  @Roles(Role.Admin, Role.Partner, Role.Trainee)
  @ApiOperation({ summary: 'One certificate as issued, with its frozen fields (the holder, their partner, admins).' })
  @ApiOkResponse({ type: CertificateDto })
  @ApiProblems(400, 401, 403, 404)
  get(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<Certificate> {
    return this.certificates.get(id, ctx);
  }

  @Get('certificates/:id/pdf')
  @Roles(Role.Admin, Role.Partner, Role.Trainee)
  @ApiOperation({ summary: 'The certificate as a bilingual PDF (the holder, their partner, admins).' })
  @ApiFileResponse('application/pdf', 'The certificate, in Chinese and the chosen language')
  @ApiProblems(400, 401, 403, 404)
  async pdf(
    @UuidParam('id') id: string,
    @Query() query: CertificatePdfQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { serial, body, language } = await this.certificates.pdf(id, query.lang, ctx);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${serial}-${language}.pdf"`)
      .header('cache-control', 'private, no-store');
    return body;
  }

  @Post('certificates/:id/revoke')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Revoke with a reason (admin); the public page then says so.' })
  @ApiOkResponse({ type: CertificateDto, description: 'The certificate, revoked' })
  @ApiProblems(400, 401, 403, 404, 409)
  revoke(
    @UuidParam('id') id: string,
    @Body() dto: RevokeCertificateDto,
    @Ctx() ctx: RequestContext,
  ): Promise<Certificate> {
    return this.certificates.revoke(id, dto.reason, ctx);
  }

  @Post('certificates/:id/reissue')
  @HttpCode(201)
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'A correction (admin): a new certificate from today’s records; the old one is revoked with the reason and points to it.',
  })
  @ApiCreatedResponse({ type: CertificateDto, description: 'The new certificate' })
  @ApiProblems(400, 401, 403, 404, 409)
  reissue(
    @UuidParam('id') id: string,
    @Body() dto: ReissueCertificateDto,
    @Ctx() ctx: RequestContext,
  ): Promise<Certificate> {
    return this.certificates.reissue(id, dto.reason, ctx);
  }

  @Get('verify/:code')
  @ReadsFromReplica()
  @Public()
  @ApiOperation({
    summary:
      'Verify a certificate by its code or its serial (public, rate-limited): what the certificate states and its state.',
  })
  @ApiOkResponse({ type: VerificationDto })
  @ApiProblems(404, 429)
  verify(@Param('code') code: string, @Ctx() ctx: RequestContext): Promise<Verification> {
    return this.verification.verify(code, ctx);
  }
}
