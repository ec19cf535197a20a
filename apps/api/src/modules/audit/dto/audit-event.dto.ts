import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  AUDIT_ACTIONS,
  AUDIT_CATEGORIES,
  ROLES,
  type AuditAction,
  type AuditActionOption,
  type AuditActor,
  type AuditCategory,
  type AuditChange,
  type AuditEvent,
  type AuditRecord,
  type LocalizedText,
  type Role,
} from '@skillbridge/contracts';
import { LocalizedTextDto } from '../../../common/openapi/localized-text.dto';

export class AuditActorDto implements AuditActor {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, description: 'As the account reads now; null once it is removed' })
  name: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ enum: ROLES, nullable: true, description: 'The role at the time of the event' }) role: Role | null;
}

export class AuditRecordDto implements AuditRecord {
  @ApiProperty({ example: 'program' }) type: string;
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String, example: 'CBEC-2025', description: 'Null once the record is gone' })
  label: string | null;
  @ApiPropertyOptional({ type: LocalizedTextDto }) title?: LocalizedText;
}

/** A value as an event stored it: any JSON (null included, through the object branch). */
const JSON_VALUE: ApiPropertyOptions = {
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: {} },
    { type: 'object', additionalProperties: true, nullable: true },
  ],
};

export class AuditChangeDto implements AuditChange {
  @ApiProperty({ example: 'preferredLocale' }) field: string;
  @ApiPropertyOptional({ ...JSON_VALUE, description: 'Absent when the event did not record it' }) before?: unknown;
  @ApiPropertyOptional(JSON_VALUE) after?: unknown;
  @ApiPropertyOptional({ description: 'When before is the id of a record: its label, read now', example: 'CBEC-2025' })
  beforeLabel?: string;
  @ApiPropertyOptional({ description: 'When after is the id of a record: its label, read now', example: 'CBEC-2025' })
  afterLabel?: string;
}

export class AuditEventDto implements AuditEvent {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ enum: ROLES, nullable: true }) actorRole: Role | null;
  @ApiProperty({ type: AuditActorDto, nullable: true }) actor: AuditActorDto | null;
  @ApiProperty({ example: 'institution.update' }) action: string;
  @ApiProperty({ enum: AUDIT_CATEGORIES }) category: AuditCategory;
  @ApiProperty({ example: 'institution' }) entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ type: AuditRecordDto, nullable: true }) record: AuditRecordDto | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({ type: [AuditChangeDto] }) changes: AuditChangeDto[];
}

export class AuditActionOptionDto implements AuditActionOption {
  @ApiProperty({ enum: Object.keys(AUDIT_ACTIONS), example: 'program.update' }) action: AuditAction;
  @ApiProperty({ enum: AUDIT_CATEGORIES }) category: AuditCategory;
}
