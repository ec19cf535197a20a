import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  INSTITUTION_KINDS,
  type CountryCode,
  type InstitutionKind,
  type InstitutionListQuery,
} from '@skillbridge/contracts';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';
import { IsCountryCode, Trim } from '../../../common/validation/validators';
import { ApiCountryCode } from '../../../common/openapi/api-docs.decorators';

export class InstitutionListQueryDto extends ListQueryDto implements InstitutionListQuery {
  @ApiPropertyOptional({ enum: INSTITUTION_KINDS })
  @IsOptional()
  @IsIn(INSTITUTION_KINDS)
  kind?: InstitutionKind;

  @ApiCountryCode({ required: false })
  @IsOptional()
  @IsCountryCode()
  country?: CountryCode;

  @ApiPropertyOptional({ description: 'Part of the code or of the name in any language' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  q?: string;
}
