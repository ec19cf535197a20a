import { ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, SUPPORTED_LOCALES, type Locale, type Role, type UpdateUserRequest } from '@skillbridge/contracts';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsTimeZone, IsUUID, MaxLength } from 'class-validator';
import { Nullable } from '../../../common/validation/nullable';
import { Trim } from '../../../common/validation/validators';

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({
    enum: ROLES,
    description: 'Between admin, instructor and partner; trainee accounts keep their role',
  })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @Nullable()
  @IsUUID()
  institutionId?: string | null;

  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES })
  @IsOptional()
  @IsIn(SUPPORTED_LOCALES)
  preferredLocale?: Locale;

  @ApiPropertyOptional({ example: 'Asia/Bangkok' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ description: 'A disabled account cannot sign in and its tokens stop working at once' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}
