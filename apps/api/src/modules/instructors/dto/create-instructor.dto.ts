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
import { Nullable } from '../../../common/validation/nullable';
import { Trim } from '../../../common/validation/validators';
import { IsLatinName } from '../../trainees/latin-name';

export class CreateInstructorDto implements CreateInstructorRequest {
  @ApiProperty({ example: '刘洋', description: 'The name in the person’s own script' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName: string;

  @ApiPropertyOptional({
    example: 'Liu Yang',
    description: 'The same name in Latin letters; null or empty removes it',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @Nullable()
  @Trim()
  @IsString()
  @MaxLength(200)
  @IsLatinName()
  fullNameLatin?: string | null;

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
