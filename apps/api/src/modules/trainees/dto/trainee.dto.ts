import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IMPORT_TEXT_ENCODINGS,
  SUPPORTED_LOCALES,
  type CountryCode,
  type ImportTextEncoding,
  type Locale,
  type Trainee,
} from '@skillbridge/contracts';
import { ApiCountryCode } from '../../../common/openapi/api-docs.decorators';

export class TraineeDto implements Trainee {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The account, for trainees who signed up themselves' })
  userId?: string;
  @ApiProperty({ example: 'สมชาย ใจดี' }) fullName: string;
  @ApiPropertyOptional({ example: 'Somchai Jaidee' }) fullNameLatin?: string;
  @ApiProperty() email: string;
  @ApiCountryCode() nationality: CountryCode;
  @ApiPropertyOptional({ format: 'uuid' }) institutionId?: string;
  @ApiProperty({ enum: SUPPORTED_LOCALES }) preferredLocale: Locale;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

class ImportRowErrorDto {
  @ApiProperty({ description: 'Spreadsheet row; the header is row 1' }) row: number;
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'IS_EMAIL' }) code: string;
  @ApiProperty() message: string;
}

export class ImportReportDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: 'True when the rows were written' }) committed: boolean;
  @ApiProperty({ description: 'Data rows read' }) rows: number;
  @ApiProperty({
    description: 'Trainees added (a dry run: that it would add); 0 when a real run wrote nothing because of errors',
  })
  created: number;
  @ApiProperty({ description: 'Trainees changed, counted as created is' }) updated: number;
  @ApiProperty({ type: [ImportRowErrorDto] }) errors: ImportRowErrorDto[];
  @ApiPropertyOptional({
    description: 'Dry runs, and real runs that wrote nothing because of errors: every row with what would happen to it',
    type: 'array',
  })
  preview?: unknown[];
  @ApiPropertyOptional({
    enum: IMPORT_TEXT_ENCODINGS,
    description:
      'Text files (CSV, Excel’s “Unicode text”): the character encoding the file was read in, detected from its bytes. Absent for XLSX.',
    example: 'GBK',
  })
  encoding?: ImportTextEncoding;
}
