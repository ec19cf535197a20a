import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { InvitationLetterVerification, LocalizedText } from '@skillbridge/contracts';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';

/** What anyone holding a letter's reference may learn: the letter's facts and state, never passport data. */
export class InvitationLetterVerificationDto implements InvitationLetterVerification {
  @ApiProperty({ example: 'SB-INV-2027-000123' }) reference: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Superseded by a newer letter (the passport data or a stated fact changed)',
  })
  supersededAt?: string;
  @ApiProperty() holderName: string;
  @ApiProperty({ type: LocalizedTextDto }) programTitle: LocalizedText;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ type: LocalizedTextDto }) hostInstitution: LocalizedText;
}
