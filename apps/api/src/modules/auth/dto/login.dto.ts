import { ApiProperty } from '@nestjs/swagger';
import { PASSWORD_MAX_LENGTH, type LoginRequest } from '@skillbridge/contracts';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsEmailAddress, NormalizeEmail } from '../../../common/validation/validators';

export class LoginDto implements LoginRequest {
  @ApiProperty({ format: 'email', example: 'admin@skillbridge.test' })
  @NormalizeEmail()
  @IsEmailAddress()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'skillbridge-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}
