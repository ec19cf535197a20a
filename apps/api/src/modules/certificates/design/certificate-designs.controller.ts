import { Body, Controller, Delete, Get, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  CERTIFICATE_IMAGE_MAX_BYTES,
  CERTIFICATE_SIGNATORIES_MAX,
  ErrorCode,
  Role,
  type CertificateDesign,
} from '@skillbridge/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../../../common/auth/access.decorator';
import { Ctx } from '../../../common/auth/context.decorator';
import type { RequestContext } from '../../../common/auth/viewer';
import { ApiFileResponse, ApiProblems } from '../../../common/openapi/api-docs.decorators';
import { ProblemException } from '../../../common/problem/problem.exception';
import { UuidParam } from '../../../common/validation/uuid-param';
import { CertificateDocumentsService } from '../documents/certificate-documents.service';
import { CertificateDesignsService, DesignImageSlot, fileTooLarge } from './certificate-designs.service';
import {
  CertificateDesignDto,
  CertificatePreviewQueryDto,
  UpdateCertificateDesignDto,
} from './dto/certificate-design.dto';

/**
 * The `file` field of a multipart upload, read into memory with a limit of
 * CERTIFICATE_IMAGE_MAX_BYTES set on the parser itself: busboy stops keeping
 * bytes past it, so a larger file is refused without ever being held whole.
 */
async function uploadedImage(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new ProblemException(415, ErrorCode.UnsupportedMediaType);
  let part;
  try {
    part = await request.file({ limits: { fileSize: CERTIFICATE_IMAGE_MAX_BYTES, files: 1 } });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 413) throw fileTooLarge();
    throw ProblemException.invalidField('file', 'MULTIPART', 'import.multipart');
  }
  if (!part || part.fieldname !== 'file') {
    throw ProblemException.invalidField('file', 'IS_DEFINED', 'validation.isDefined');
  }
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 413) throw fileTooLarge();
    throw ProblemException.invalidField('file', 'MULTIPART', 'import.multipart');
  }
  if (part.file.truncated) throw fileTooLarge();
  return bytes;
}

/** `signatures/:index`: the signatory's place in the design, 0 or 1. */
function signatureSlot(index: string): DesignImageSlot {
  if (!/^\d$/.test(index) || Number(index) >= CERTIFICATE_SIGNATORIES_MAX) {
    throw ProblemException.invalidField('index', 'IS_IN', 'validation.isIn', {
      values: Array.from({ length: CERTIFICATE_SIGNATORIES_MAX }, (_, i) => i).join(', '),
    });
  }
  return { signature: Number(index) };
}

const IMAGE_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: {
        type: 'string',
        format: 'binary',
        description: `PNG or JPEG (by content), at most ${CERTIFICATE_IMAGE_MAX_BYTES} bytes, 16–4000 px each side`,
      },
    },
  },
};

/**
 * The certificate design of a host institution (admins), and the preview of
 * a program's certificate with it.
 */
@ApiTags('certificates')
@Controller()
export class CertificateDesignsController {
  constructor(
    private readonly designs: CertificateDesignsService,
    private readonly documents: CertificateDocumentsService,
  ) {}

  @Get('institutions/:id/certificate-design')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'The institution’s certificate design; the empty default when it has none (admin).' })
  @ApiOkResponse({ type: CertificateDesignDto })
  @ApiProblems(400, 401, 403, 404)
  get(@UuidParam('id') id: string): Promise<CertificateDesign> {
    return this.designs.get(id);
  }

  @Put('institutions/:id/certificate-design')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Set the accent colour and the signatories (at most two) of a host institution’s design; a signature stays only while its signatory’s name stays (admin).',
  })
  @ApiOkResponse({ type: CertificateDesignDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateCertificateDesignDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CertificateDesign> {
    return this.designs.update(id, dto, ctx);
  }

  @Put('institutions/:id/certificate-design/logo')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Upload the logo: PNG or JPEG by content, ≤ 1 MiB, 16–4000 px (admin).' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMAGE_BODY)
  @ApiOkResponse({ type: CertificateDesignDto })
  @ApiProblems(400, 401, 403, 404, 409, 415)
  async putLogo(
    @UuidParam('id') id: string,
    @Req() request: FastifyRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<CertificateDesign> {
    return this.designs.putImage(id, 'logo', await uploadedImage(request), ctx);
  }

  @Delete('institutions/:id/certificate-design/logo')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Remove the logo (admin); certificates already issued keep theirs.' })
  @ApiOkResponse({ type: CertificateDesignDto })
  @ApiProblems(400, 401, 403, 404, 409)
  deleteLogo(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<CertificateDesign> {
    return this.designs.deleteImage(id, 'logo', ctx);
  }

  @Put('institutions/:id/certificate-design/seal')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Upload the seal (the red stamp): PNG or JPEG by content, ≤ 1 MiB, 16–4000 px (admin).' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMAGE_BODY)
  @ApiOkResponse({ type: CertificateDesignDto })
  @ApiProblems(400, 401, 403, 404, 409, 415)
  async putSeal(
    @UuidParam('id') id: string,
    @Req() request: FastifyRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<CertificateDesign> {
    return this.designs.putImage(id, 'seal', await uploadedImage(request), ctx);
  }

  @Delete('institutions/:id/certificate-design/seal')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Remove the seal (admin); certificates already issued keep theirs.' })
  @ApiOkResponse({ type: CertificateDesignDto })
  @ApiProblems(400, 401, 403, 404, 409)
  deleteSeal(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<CertificateDesign> {
    return this.designs.deleteImage(id, 'seal', ctx);
  }

  @Put('institutions/:id/certificate-design/signatures/:index')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Upload the signature of the signatory at this index (0 or 1): PNG or JPEG by content, ≤ 1 MiB (admin).',
  })
  @ApiParam({ name: 'index', enum: ['0', '1'] })
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMAGE_BODY)
  @ApiOkResponse({ type: CertificateDesignDto })
  @ApiProblems(400, 401, 403, 404, 409, 415)
  async putSignature(
    @UuidParam('id') id: string,
    @Param('index') index: string,
    @Req() request: FastifyRequest,
    @Ctx() ctx: RequestContext,
  ): Promise<CertificateDesign> {
    const slot = signatureSlot(index);
    return this.designs.putImage(id, slot, await uploadedImage(request), ctx);
  }

  @Delete('institutions/:id/certificate-design/signatures/:index')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Remove the signature of the signatory at this index (admin).' })
  @ApiParam({ name: 'index', enum: ['0', '1'] })
  @ApiOkResponse({ type: CertificateDesignDto })
  @ApiProblems(400, 401, 403, 404, 409)
  deleteSignature(
    @UuidParam('id') id: string,
    @Param('index') index: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CertificateDesign> {
    return this.designs.deleteImage(id, signatureSlot(index), ctx);
  }

  @Get('programs/:id/certificate-preview.pdf')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'A sample certificate of the program with its host’s current design, stamped SAMPLE (admin).',
  })
  @ApiFileResponse('application/pdf', 'A sample certificate, stamped SAMPLE')
  @ApiProblems(400, 401, 403, 404)
  async preview(
    @UuidParam('id') id: string,
    @Query() query: CertificatePreviewQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const language = query.lang ?? 'en';
    const body = await this.documents.preview(id, language);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="certificate-preview-${language}.pdf"`)
      .header('cache-control', 'private, no-store');
    return body;
  }
}
