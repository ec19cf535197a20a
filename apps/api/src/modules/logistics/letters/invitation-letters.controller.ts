import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type InvitationLetterVerification } from '@skillbridge/contracts';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { Public, Roles } from '../../../common/auth/access.decorator';
import { Ctx } from '../../../common/auth/context.decorator';
import type { RequestContext } from '../../../common/auth/viewer';
import { ApiFileResponse, ApiProblems } from '../../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../../common/validation/uuid-param';
import { InvitationLetterVerificationDto } from './invitation-letter.dto';
import { InvitationLettersService } from './invitation-letters.service';

@ApiTags('logistics')
@Controller()
export class InvitationLettersController {
  constructor(private readonly letters: InvitationLettersService) {}

  @Get('enrolments/:id/invitation-letter.pdf')
  @Roles(Role.Admin, Role.Partner, Role.Trainee)
  @ApiOperation({
    summary:
      'The visa invitation letter of a confirmed enrolment with complete passport data, in Chinese and English on the host’s letterhead (the trainee, their partner, admins; staff reads are audited). Issued on the first download; a new letter with a new reference when the passport data changed. 400 names what is missing (`status`, `passport`).',
  })
  @ApiFileResponse('application/pdf', 'The letter, in Chinese and English')
  @ApiProblems(400, 401, 403, 404)
  async pdf(
    @UuidParam('id') id: string,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { reference, body } = await this.letters.pdf(id, ctx);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${reference}.pdf"`)
      .header('cache-control', 'private, no-store');
    return body;
  }

  @Get('programs/:id/invitation-letters.zip')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'The invitation letters of a program’s confirmed trainees whose passport data is complete, one PDF each, as a ZIP (admin); `skipped.txt`, in the caller’s language, names those left out and why.',
  })
  @ApiFileResponse('application/zip', 'The letters')
  @ApiProblems(400, 401, 403, 404)
  async zip(
    @UuidParam('id') id: string,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const { code, stream } = await this.letters.zip(id, ctx);
    reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="invitation-letters-${code}.zip"`)
      .header('content-language', ctx.locale)
      .header('cache-control', 'private, no-store');
    return stream;
  }

  @Get('verify/letters/:reference')
  @Public()
  @ApiOperation({
    summary:
      'Verify a visa invitation letter by its reference (public, rate-limited): what it states and whether a newer letter superseded it — never passport data.',
  })
  @ApiOkResponse({ type: InvitationLetterVerificationDto })
  @ApiProblems(404, 429)
  verify(@Param('reference') reference: string, @Ctx() ctx: RequestContext): Promise<InvitationLetterVerification> {
    return this.letters.verify(reference, ctx);
  }
}
