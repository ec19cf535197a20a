import { ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_ACTIONS, AUDIT_CATEGORIES, type AuditCategory, type AuditEventListQuery } from '@skillbridge/contracts';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../../common/pagination/list-query.dto';

export class AuditEventListQueryDto extends ListQueryDto implements AuditEventListQuery {
  @ApiPropertyOptional({
    enum: AUDIT_CATEGORIES,
    description: 'data: changes to records; access: sign-in, two-factor, passwords, sign-ins; profile: own preferences',
  })
  @IsOptional()
  @IsIn(AUDIT_CATEGORIES)
  category?: AuditCategory;

  @ApiPropertyOptional({ format: 'uuid', description: 'The user who acted' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ enum: Object.keys(AUDIT_ACTIONS), description: 'One of GET /audit-events/actions' })
  @IsOptional()
  @IsIn(Object.keys(AUDIT_ACTIONS))
  action?: string;

  @ApiPropertyOptional({ example: 'institution' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]+$/)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Until this instant (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
