import { ApiProperty } from '@nestjs/swagger';
import { INSTITUTION_KINDS, type CountryCode, type Institution, type InstitutionKind } from '@skillbridge/contracts';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';
import { ApiCountryCode } from '../../../common/openapi/api-docs.decorators';

export class InstitutionDto implements Institution {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RMUTT' }) code: string;
  @ApiProperty({ type: LocalizedTextDto }) name: LocalizedTextDto;
  @ApiProperty({ enum: INSTITUTION_KINDS }) kind: InstitutionKind;
  @ApiCountryCode() country: CountryCode;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
