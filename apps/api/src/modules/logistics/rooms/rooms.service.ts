import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  EnrolmentStatus,
  ErrorCode,
  type CountryCode,
  type LogisticsGender,
  type Room as RoomView,
  type RoomGender,
} from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { signedIn, type RequestContext } from '../../../common/auth/viewer';
import { translate } from '../../../common/i18n/translator';
import { ProblemException } from '../../../common/problem/problem.exception';
import { isUniqueViolation } from '../../../database/errors';
import { AuditService } from '../../audit/audit.service';
import { Enrolment } from '../../enrolments/enrolment.entity';
import type { Program } from '../../programs/program.entity';
import { ProgramsService } from '../../programs/programs.service';
import { RoomAssignment } from '../room-assignment.entity';
import { Room } from '../room.entity';
import type { AssignRoomDto } from './dto/assign-room.dto';
import type { CreateRoomDto } from './dto/create-room.dto';
import type { RoomAssignmentDto } from './dto/room.dto';
import type { UpdateRoomDto } from './dto/update-room.dto';

type Occupant = RoomView['occupants'][number];

/** One line of a sheet about a program's confirmed trainees: who, from where, and their travel. */
export interface TraineeLine {
  enrolmentId: string;
  fullName: string;
  fullNameLatin: string | null;
  nationality: CountryCode;
  institutionCode: string | null;
  gender: LogisticsGender | null;
  arrivalAt: Date | null;
  arrivalCarrier: string | null;
  arrivalNumber: string | null;
  arrivalPoint: string | null;
  departureAt: Date | null;
  departureCarrier: string | null;
  departureNumber: string | null;
  departurePoint: string | null;
}

/** A room with the lines of its occupants, as the rooming list shows it. */
export interface RoomWithLines {
  id: string;
  name: string;
  capacity: number;
  gender: RoomGender;
  occupants: TraineeLine[];
}

const TRAINEE_LINE_COLUMNS = `
  e.id AS "enrolmentId", t.full_name AS "fullName", t.full_name_latin AS "fullNameLatin",
  t.nationality AS "nationality", i.code AS "institutionCode", l.gender AS "gender",
  l.arrival_at AS "arrivalAt", l.arrival_carrier AS "arrivalCarrier", l.arrival_number AS "arrivalNumber",
  l.arrival_point AS "arrivalPoint", l.departure_at AS "departureAt", l.departure_carrier AS "departureCarrier",
  l.departure_number AS "departureNumber", l.departure_point AS "departurePoint"`;

const TRAINEE_LINE_JOINS = `
  JOIN trainees t ON t.id = e.trainee_id
  LEFT JOIN institutions i ON i.id = t.institution_id
  LEFT JOIN enrolment_logistics l ON l.enrolment_id = e.id`;

/** Rows per query of the sheets' reads: bounded memory per round trip, the event loop free in between. */
export const SHEET_BATCH = 1000;

/** Rooms per occupants query of the rooming list (at most 50 people each). */
const ROOM_BATCH = 100;

/**
 * Rooms of a camp and who sleeps where (issue 20). Every change of a room or
 * an assignment locks the room's row first (`SELECT … FOR UPDATE`), then
 * counts its occupants, in one transaction: two admins filling the last bed
 * at once are served one after the other, and the second finds the room full.
 */
