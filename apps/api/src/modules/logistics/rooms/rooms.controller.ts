import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Room } from '@skillbridge/contracts';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { Roles } from '../../../common/auth/access.decorator';
import { Ctx } from '../../../common/auth/context.decorator';
import type { RequestContext } from '../../../common/auth/viewer';
import { ApiFileResponse, ApiProblems } from '../../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../../common/validation/uuid-param';
import { WorkbookPool } from '../../../common/spreadsheet/workbook.pool';
import { groupTravel } from './arrivals-sheet';
import { AssignRoomDto } from './dto/assign-room.dto';
import { CreateRoomDto } from './dto/create-room.dto';
import { RoomAssignmentDto, RoomDto } from './dto/room.dto';
import { UpdateRoomDto } from './dto/update-room.dto';
import { RoomsService } from './rooms.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('logistics')
@Controller()
export class RoomsController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly workbooks: WorkbookPool,
  ) {}

  @Post('programs/:id/rooms')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Add a room of the camp’s accommodation (admin): a name unique in the program, 1–50 beds, a gender.',
  })
  @ApiCreatedResponse({ type: RoomDto })
  @ApiProblems(400, 401, 403, 404, 409)
  create(@UuidParam('id') programId: string, @Body() dto: CreateRoomDto, @Ctx() ctx: RequestContext): Promise<Room> {
    return this.rooms.create(programId, dto, ctx);
  }

  @Get('programs/:id/rooms')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'The program’s rooms by name, with their occupants (admin).' })
  @ApiOkResponse({ type: [RoomDto] })
  @ApiProblems(400, 401, 403, 404)
  list(@UuidParam('id') programId: string, @Ctx() ctx: RequestContext): Promise<Room[]> {
    return this.rooms.list(programId, ctx);
  }

  @Patch('rooms/:id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Change a room (admin): its capacity never below its occupants, its gender never against an occupant’s (409 ROOM_GENDER).',
  })
  @ApiOkResponse({ type: RoomDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@UuidParam('id') id: string, @Body() dto: UpdateRoomDto, @Ctx() ctx: RequestContext): Promise<Room> {
    return this.rooms.update(id, dto, ctx);
  }

  @Delete('rooms/:id')
  @HttpCode(204)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Delete a room (admin); its occupants are left without a room.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<void> {
    await this.rooms.remove(id, ctx);
  }

  @Put('enrolments/:id/room')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Put a confirmed trainee into a room of their program, move them, or take them out ({ roomId: null }) (admin). Never above capacity, whatever runs at the same time (409 ROOM_FULL); a female or male room takes only trainees whose logistics give that gender (409 ROOM_GENDER).',
  })
  @ApiOkResponse({ type: RoomAssignmentDto })
  @ApiProblems(400, 401, 403, 404, 409)
  assign(
    @UuidParam('id') enrolmentId: string,
    @Body() dto: AssignRoomDto,
    @Ctx() ctx: RequestContext,
  ): Promise<RoomAssignmentDto> {
    return this.rooms.assign(enrolmentId, dto, ctx);
  }

  @Get('programs/:id/rooming-list.xlsx')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'The rooming list for the guest house (admin): one row per occupant by room, then the confirmed trainees without a room; headers in the caller’s language, arrival and departure as date cells in the program’s zone. No passport or dietary data (sealed, consented for other purposes).',
  })
  @ApiFileResponse(XLSX, 'The rooming list workbook')
  @ApiProblems(400, 401, 403, 404)
  async roomingList(
    @UuidParam('id') programId: string,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const program = await this.rooms.program(programId, ctx);
    attachment(reply, `rooming-list-${program.code}.xlsx`, ctx);
    return this.workbooks.stream(
      { kind: 'rooming-list', options: { locale: ctx.locale, timeZone: program.timezone } },
      [this.rooms.roomBatches(programId), this.rooms.unassignedBatches(programId)],
    );
  }

  @Get('programs/:id/arrivals.xlsx')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'The pick-up manifest (admin): confirmed trainees’ arrivals and departures by local day of the program’s zone, two-hour slot (00:00–02:00 … 22:00–24:00) and point, with the count of each run and a summary sheet; times as date cells in the program’s zone.',
  })
  @ApiFileResponse(XLSX, 'The arrivals and departures workbook')
  @ApiProblems(400, 401, 403, 404)
  async arrivals(
    @UuidParam('id') programId: string,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const program = await this.rooms.program(programId, ctx);
    const zone = program.timezone;
    const [arrival, departure, withoutTime] = await Promise.all([
      groupTravel(this.rooms.travelBatches(programId, 'arrival'), 'arrival', zone),
      groupTravel(this.rooms.travelBatches(programId, 'departure'), 'departure', zone),
      this.rooms.withoutTravel(programId),
    ]);
    attachment(reply, `arrivals-${program.code}.xlsx`, ctx);
    return this.workbooks.stream({
      kind: 'arrivals',
      groups: { arrival, departure },
      withoutTime,
      options: { locale: ctx.locale, timeZone: zone },
    });
  }
}

function attachment(reply: FastifyReply, filename: string, ctx: RequestContext): void {
  reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('content-language', ctx.locale)
    .header('cache-control', 'private, no-store');
}
