import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Session } from '@skillbridge/contracts';
import { Authenticated, Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import { CancelSessionDto } from './dto/cancel-session.dto';
import { SessionDto } from './dto/session.dto';
import { UpdateSessionDto } from './dto/update-session.dto';
import { SessionsService } from './sessions.service';

@ApiTags('programs')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One session (whoever may see its program).' })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 401, 404)
  get(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<Session> {
    return this.sessions.get(id, ctx);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Change a session (admin); the same checks as creating one.' })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@UuidParam('id') id: string, @Body() dto: UpdateSessionDto, @Ctx() ctx: RequestContext): Promise<Session> {
    return this.sessions.update(id, dto, ctx);
  }

  @Post(':id/cancel')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cancel a session (admin), with a reason: it stays in agendas and calendars marked cancelled (STATUS:CANCELLED, ' +
      'a raised SEQUENCE), leaves attendance rates and hours, and its confirmed trainees and instructors are told. ' +
      'Final: a cancelled session cannot be changed (409 SESSION_CANCELLED).',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  cancel(@UuidParam('id') id: string, @Body() dto: CancelSessionDto, @Ctx() ctx: RequestContext): Promise<Session> {
    return this.sessions.cancel(id, dto, ctx);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Remove a session (admin): 409 SESSION_HAS_ATTENDANCE once attendance was taken (cancel it instead). ' +
      'Subscribed calendars keep it as a cancelled event for a while; its confirmed trainees and instructors are told.',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 409)
  remove(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<void> {
    return this.sessions.remove(id, ctx);
  }
}
