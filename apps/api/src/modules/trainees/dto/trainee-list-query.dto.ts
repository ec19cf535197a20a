import { ApiPropertyOptional } from '@nestjs/swagger';
import type { CountryCode, TraineeListQuery } from '@skillbridge/contracts';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';
import { IsCountryCode, Trim } from '../../../common/validation/validators';
import { ApiCountryCode } from '../../../common/openapi/api-docs.decorators';

export class TraineeListQueryDto extends ListQueryDto implements TraineeListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @ApiCountryCode({ required: false })
  @IsOptional()
  @IsCountryCode()
  nationality?: CountryCode;

  @ApiPropertyOptional({ description: 'Part of the name in either script, or of the e-mail' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  q?: string;
}
