import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateInstructorRequest } from '@skillbridge/contracts';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { Trim } from '../../../common/validation/validators';

export class CreateInstructorDto implements CreateInstructorRequest {
  @ApiProperty({ example: '刘洋' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName: string;

  @ApiProperty({ format: 'uuid', description: 'The college or enterprise the instructor comes from' })
  @IsUUID()
  institutionId: string;

  @ApiPropertyOptional({ type: [String], example: ['Cross-border e-commerce', 'Independent web shops'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  expertise?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['zh', 'en'],
    description: 'ISO 639 codes of the languages taught in',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^[a-z]{2,3}$/, { each: true })
  languages?: string[];
}