@Injectable()
export class RoomsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly programs: ProgramsService,
  ) {}

  /** The program (404 when there is none, or the viewer may not see it). */
  program(programId: string, ctx: RequestContext, manager?: EntityManager): Promise<Program> {
    return this.programs.findVisible(programId, signedIn(ctx), manager);
  }

  async list(programId: string, ctx: RequestContext): Promise<RoomView[]> {
    await this.program(programId, ctx);
    const rooms = await this.dataSource.getRepository(Room).find({ where: { programId }, order: { name: 'ASC' } });
    const occupants = await this.occupantsOf(
      this.dataSource.manager,
      rooms.map((r) => r.id),
    );
    return rooms.map((room) => toRoomView(room, occupants.get(room.id) ?? []));
  }

  async create(programId: string, dto: CreateRoomDto, ctx: RequestContext): Promise<RoomView> {
    return this.write(async (manager) => {
      await this.program(programId, ctx, manager);
      const room = await manager.save(
        manager.create(Room, { programId, name: dto.name, capacity: dto.capacity, gender: dto.gender ?? 'any' }),
      );
      await this.audit.record(manager, ctx, {
        action: 'room.create',
        entityType: 'room',
        entityId: room.id,
        details: { programId, name: room.name, capacity: room.capacity, gender: room.gender },
      });
      return toRoomView(room, []);
    });
  }

  async update(roomId: string, dto: UpdateRoomDto, ctx: RequestContext): Promise<RoomView> {
    return this.write(async (manager) => {
      const room = await this.lockRoom(manager, roomId);
      if (!room) throw ProblemException.notFound();
      const occupants = (await this.occupantsOf(manager, [room.id])).get(room.id) ?? [];
      const capacity = dto.capacity ?? room.capacity;
      if (capacity < occupants.length) {
        throw ProblemException.conflict(ErrorCode.Conflict, {
          errors: [
            {
              field: 'capacity',
              code: 'CAPACITY_BELOW_OCCUPANTS',
              messageKey: 'validation.roomCapacityBelowOccupants',
              params: { occupants: occupants.length },
            },
          ],
        });
      }
      const gender = dto.gender ?? room.gender;
      if (gender !== 'any' && occupants.some((o) => o.gender !== gender)) {
        throw this.genderProblem(room.name, gender, capacity, ctx, 'gender');
      }
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ['name', 'capacity', 'gender'] as const) {
        if (dto[key] !== undefined && dto[key] !== room[key]) changed[key] = { from: room[key], to: dto[key] };
      }
      Object.assign(room, { name: dto.name ?? room.name, capacity, gender });
      const saved = await manager.save(room);
      if (Object.keys(changed).length) {
        await this.audit.record(manager, ctx, {
          action: 'room.update',
          entityType: 'room',
          entityId: room.id,
          details: { programId: room.programId, ...changed },
        });
      }
      return toRoomView(saved, occupants);
    });
  }

  /** Deletes the room; its occupants are left without a room (their assignments go with it). */
  async remove(roomId: string, ctx: RequestContext): Promise<void> {
    await this.write(async (manager) => {
      const room = await this.lockRoom(manager, roomId);
      if (!room) throw ProblemException.notFound();
      const occupants = await manager.count(RoomAssignment, { where: { roomId } });
      await manager.delete(Room, { id: roomId });
      await this.audit.record(manager, ctx, {
        action: 'room.delete',
        entityType: 'room',
        entityId: roomId,
        details: { programId: room.programId, name: room.name, occupants },
      });
    });
  }

  /**
   * Puts a confirmed trainee into a room of their program, moves them, or
   * takes them out (`roomId: null`). The enrolment's row is locked first, so
   * two moves of the same person are served in turn, then the room's row, so
   * its count of occupants cannot change until this transaction ends.
   */
  async assign(enrolmentId: string, dto: AssignRoomDto, ctx: RequestContext): Promise<RoomAssignmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const enrolment = await manager
        .getRepository(Enrolment)
        .createQueryBuilder('e')
        .where('e.id = :enrolmentId', { enrolmentId })
        .setLock('pessimistic_write')
        .getOne();
      if (!enrolment) throw ProblemException.notFound();
      await this.program(enrolment.programId, ctx, manager);
      const current = await manager.findOne(RoomAssignment, { where: { enrolmentId } });
      const currentRoom = current ? await manager.findOneBy(Room, { id: current.roomId }) : null;

      if (dto.roomId === null) {
        if (current) {
          await manager.delete(RoomAssignment, { enrolmentId });
          await this.audit.record(manager, ctx, {
            action: 'room.assign',
            entityType: 'enrolment',
            entityId: enrolmentId,
            details: { programId: enrolment.programId, roomId: { from: current.roomId, to: null } },
          });
        }
        return { enrolmentId, room: null };
      }

      const room = await this.lockRoom(manager, dto.roomId);
      if (!room || room.programId !== enrolment.programId) {
        throw ProblemException.invalidField('roomId', 'UNKNOWN_ROOM', 'validation.unknownRoom');
      }
      if (current?.roomId === room.id) return { enrolmentId, room: { id: room.id, name: room.name } };
      if (enrolment.status !== EnrolmentStatus.Confirmed) {
        // The code's detail speaks of assessment; the field problem says what applies here.
        throw ProblemException.conflict(ErrorCode.NotConfirmed, {
          params: { status: translate(ctx.locale, `enrolmentStatus.${enrolment.status}`) },
          errors: [{ field: 'id', code: ErrorCode.NotConfirmed, messageKey: 'validation.notConfirmed' }],
        });
      }
      if (room.gender !== 'any') {
        const rows: { gender: LogisticsGender | null }[] = await manager.query(
          'SELECT gender FROM enrolment_logistics WHERE enrolment_id = $1',
          [enrolmentId],
        );
        if (rows[0]?.gender !== room.gender) throw this.genderProblem(room.name, room.gender, room.capacity, ctx);
      }
      const occupants = await manager.count(RoomAssignment, { where: { roomId: room.id } });
      if (occupants >= room.capacity) {
        throw ProblemException.conflict(ErrorCode.RoomFull, {
          params: { room: room.name, capacity: room.capacity },
          extensions: { roomId: room.id, capacity: room.capacity },
        });
      }
      await manager.query(
        `INSERT INTO room_assignments (enrolment_id, room_id, assigned_by) VALUES ($1, $2, $3)
         ON CONFLICT (enrolment_id) DO UPDATE SET room_id = EXCLUDED.room_id, assigned_by = EXCLUDED.assigned_by,
           assigned_at = now()`,
        [enrolmentId, room.id, signedIn(ctx).userId],
      );
      await this.audit.record(manager, ctx, {
        action: 'room.assign',
        entityType: 'enrolment',
        entityId: enrolmentId,
        details: {
          programId: enrolment.programId,
          roomId: { from: current?.roomId ?? null, to: room.id },
          room: { from: currentRoom?.name ?? null, to: room.name },
        },
      });
      return { enrolmentId, room: { id: room.id, name: room.name } };
    });
  }

  // ---- sheets ----------------------------------------------------------------------------------

  /** The program's rooms by name with their occupants' lines, a hundred rooms per query. */
  async *roomBatches(programId: string): AsyncGenerator<RoomWithLines[], void, undefined> {
    const rooms = await this.dataSource
      .getRepository(Room)
      .find({ where: { programId }, order: { name: 'ASC', id: 'ASC' } });
    for (let from = 0; from < rooms.length; from += ROOM_BATCH) {
      const batch = rooms.slice(from, from + ROOM_BATCH);
      const lines: (TraineeLine & { roomId: string })[] = await this.dataSource.query(
        `SELECT a.room_id AS "roomId", ${TRAINEE_LINE_COLUMNS}
           FROM room_assignments a JOIN enrolments e ON e.id = a.enrolment_id ${TRAINEE_LINE_JOINS}
          WHERE a.room_id = ANY($1::uuid[])
          ORDER BY t.full_name, e.id`,
        [batch.map((r) => r.id)],
      );
      yield batch.map((room) => ({
        id: room.id,
        name: room.name,
        capacity: room.capacity,
        gender: room.gender,
        occupants: lines.filter((l) => l.roomId === room.id),
      }));
    }
  }

  /** Confirmed trainees of the program without a room, by name, a thousand per query (keyset). */
  async *unassignedBatches(programId: string): AsyncGenerator<TraineeLine[], void, undefined> {
    let after: { fullName: string; enrolmentId: string } | null = null;
    for (;;) {
      const rows: TraineeLine[] = await this.dataSource.query(
        `SELECT ${TRAINEE_LINE_COLUMNS}
           FROM enrolments e ${TRAINEE_LINE_JOINS}
          WHERE e.program_id = $1 AND e.status = 'confirmed'
            AND NOT EXISTS (SELECT 1 FROM room_assignments a WHERE a.enrolment_id = e.id)
            AND ($2::text IS NULL OR (t.full_name, e.id) > ($2::text, $3::uuid))
          ORDER BY t.full_name, e.id
          LIMIT ${SHEET_BATCH}`,
        [programId, after?.fullName ?? null, after?.enrolmentId ?? null],
      );
      if (rows.length) yield rows;
      if (rows.length < SHEET_BATCH) return;
      const last = rows[rows.length - 1];
      after = { fullName: last.fullName, enrolmentId: last.enrolmentId };
    }
  }

  /**
   * Confirmed trainees of the program with a time for the direction, in time
   * order, a thousand per query (keyset on the time and the enrolment).
   */
  async *travelBatches(
    programId: string,
    direction: 'arrival' | 'departure',
  ): AsyncGenerator<TraineeLine[], void, undefined> {
    const at = direction === 'arrival' ? 'l.arrival_at' : 'l.departure_at';
    let after: { at: Date; enrolmentId: string } | null = null;
    for (;;) {
      const rows: TraineeLine[] = await this.dataSource.query(
        `SELECT ${TRAINEE_LINE_COLUMNS}
           FROM enrolments e ${TRAINEE_LINE_JOINS}
          WHERE e.program_id = $1 AND e.status = 'confirmed' AND ${at} IS NOT NULL
            AND ($2::timestamptz IS NULL OR (${at}, e.id) > ($2::timestamptz, $3::uuid))
          ORDER BY ${at}, e.id
          LIMIT ${SHEET_BATCH}`,
        [programId, after?.at ?? null, after?.enrolmentId ?? null],
      );
      if (rows.length) yield rows;
      if (rows.length < SHEET_BATCH) return;
      const last = rows[rows.length - 1];
      after = {
        at: (direction === 'arrival' ? last.arrivalAt : last.departureAt) as Date,
        enrolmentId: last.enrolmentId,
      };
    }
  }

  /** How many confirmed trainees have no time for each direction yet. */
  async withoutTravel(programId: string): Promise<{ arrival: number; departure: number }> {
    const [row]: { arrival: string; departure: string }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE l.arrival_at IS NULL) AS arrival,
              count(*) FILTER (WHERE l.departure_at IS NULL) AS departure
         FROM enrolments e LEFT JOIN enrolment_logistics l ON l.enrolment_id = e.id
        WHERE e.program_id = $1 AND e.status = 'confirmed'`,
      [programId],
    );
    return { arrival: Number(row.arrival), departure: Number(row.departure) };
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** The room's row, locked until the transaction ends (`SELECT … FOR UPDATE`). */
  private lockRoom(manager: EntityManager, roomId: string): Promise<Room | null> {
    return manager
      .getRepository(Room)
      .createQueryBuilder('r')
      .where('r.id = :roomId', { roomId })
      .setLock('pessimistic_write')
      .getOne();
  }

  private async occupantsOf(manager: EntityManager, roomIds: string[]): Promise<Map<string, Occupant[]>> {
    const byRoom = new Map<string, Occupant[]>();
    if (!roomIds.length) return byRoom;
    const rows: (Occupant & { roomId: string; gender: LogisticsGender | null })[] = await manager.query(
      `SELECT a.room_id AS "roomId", a.enrolment_id AS "enrolmentId", e.trainee_id AS "traineeId",
              t.full_name AS "fullName", l.gender AS "gender"
         FROM room_assignments a
         JOIN enrolments e ON e.id = a.enrolment_id
         JOIN trainees t ON t.id = e.trainee_id
         LEFT JOIN enrolment_logistics l ON l.enrolment_id = a.enrolment_id
        WHERE a.room_id = ANY($1::uuid[])
        ORDER BY t.full_name, a.enrolment_id`,
      [roomIds],
    );
    for (const { roomId, gender, ...occupant } of rows) {
      const list = byRoom.get(roomId) ?? [];
      list.push({ ...occupant, ...(gender ? { gender } : {}) });
      byRoom.set(roomId, list);
    }
    return byRoom;
  }

  private genderProblem(
    room: string,
    gender: RoomGender,
    capacity: number,
    ctx: RequestContext,
    field?: string,
  ): ProblemException {
    return ProblemException.conflict(ErrorCode.RoomGender, {
      params: { room, capacity, gender: translate(ctx.locale, `rooms.gender.${gender}`) },
      extensions: { gender },
      ...(field
        ? {
            errors: [
              {
                field,
                code: ErrorCode.RoomGender,
                messageKey: 'validation.roomGenderOccupants',
                params: { gender: translate(ctx.locale, `rooms.gender.${gender}`) },
              },
            ],
          }
        : {}),
    });
  }

  /** A write in one transaction; a room name already taken in the program is a 409 naming `name`. */
  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_rooms_program_name')) {
        throw ProblemException.conflict(ErrorCode.Conflict, {
          errors: [{ field: 'name', code: 'ROOM_NAME_TAKEN', messageKey: 'validation.roomNameTaken' }],
        });
      }
      throw error;
    }
  }
}

function toRoomView(room: Room, occupants: Occupant[]): RoomView {
  return {
    id: room.id,
    programId: room.programId,
    name: room.name,
    capacity: room.capacity,
    gender: room.gender,
    occupants,
  };
}
