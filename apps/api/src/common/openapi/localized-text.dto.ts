import { ApiPropertyOptional } from '@nestjs/swagger';
import type { LocalizedText } from '@skillbridge/contracts';

/** OpenAPI shape of LocalizedText: at least one language present. */
export class LocalizedTextDto implements LocalizedText {
  @ApiPropertyOptional({ example: 'Tea culture' }) en?: string;
  @ApiPropertyOptional({ example: '茶文化' }) zh?: string;
  @ApiPropertyOptional({ example: 'วัฒนธรรมชา' }) th?: string;
  @ApiPropertyOptional({ example: 'Budaya teh' }) ms?: string;
}
