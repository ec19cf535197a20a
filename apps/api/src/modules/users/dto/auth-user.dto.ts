import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, SUPPORTED_LOCALES, type AuthUser, type Locale, type Role } from '@skillbridge/contracts';

export class AuthUserDto implements AuthUser {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) institutionId: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) traineeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) instructorId?: string;
  @ApiProperty({ enum: SUPPORTED_LOCALES }) preferredLocale: Locale;
  @ApiProperty({ example: 'Asia/Bangkok' }) timeZone: string;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() emailVerified: boolean;
  @ApiProperty() mfaEnabled: boolean;
  @ApiProperty() mfaSetupRequired: boolean;
}
