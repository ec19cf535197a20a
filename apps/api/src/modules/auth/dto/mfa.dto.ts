import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PASSWORD_MAX_LENGTH,
  type MfaLoginRequest,
  type MfaReauthRequest,
  type RecoveryCodes,
  type TotpConfirmRequest,
  type TotpSetup,
  type TotpSetupRequest,
} from '@skillbridge/contracts';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class MfaLoginDto implements MfaLoginRequest {
  @ApiProperty({ description: 'From the answer of POST /auth/login' })
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  mfaToken: string;

  @ApiPropertyOptional({ example: '492039', description: 'A code of the authenticator app' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  code?: string;

  @ApiPropertyOptional({ example: 'k7qd-2mzx-a4rt-w6pe', description: 'Instead of a code: one unused recovery code' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  recoveryCode?: string;
}

export class TotpSetupDto implements TotpSetupRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class TotpSetupResponseDto implements TotpSetup {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }) secret: string;
  @ApiProperty({ example: 'otpauth://totp/Skillbridge:somchai%40example.ac.th?issuer=Skillbridge&secret=…' })
  otpauthUri: string;
}

export class TotpConfirmDto implements TotpConfirmRequest {
  @ApiProperty({ example: '492039' })
  @IsString()
  @MinLength(1)
  @MaxLength(16)
  code: string;
}

export class RecoveryCodesDto implements RecoveryCodes {
  @ApiProperty({ type: [String], example: ['k7qd-2mzx-a4rt-w6pe'] }) recoveryCodes: string[];
}

export class MfaReauthDto implements MfaReauthRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @ApiPropertyOptional({ example: '492039' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  code?: string;

  @ApiPropertyOptional({ example: 'k7qd-2mzx-a4rt-w6pe' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  recoveryCode?: string;
}
