import { ApiProperty } from '@nestjs/swagger';
import { DATA_EXPORT_STATUSES, type DataExport, type DataExportStatus } from '@skillbridge/contracts';

export class DataExportDto implements DataExport {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DATA_EXPORT_STATUSES }) status: DataExportStatus;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readyAt: string | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Until when a ready copy can be downloaded (DATA_EXPORT_TTL_HOURS after it was made)',
  })
  expiresAt: string | null;
  @ApiProperty({ nullable: true, type: Number, minimum: 0 }) sizeBytes: number | null;
}
