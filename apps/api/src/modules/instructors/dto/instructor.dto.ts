import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Instructor } from '@skillbridge/contracts';

export class InstructorDto implements Instructor {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The account, when the instructor can sign in' }) userId?: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid' }) institutionId: string;
  @ApiProperty({ type: [String], example: ['Tea culture'] }) expertise: string[];
  @ApiProperty({ type: [String], example: ['zh', 'en'] }) languages: string[];
}
