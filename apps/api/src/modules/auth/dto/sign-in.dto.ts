import { ApiProperty } from '@nestjs/swagger';
import type { AccountSession, MfaChallenge } from '@skillbridge/contracts';

export class AccountSessionDto implements AccountSession {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, example: 'Mozilla/5.0 (Linux; Android 14) … Chrome/131.0 Mobile' })
  userAgent: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) lastUsedAt: string;
  @ApiProperty({ description: 'The sign-in this request was made with' }) current: boolean;
}

export class MfaChallengeDto implements MfaChallenge {
  @ApiProperty({ enum: [true] }) mfaRequired: true;
  @ApiProperty({ description: 'Send with a code to POST /auth/login/mfa; valid 5 minutes' }) mfaToken: string;
}
