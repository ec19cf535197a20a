import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type AuditActionOption, type AuditEvent, type Page } from '@skillbridge/contracts';
import { Roles } from '../../common/auth/access.decorator';
import { ApiPageResponse, ApiProblems } from '../../common/openapi/api-docs.decorators';
import { AuditService } from './audit.service';
import { AuditActionOptionDto, AuditEventDto } from './dto/audit-event.dto';
import { AuditEventListQueryDto } from './dto/audit-event-list-query.dto';

@ApiTags('operations')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'The audit trail, newest first (admin).' })
  @ApiPageResponse(AuditEventDto)
  @ApiProblems(400, 401, 403)
  list(@Query() query: AuditEventListQueryDto): Promise<Page<AuditEvent>> {
    return this.audit.list(query);
  }

  @Get('actions')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'The actions the audit trail can be filtered by, each with its category (admin).' })
  @ApiOkResponse({ type: [AuditActionOptionDto] })
  @ApiProblems(401, 403)
  actions(): AuditActionOption[] {
    return this.audit.actions();
  }
}
