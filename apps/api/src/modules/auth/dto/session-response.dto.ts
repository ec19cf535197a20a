import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SessionResponse } from '@skillbridge/contracts';
import { AuthUserDto } from '../../users/dto/auth-user.dto';

export class SessionResponseDto implements SessionResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>`' })
  accessToken: string;

  @ApiProperty({ example: 900 })
  expiresIn: number;

  @ApiProperty({ type: AuthUserDto })
  user: AuthUserDto;

  @ApiPropertyOptional({ description: 'True when the account must set up two-factor sign-in before anything else' })
  mfaSetupRequired?: boolean;
}
