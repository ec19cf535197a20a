import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '../../config';
import { ConsentsModule } from '../privacy/consents/consents.module';
import { UsersService } from '../users/users.service';
import { AccountMailService } from './account-mail.service';
import { AccountTokensService } from './account-tokens.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { MfaController } from './mfa.controller';
import { MfaService } from './mfa.service';
import { PasswordService } from './password.service';
import { SignInsController } from './sign-ins.controller';
import { SignInsService } from './sign-ins.service';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, TokenService } from './token.service';
import { ViewerLoader } from './viewer-loader.service';

@Module({
  imports: [
    ConsentsModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // A KeyObject made once: given the bare string, jsonwebtoken first tries (and fails) to parse it as a
        // public key on every verification — a third of the CPU of a light authenticated request.
        if (!config.JWT_SECRET)
          throw new Error('JWT_SECRET is not set (main.ts provides one for the embedded database)');
        const key = createSecretKey(Buffer.from(config.JWT_SECRET));
        return {
          secretOrKeyProvider: () => key,
          signOptions: {
            algorithm: 'HS256',
            expiresIn: config.ACCESS_TOKEN_TTL_SECONDS,
            issuer: ACCESS_TOKEN_ISSUER,
            audience: ACCESS_TOKEN_AUDIENCE,
          },
          // The algorithm is fixed on verification: `alg: none` or RS/HS confusion never passes.
          verifyOptions: { algorithms: ['HS256'], issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE },
        };
      },
    }),
  ],
  controllers: [AuthController, MfaController, SignInsController],
  providers: [
    AuthService,
    AccountMailService,
    AccountTokensService,
    MfaService,
    SignInsService,
    PasswordService,
    TokenService,
    LoginThrottleService,
    ViewerLoader,
    UsersService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [PasswordService, TokenService, UsersService, ViewerLoader],
})
export class AuthModule {}
