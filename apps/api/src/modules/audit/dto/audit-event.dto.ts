import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type AuditEvent, type Role } from '@skillbridge/contracts';

export class AuditEventDto implements AuditEvent {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ enum: ROLES, nullable: true }) actorRole: Role | null;
  @ApiProperty({ example: 'institution.update' }) action: string;
  @ApiProperty({ example: 'institution' }) entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
}
