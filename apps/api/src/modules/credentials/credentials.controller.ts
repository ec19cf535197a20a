import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role } from '@skillbridge/contracts';
import type { FastifyReply } from 'fastify';
import { Public, Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import {
  ISSUER_DOCUMENT_SCHEMA,
  OPEN_BADGE_CREDENTIAL_SCHEMA,
  STATUS_LIST_CREDENTIAL_SCHEMA,
} from './credential-schemas';
import { CredentialsService, type JsonLd } from './credentials.service';

const LD_JSON = 'application/ld+json';

/** Sends a JSON-LD document as `application/ld+json`. */
function ldJson(reply: FastifyReply, document: JsonLd, cacheControl: string): string {
  reply.header('content-type', `${LD_JSON}; charset=utf-8`).header('cache-control', cacheControl);
  return JSON.stringify(document);
}

@ApiTags('credentials')
@Controller()
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get('certificates/:id/credential')
  @Roles(Role.Admin, Role.Partner, Role.Trainee)
  @ApiOperation({
    summary:
      'The certificate as an Open Badges 3.0 credential (W3C VC 2.0), signed by the host institution (eddsa-rdfc-2022); the holder, their partner, admins.',
  })
  @ApiProduces(LD_JSON)
  @ApiOkResponse({ content: { [LD_JSON]: { schema: OPEN_BADGE_CREDENTIAL_SCHEMA } } })
  @ApiProblems(400, 401, 403, 404)
  async credential(
    @UuidParam('id') id: string,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const credential = await this.credentials.credentialOf(id, ctx);
    reply.header('content-disposition', `attachment; filename="credential-${id}.json"`);
    return ldJson(reply, credential, 'private, no-store');
  }

  @Get('credentials/issuers/:institutionId')
  @Public()
  @ApiOperation({
    summary:
      'An issuer of credentials (public): its Open Badges Profile and the controller document of its signing keys, current and retired.',
  })
  @ApiProduces(LD_JSON)
  @ApiOkResponse({ content: { [LD_JSON]: { schema: ISSUER_DOCUMENT_SCHEMA } } })
  @ApiProblems(400, 404)
  async issuer(
    @UuidParam('institutionId') institutionId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return ldJson(reply, await this.credentials.issuerDocument(institutionId), 'public, max-age=300');
  }

  @Post('credentials/issuers/:institutionId/keys/rotate')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Retire the institution’s signing key and make a new one that signs from now on; the old one stays published (admin). Returns the issuer document.',
  })
  @ApiProduces(LD_JSON)
  @ApiOkResponse({ content: { [LD_JSON]: { schema: ISSUER_DOCUMENT_SCHEMA } } })
  @ApiProblems(400, 401, 403, 404)
  async rotate(
    @UuidParam('institutionId') institutionId: string,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return ldJson(reply, await this.credentials.rotateKey(institutionId, ctx), 'no-store');
  }

  @Get('credentials/status/:listId')
  @Public()
  @ApiOperation({
    summary:
      'A revocation list (public): a signed BitstringStatusListCredential, as the bits are now (a revocation shows at once).',
  })
  @ApiProduces(LD_JSON)
  @ApiOkResponse({ content: { [LD_JSON]: { schema: STATUS_LIST_CREDENTIAL_SCHEMA } } })
  @ApiProblems(400, 404)
  async statusList(
    @UuidParam('listId') listId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return ldJson(reply, await this.credentials.statusList(listId), 'no-cache');
  }
}
