import { ApiPropertyOptional } from '@nestjs/swagger';
import type { InstructorListQuery } from '@skillbridge/contracts';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';
import { Trim } from '../../../common/validation/validators';

export class InstructorListQueryDto extends ListQueryDto implements InstructorListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ description: 'Part of the name or of an expertise' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  q?: string;
}
