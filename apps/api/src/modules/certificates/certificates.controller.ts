import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  Role,
  type Certificate,
  type CertificateListEntry,
  type CompletionPreview,
  type CompletionResult,
  type Page,
  type SelectionResult,
  type Verification,
} from '@skillbridge/contracts';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import { CertificatesService } from './certificates.service';
import {
  CertificateListQueryDto,
  CertificatePdfQueryDto,
  MyCertificatesQueryDto,
  RevokeCertificateDto,
  SelectionDto,
} from './dto/certificate.dto';

@ApiTags('certificates')
@ApiBearerAuth()
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get('programs/:id/completion')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Preview of closing the program: who completes, who does not, and why (admin).' })
  @ApiProblems(400, 401, 403, 404)
  preview(@UuidParam('id') id: string): Promise<CompletionPreview> {
    return this.certificates.preview(id);
  }

  @Post('programs/:id/complete')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Close the program: completed / not-completed by its rule, a certificate per completer; idempotent.',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  complete(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<CompletionResult> {
    return this.certificates.complete(id, ctx);
  }

  @Post('programs/:id/selections')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Enrol chosen completers of another program, confirmed, all or none (admin).' })
  @ApiProblems(400, 401, 403, 404, 409)
  select(@UuidParam('id') id: string, @Body() dto: SelectionDto, @Ctx() ctx: RequestContext): Promise<SelectionResult> {
    return this.certificates.select(id, dto, ctx);
  }

  @Get('certificates')
  @Roles(Role.Admin, Role.Partner)
  @ApiOperation({
    summary: 'Certificates (admins: all; partners: their own institution’s trainees’); filters programId, status, q.',
  })
  @ApiProblems(400, 401, 403)
  list(@Query() query: CertificateListQueryDto, @Ctx() ctx: RequestContext): Promise<Page<CertificateListEntry>> {
    return this.certificates.list(query, ctx);
  }

  @Get('me/certificates')
  @Roles(Role.Trainee)
  @ApiOperation({ summary: 'The trainee’s own certificates.' })
  @ApiProblems(400, 401, 403)
  mine(@Query() query: MyCertificatesQueryDto, @Ctx() ctx: RequestContext): Promise<Page<CertificateListEntry>> {
    return this.certificates.list(query, ctx);
  }

  @Get('certificates/:id/pdf')
  @Roles(Role.Admin, Role.Partner, Role.Trainee)
  @ApiOperation({ summary: 'The certificate as a bilingual PDF (the holder, their partner, admins).' })
  @ApiProduces('application/pdf')
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
  @ApiProblems(400, 401, 403, 404, 409)
  revoke(
    @UuidParam('id') id: string,
    @Body() dto: RevokeCertificateDto,
    @Ctx() ctx: RequestContext,
  ): Promise<Certificate> {
    return this.certificates.revoke(id, dto.reason, ctx);
  }

  @Get('verify/:code')
  @Public()
  @ApiOperation({
    summary: 'Verify a certificate by its code (public, rate-limited): status, serial, holder, program, issuer.',
  })
  @ApiProblems(404, 429)
  verify(@Param('code') code: string, @Ctx() ctx: RequestContext): Promise<Verification> {
    return this.certificates.verify(code, ctx);
  }
}
