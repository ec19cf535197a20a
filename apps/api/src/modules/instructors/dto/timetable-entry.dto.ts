import { ApiProperty } from '@nestjs/swagger';
import type { TimetableEntry } from '@skillbridge/contracts';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';
import { SessionDto } from '../../sessions/dto/session.dto';

export class TimetableEntryDto extends SessionDto implements TimetableEntry {
  @ApiProperty() programCode: string;
  @ApiProperty({ type: LocalizedTextDto }) programTitle: LocalizedTextDto;
  @ApiProperty({ example: 'Asia/Shanghai' }) programTimezone: string;
}
