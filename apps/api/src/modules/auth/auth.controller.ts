import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ErrorCode, type AuthUser, type LoginResponse, type SessionResponse } from '@skillbridge/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, DuringMfaSetup, Public } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config';
import { API_PREFIX } from '../../create-app.constants';
import { AuthUserDto } from '../users/dto/auth-user.dto';
import { AccountMailService } from './account-mail.service';
import { AuthService, Session } from './auth.service';
import { AccountTokenDto, ChangeEmailDto, PasswordResetConfirmDto, PasswordResetDto } from './dto/account-email.dto';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { MfaLoginDto } from './dto/mfa.dto';
import { RegisterDto } from './dto/register.dto';
import { SessionResponseDto } from './dto/session-response.dto';
import { MfaChallengeDto } from './dto/sign-in.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';

export const REFRESH_COOKIE = 'sb_refresh';
/** Readable by the page (holds no secret): tells the SPA a session may exist, so guests make no refresh call. */
export const SESSION_HINT_COOKIE = 'sb_session';
const REFRESH_COOKIE_PATH = `/${API_PREFIX}/auth`;

/**
 * Sign-in for the SPA: a short-lived access token in the body (kept in
 * memory, never in storage) and a rotating refresh token in an HttpOnly,
 * Secure, SameSite=Strict cookie scoped to /api/v1/auth, so a reload keeps
 * the session and script on the page cannot read it.
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accountMail: AccountMailService,
    private readonly config: AppConfig,
  ) {}

  private send(reply: FastifyReply, session: Session): SessionResponse {
    reply.setCookie(REFRESH_COOKIE, session.refresh.value, {
      httpOnly: true,
      secure: this.config.COOKIE_SECURE,
      sameSite: 'strict',
      path: REFRESH_COOKIE_PATH,
      expires: session.refresh.expiresAt,
    });
    reply.setCookie(SESSION_HINT_COOKIE, '1', {
      httpOnly: false,
      secure: this.config.COOKIE_SECURE,
      sameSite: 'strict',
      path: '/',
      expires: session.refresh.expiresAt,
    });
    reply.header('cache-control', 'no-store');
    return session.response;
  }

  private clear(reply: FastifyReply): void {
    reply.clearCookie(REFRESH_COOKIE, {
      httpOnly: true,
      secure: this.config.COOKIE_SECURE,
      sameSite: 'strict',
      path: REFRESH_COOKIE_PATH,
    });
    reply.clearCookie(SESSION_HINT_COOKIE, { secure: this.config.COOKIE_SECURE, sameSite: 'strict', path: '/' });
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in with e-mail and password; sets the refresh cookie. With two-factor on, answers `{ mfaRequired, mfaToken }` instead, for POST /auth/login/mfa.',
  })
  @ApiExtraModels(SessionResponseDto, MfaChallengeDto)
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(SessionResponseDto) }, { $ref: getSchemaPath(MfaChallengeDto) }] },
  })
  @ApiProblems(400, 401, 429)
  async login(
    @Body() dto: LoginDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const outcome = await this.auth.login(dto, ctx);
    if ('challenge' in outcome) {
      reply.header('cache-control', 'no-store');
      return outcome.challenge;
    }
    return this.send(reply, outcome.session);
  }

  @Post('login/mfa')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'The second step of a two-factor sign-in: a code or a recovery code; sets the refresh cookie.',
  })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiProblems(400, 401, 429)
  async loginMfa(
    @Body() dto: MfaLoginDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    return this.send(reply, await this.auth.loginMfa(dto, ctx));
  }

  @Post('register')
  @Public()
  @ApiOperation({
    summary:
      'Trainee self-registration: creates the account (e-mail not yet verified) and signs in; the trainee profile is made, or an imported one linked, when the e-mailed link is followed.',
  })
  @ApiCreatedResponse({ type: SessionResponseDto })
  @ApiProblems(400, 409, 429)
  async register(
    @Body() dto: RegisterDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    return this.send(reply, await this.auth.register(dto, ctx));
  }

  @Post('verify-email')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Follows an e-mailed link: verifies the address (or makes a new address the account’s).' })
  @ApiNoContentResponse()
  @ApiProblems(400, 409)
  verifyEmail(@Body() dto: AccountTokenDto, @Ctx() ctx: RequestContext): Promise<void> {
    return this.accountMail.verifyEmail(dto, ctx);
  }

  @Post('verify-email/resend')
  @Authenticated()
  @DuringMfaSetup()
  @HttpCode(202)
  @ApiOperation({ summary: 'Sends the verification e-mail again (at most once a minute).' })
  @ApiAcceptedResponse()
  @ApiProblems(401, 429)
  resendVerification(@Ctx() ctx: RequestContext): Promise<void> {
    return this.accountMail.resendVerification(ctx);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'E-mails a password reset link valid 30 minutes — the same answer whether or not the account exists.',
  })
  @ApiAcceptedResponse()
  @ApiProblems(400, 429)
  requestPasswordReset(@Body() dto: PasswordResetDto, @Ctx() ctx: RequestContext): Promise<void> {
    return this.accountMail.requestPasswordReset(dto, ctx);
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sets a new password with a reset link; signs the account out everywhere.' })
  @ApiNoContentResponse()
  @ApiProblems(400)
  confirmPasswordReset(@Body() dto: PasswordResetConfirmDto, @Ctx() ctx: RequestContext): Promise<void> {
    return this.accountMail.confirmPasswordReset(dto, ctx);
  }

  @Post('unlock')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Follows the e-mailed unlock link of an account locked after many failed sign-ins.' })
  @ApiNoContentResponse()
  @ApiProblems(400)
  unlock(@Body() dto: AccountTokenDto, @Ctx() ctx: RequestContext): Promise<void> {
    return this.accountMail.unlock(dto, ctx);
  }

  @Post('email')
  @Authenticated()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Asks for a new e-mail address (password, and a code with two-factor on); it takes effect when the link sent to it is followed.',
  })
  @ApiAcceptedResponse()
  @ApiProblems(400, 401, 409, 429)
  changeEmail(@Body() dto: ChangeEmailDto, @Ctx() ctx: RequestContext): Promise<void> {
    return this.accountMail.changeEmail(dto, ctx);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({ summary: 'A new access token from the refresh cookie (rotated on every use).' })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiProblems(401)
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    const session = await this.auth.refresh(request.cookies[REFRESH_COOKIE]);
    if (!session) {
      this.clear(reply);
      throw new ProblemException(401, ErrorCode.Unauthenticated);
    }
    return this.send(reply, session);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({
    summary: 'Ends the sign-in of the refresh cookie (the whole cookie, secret included) and clears it.',
  })
  @ApiNoContentResponse()
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(request.cookies[REFRESH_COOKIE]);
    this.clear(reply);
  }

  @Get('me')
  @Authenticated()
  @DuringMfaSetup()
  @ApiOperation({ summary: 'The signed-in user, with role, institution and profile ids.' })
  @ApiOkResponse({ type: AuthUserDto })
  @ApiProblems(401)
  me(@Ctx() ctx: RequestContext): Promise<AuthUser> {
    return this.auth.me(ctx);
  }

  @Patch('me')
  @Authenticated()
  @DuringMfaSetup()
  @ApiOperation({ summary: 'Change your own name, language or time zone.' })
  @ApiOkResponse({ type: AuthUserDto })
  @ApiProblems(400, 401)
  updateMe(@Body() dto: UpdateProfileDto, @Ctx() ctx: RequestContext): Promise<AuthUser> {
    return this.auth.updateProfile(dto, ctx);
  }

  @Post('password')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Change your password (the current one, and a code with two-factor on); every other session is signed out.',
  })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiProblems(400, 401, 429)
  async changePassword(
    @Body() dto: ChangePasswordDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    return this.send(reply, await this.auth.changePassword(dto, ctx));
  }
}
