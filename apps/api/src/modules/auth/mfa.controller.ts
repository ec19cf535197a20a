import { Body, Controller, Delete, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RecoveryCodes, TotpSetup } from '@skillbridge/contracts';
import { Authenticated, DuringMfaSetup } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';
import { MfaReauthDto, RecoveryCodesDto, TotpConfirmDto, TotpSetupDto, TotpSetupResponseDto } from './dto/mfa.dto';
import { MfaService } from './mfa.service';

/** Two-factor sign-in of the caller's own account. */
@ApiTags('auth')
@Controller('auth/mfa')
@Authenticated()
export class MfaController {
  constructor(private readonly mfa: MfaService) {}

  @Post('totp')
  @DuringMfaSetup()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Starts setting up TOTP (RFC 6238, 30 s, 6 digits) after the password: a new secret and its otpauth URI; not active until confirmed.',
  })
  @ApiOkResponse({ type: TotpSetupResponseDto })
  @ApiProblems(400, 401, 409, 429)
  start(@Body() dto: TotpSetupDto, @Ctx() ctx: RequestContext): Promise<TotpSetup> {
    return this.mfa.startTotp(dto, ctx);
  }

  @Post('totp/confirm')
  @DuringMfaSetup()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Turns two-factor on with a code of the new secret; answers ten single-use recovery codes.',
  })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiProblems(400, 401, 409)
  confirm(@Body() dto: TotpConfirmDto, @Ctx() ctx: RequestContext): Promise<RecoveryCodes> {
    return this.mfa.confirmTotp(dto, ctx);
  }

  @Delete('totp')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Turns two-factor off (password and a code); 409 where the role requires it (MFA_REQUIRED_ROLES).',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 409, 429)
  disable(@Body() dto: MfaReauthDto, @Ctx() ctx: RequestContext): Promise<void> {
    return this.mfa.disableTotp(dto, ctx);
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ten new recovery codes in place of the old ones (password and a code).' })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiProblems(400, 401, 409, 429)
  regenerate(@Body() dto: MfaReauthDto, @Ctx() ctx: RequestContext): Promise<RecoveryCodes> {
    return this.mfa.regenerateRecoveryCodes(dto, ctx);
  }
}
