import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Instructor } from '@skillbridge/contracts';

export class InstructorDto implements Instructor {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The account, when the instructor can sign in' }) userId?: string;
  @ApiProperty({ example: '刘洋', description: 'In the person’s own script' }) fullName: string;
  @ApiPropertyOptional({ example: 'Liu Yang', description: 'In Latin letters' }) fullNameLatin?: string;
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiProperty({ type: [String], example: ['Tea culture'] }) expertise: string[];
  @ApiProperty({ type: [String], example: ['zh', 'en'] }) languages: string[];
}
