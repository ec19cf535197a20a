import type { Room } from '@skillbridge/contracts';
import { randomUUID } from 'node:crypto';
import { Cast, createCast } from './factories/accounts';
import { confirmedTrainees, createCamp, writeLogisticsWithSql } from './support/camp-logistics';
import { api, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

/**
 * Rooms of a camp and who sleeps where (issue 20): admin only, names unique
 * per program, capacity never exceeded (not even by twenty admins at once),
 * female and male rooms only for trainees whose logistics say so.
 */
describe('rooms', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const createRoom = (programId: string, body: object, auth: Auth = cast.admin.auth) =>
    t.http
      .post(api(`/programs/${programId}/rooms`))
      .set(auth)
      .send(body);
  const assign = (enrolmentId: string, roomId: string | null, auth: Auth = cast.admin.auth, lang = 'en') =>
    t.http
      .put(api(`/enrolments/${enrolmentId}/room`))
      .set(auth)
      .set('Accept-Language', lang)
      .send({ roomId });
  const rooms = async (programId: string): Promise<Room[]> => {
    const res = await t.http.get(api(`/programs/${programId}/rooms`)).set(cast.admin.auth);
    expect(res.status).toBe(200);
    return res.body;
  };
  const roomOf = async (enrolmentId: string): Promise<string | null> => {
    const rows: { room_id: string }[] = await t.dataSource.query(
      'SELECT room_id FROM room_assignments WHERE enrolment_id = $1',
      [enrolmentId],
    );
    return rows[0]?.room_id ?? null;
  };
  const auditCount = async (action: string, entityId: string): Promise<number> => {
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND entity_id = $2',
      [action, entityId],
    );
    return n;
  };

  describe('who may', () => {
    let programId: string;
    let roomId: string;
    let enrolmentId: string;

    beforeAll(async () => {
      programId = (await createCamp(t, cast)).id;
      [enrolmentId] = await confirmedTrainees(t, cast, programId, 1);
      const created = await createRoom(programId, { name: 'A101', capacity: 2 });
      expect(created.status).toBe(201);
      roomId = created.body.id;
    });

    const routes = () => [
      { name: 'POST /programs/:id/rooms', send: (a: Auth) => createRoom(programId, { name: 'X', capacity: 1 }, a) },
      { name: 'GET /programs/:id/rooms', send: (a: Auth) => t.http.get(api(`/programs/${programId}/rooms`)).set(a) },
      {
        name: 'PATCH /rooms/:id',
        send: (a: Auth) =>
          t.http
            .patch(api(`/rooms/${roomId}`))
            .set(a)
            .send({ capacity: 3 }),
      },
      { name: 'DELETE /rooms/:id', send: (a: Auth) => t.http.delete(api(`/rooms/${roomId}`)).set(a) },
      { name: 'PUT /enrolments/:id/room', send: (a: Auth) => assign(enrolmentId, roomId, a) },
    ];

    it.each(['instructor', 'partner', 'otherPartner', 'trainee', 'otherTrainee'] as const)(
      'refuses every route to the %s (403) and changes nothing',
      async (who) => {
        for (const route of routes()) {
          const res = await route.send(cast[who].auth);
          expect({ route: route.name, status: res.status, code: res.body.code }).toEqual({
            route: route.name,
            status: 403,
            code: 'FORBIDDEN',
          });
        }
        expect(await rooms(programId)).toEqual([expect.objectContaining({ id: roomId, capacity: 2, occupants: [] })]);
      },
    );

    it('refuses every route without sign-in (401)', async () => {
      for (const route of routes()) {
        const res = await route.send({ Authorization: '' });
        expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: 401 });
      }
    });

    it('answers 404 for a program, room or enrolment that does not exist, 400 for an id that is not one', async () => {
      const nobody = randomUUID();
      expect((await createRoom(nobody, { name: 'A', capacity: 1 })).status).toBe(404);
      expect((await t.http.get(api(`/programs/${nobody}/rooms`)).set(cast.admin.auth)).status).toBe(404);
      expect(
        (
          await t.http
            .patch(api(`/rooms/${nobody}`))
            .set(cast.admin.auth)
            .send({ capacity: 2 })
        ).status,
      ).toBe(404);
      expect((await t.http.delete(api(`/rooms/${nobody}`)).set(cast.admin.auth)).status).toBe(404);
      expect((await assign(nobody, roomId)).status).toBe(404);
      expect((await t.http.get(api('/programs/not-an-id/rooms')).set(cast.admin.auth)).status).toBe(400);
      expect((await t.http.delete(api('/rooms/not-an-id')).set(cast.admin.auth)).status).toBe(400);
    });

    it('lets the admin do all of it, and audits each write', async () => {
      const created = await createRoom(programId, { name: 'B202', capacity: 1 });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        programId,
        name: 'B202',
        capacity: 1,
        gender: 'any',
        occupants: [],
      });
      const assigned = await assign(enrolmentId, created.body.id);
      expect(assigned.status).toBe(200);
      expect(assigned.body).toEqual({ enrolmentId, room: { id: created.body.id, name: 'B202' } });
      const patched = await t.http
        .patch(api(`/rooms/${created.body.id}`))
        .set(cast.admin.auth)
        .send({ name: 'B203' });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ name: 'B203', capacity: 1, occupants: [{ enrolmentId }] });
      const deleted = await t.http.delete(api(`/rooms/${created.body.id}`)).set(cast.admin.auth);
      expect(deleted.status).toBe(204);
      expect(await roomOf(enrolmentId)).toBeNull(); // the occupant is left without a room
      expect(await auditCount('room.create', created.body.id)).toBe(1);
      expect(await auditCount('room.update', created.body.id)).toBe(1);
      expect(await auditCount('room.delete', created.body.id)).toBe(1);
      expect(await auditCount('room.assign', enrolmentId)).toBe(1);
    });
  });

  describe('a room’s fields', () => {
    let programId: string;

    beforeAll(async () => {
      programId = (await createCamp(t, cast)).id;
    });

    it('requires a name of at most 200 characters, 1–50 beds and a gender of the list', async () => {
      const cases: [object, string][] = [
        [{ capacity: 2 }, 'name'],
        [{ name: '   ', capacity: 2 }, 'name'],
        [{ name: 'x'.repeat(201), capacity: 2 }, 'name'],
        [{ name: 'A', capacity: 0 }, 'capacity'],
        [{ name: 'A', capacity: 51 }, 'capacity'],
        [{ name: 'A', capacity: 1.5 }, 'capacity'],
        [{ name: 'A', capacity: '2' }, 'capacity'],
        [{ name: 'A' }, 'capacity'],
        [{ name: 'A', capacity: 2, gender: 'mixed' }, 'gender'],
        [{ name: 'A', capacity: 2, gender: null }, 'gender'],
        [{ name: 'A', capacity: 2, programId }, 'programId'],
      ];
      for (const [body, field] of cases) {
        const res = await createRoom(programId, body);
        expect({ body, status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
          body,
          status: 400,
          fields: expect.arrayContaining([field]),
        });
      }
      const missing = await createRoom(programId, { capacity: 2 });
      expect(missing.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'name', message: expect.stringMatching(/required/i) }),
        ]),
      );
      expect(await rooms(programId)).toEqual([]);
      const edge = await createRoom(programId, { name: `  ${'y'.repeat(200)}  `, capacity: 50, gender: 'female' });
      expect(edge.status).toBe(201);
      expect(edge.body).toMatchObject({ name: 'y'.repeat(200), capacity: 50, gender: 'female' });
    });

    it('keeps names unique per program: 409 CONFLICT naming `name`, on create and on rename', async () => {
      expect((await createRoom(programId, { name: 'C301', capacity: 2 })).status).toBe(201);
      const again = await createRoom(programId, { name: 'C301', capacity: 4 });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CONFLICT');
      expect(again.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
      const other = await createRoom(programId, { name: 'C302', capacity: 2 });
      const renamed = await t.http
        .patch(api(`/rooms/${other.body.id}`))
        .set(cast.admin.auth)
        .send({ name: 'C301' });
      expect(renamed.status).toBe(409);
      expect(renamed.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
      // Another program may have its own C301.
      const otherProgram = await createCamp(t, cast);
      expect((await createRoom(otherProgram.id, { name: 'C301', capacity: 2 })).status).toBe(201);
    });

    it('validates a PATCH like a create, field by field', async () => {
      const room = await createRoom(programId, { name: 'D401', capacity: 2 });
      for (const body of [{ capacity: 0 }, { capacity: 51 }, { gender: 'x' }, { name: '' }, { name: null }]) {
        expect(
          (
            await t.http
              .patch(api(`/rooms/${room.body.id}`))
              .set(cast.admin.auth)
              .send(body)
          ).status,
        ).toBe(400);
      }
      expect((await rooms(programId)).find((r) => r.id === room.body.id)).toMatchObject({ name: 'D401', capacity: 2 });
    });
  });

  describe('assignments', () => {
    let programId: string;
    let enrolments: string[];
    let female: string;
    let male: string;
    let any: string;

    beforeAll(async () => {
      programId = (await createCamp(t, cast)).id;
      enrolments = await confirmedTrainees(t, cast, programId, 6);
      female = (await createRoom(programId, { name: 'F1', capacity: 2, gender: 'female' })).body.id;
      male = (await createRoom(programId, { name: 'M1', capacity: 2, gender: 'male' })).body.id;
      any = (await createRoom(programId, { name: 'Any1', capacity: 3 })).body.id;
      await writeLogisticsWithSql(t, enrolments[0], { gender: 'female' });
      await writeLogisticsWithSql(t, enrolments[1], { gender: 'male' });
      await writeLogisticsWithSql(t, enrolments[2], { gender: 'unspecified' });
      // enrolments[3]: no logistics on record at all
    });

    it('puts a woman in the female room and refuses a man, an unspecified or an unknown gender (ROOM_GENDER)', async () => {
      expect((await assign(enrolments[0], female)).status).toBe(200);
      for (const enrolmentId of [enrolments[1], enrolments[2], enrolments[3]]) {
        const res = await assign(enrolmentId, female);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('ROOM_GENDER');
        expect(await roomOf(enrolmentId)).toBeNull();
      }
    });

    it('puts a man in the male room and refuses the woman (ROOM_GENDER), in words of the caller’s language', async () => {
      expect((await assign(enrolments[1], male)).status).toBe(200);
      const res = await assign(enrolments[0], male, cast.admin.auth, 'th');
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ROOM_GENDER');
      expect(res.body.detail).toContain('M1');
      expect(res.body.detail).toContain('ชาย'); // "male", in Thai
      expect(await roomOf(enrolments[0])).toBe(female);
    });

    it('takes anyone into a room for any gender', async () => {
      for (const enrolmentId of [enrolments[2], enrolments[3]])
        expect((await assign(enrolmentId, any)).status).toBe(200);
      expect((await rooms(programId)).find((r) => r.id === any)?.occupants).toHaveLength(2);
    });

    it('moves a trainee from one room to another; the same room again changes nothing', async () => {
      const before = await auditCount('room.assign', enrolments[0]);
      const moved = await assign(enrolments[0], any);
      expect(moved.body).toEqual({ enrolmentId: enrolments[0], room: { id: any, name: 'Any1' } });
      expect(await roomOf(enrolments[0])).toBe(any);
      const list = await rooms(programId);
      expect(list.find((r) => r.id === female)?.occupants).toEqual([]);
      expect(list.find((r) => r.id === any)?.occupants.map((o) => o.enrolmentId)).toContain(enrolments[0]);
      expect(list.find((r) => r.id === any)?.occupants.find((o) => o.enrolmentId === enrolments[0])).toMatchObject({
        gender: 'female',
        fullName: expect.any(String),
        traineeId: expect.any(String),
      });
      const again = await assign(enrolments[0], any);
      expect(again.status).toBe(200);
      expect(again.body.room).toEqual({ id: any, name: 'Any1' });
      expect(await auditCount('room.assign', enrolments[0])).toBe(before + 1);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM room_assignments WHERE room_id = $1', [
        any,
      ]);
      expect(n).toBe(3);
    });

    it('is full at capacity: ROOM_FULL, in the caller’s language, even for a move', async () => {
      const res = await assign(enrolments[4], any, cast.admin.auth, 'zh');
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ROOM_FULL');
      expect(res.body.detail).toContain('Any1');
      expect(res.body.detail).toContain('3');
      expect((await assign(enrolments[1], any)).body.code).toBe('ROOM_FULL');
      expect(await roomOf(enrolments[1])).toBe(male);
    });

    it('takes a trainee out with { roomId: null }, and again without harm', async () => {
      const out = await assign(enrolments[3], null);
      expect(out.status).toBe(200);
      expect(out.body).toEqual({ enrolmentId: enrolments[3], room: null });
      expect(await roomOf(enrolments[3])).toBeNull();
      expect((await assign(enrolments[3], null)).status).toBe(200);
      expect((await assign(enrolments[4], any)).status).toBe(200); // the freed bed
    });

    it('needs a roomId of a room of the enrolment’s program (400 naming roomId)', async () => {
      const elsewhere = await createCamp(t, cast);
      const foreign = (await createRoom(elsewhere.id, { name: 'Z1', capacity: 5 })).body.id;
      for (const body of [{}, { roomId: 'A101' }, { roomId: 7 }, { roomId: randomUUID() }, { roomId: foreign }]) {
        const res = await t.http
          .put(api(`/enrolments/${enrolments[5]}/room`))
          .set(cast.admin.auth)
          .send(body);
        expect({ body, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({
          body,
          status: 400,
          field: 'roomId',
        });
      }
      const missing = await t.http
        .put(api(`/enrolments/${enrolments[5]}/room`))
        .set(cast.admin.auth)
        .send({});
      expect(missing.body.errors[0]).toMatchObject({ code: 'IS_DEFINED', message: expect.stringMatching(/required/i) });
      expect(await roomOf(enrolments[5])).toBeNull();
    });

    it('houses only confirmed enrolments (409 NOT_CONFIRMED), yet lets a withdrawn one be taken out', async () => {
      const [withdrawn] = await confirmedTrainees(t, cast, programId, 1);
      const spare = (await createRoom(programId, { name: 'Spare', capacity: 5 })).body.id;
      expect((await assign(withdrawn, spare)).status).toBe(200);
      const left = await t.http
        .post(api(`/enrolments/${withdrawn}/withdraw`))
        .set(cast.admin.auth)
        .send({ reason: 'Visa refused' });
      expect(left.status).toBe(200);
      const other = (await createRoom(programId, { name: 'Spare2', capacity: 5 })).body.id;
      const res = await assign(withdrawn, other);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('NOT_CONFIRMED');
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'id', message: 'Is not a confirmed trainee of this program.' }),
      ]);
      expect((await assign(withdrawn, null)).status).toBe(200);
      expect(await roomOf(withdrawn)).toBeNull();
    });
  });

  describe('editing a room against its occupants', () => {
    let programId: string;
    let women: string[];
    let room: string;

    beforeAll(async () => {
      programId = (await createCamp(t, cast)).id;
      women = await confirmedTrainees(t, cast, programId, 3);
      for (const id of women) await writeLogisticsWithSql(t, id, { gender: 'female' });
      room = (await createRoom(programId, { name: 'G1', capacity: 3 })).body.id;
      for (const id of women.slice(0, 2)) expect((await assign(id, room)).status).toBe(200);
    });

    const patch = (body: object, lang = 'en') =>
      t.http
        .patch(api(`/rooms/${room}`))
        .set(cast.admin.auth)
        .set('Accept-Language', lang)
        .send(body);

    it('never lowers the capacity below the occupants (409 naming capacity), down to them it may', async () => {
      const res = await patch({ capacity: 1 });
      expect(res.status).toBe(409);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'capacity' })]);
      expect((await rooms(programId)).find((r) => r.id === room)?.capacity).toBe(3);
      expect((await patch({ capacity: 2 })).status).toBe(200);
      expect((await assign(women[2], room)).body.code).toBe('ROOM_FULL');
    });

    it('turns a room female when all its occupants are women, never male (ROOM_GENDER naming gender)', async () => {
      const toMale = await patch({ gender: 'male' }, 'ms');
      expect(toMale.status).toBe(409);
      expect(toMale.body.code).toBe('ROOM_GENDER');
      expect(toMale.body.detail).toContain('lelaki');
      expect(toMale.body.errors).toEqual([expect.objectContaining({ field: 'gender' })]);
      expect((await patch({ gender: 'female' })).status).toBe(200);
      // A man no longer fits; a man's record in it makes "male" and "female" both impossible.
      await writeLogisticsWithSql(t, women[1], { gender: 'male' });
      expect((await patch({ gender: 'any' })).status).toBe(200);
      expect((await patch({ gender: 'female' })).body.code).toBe('ROOM_GENDER');
      expect((await patch({ gender: 'male' })).body.code).toBe('ROOM_GENDER');
      expect((await rooms(programId)).find((r) => r.id === room)?.gender).toBe('any');
    });
  });

  it('never puts more than its capacity into a room, whatever runs at once: 20 assignments, 2 beds', async () => {
    const program = await createCamp(t, cast);
    const enrolments = await confirmedTrainees(t, cast, program.id, 20);
    const room = (await createRoom(program.id, { name: 'Twin', capacity: 2 })).body.id;
    const results = await Promise.all(enrolments.map((id) => assign(id, room)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(18);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'ROOM_FULL')).toBe(true);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM room_assignments WHERE room_id = $1', [
      room,
    ]);
    expect(n).toBe(2);
    const winners = results.filter((r) => r.status === 200).map((r) => r.body.enrolmentId);
    expect((await rooms(program.id))[0].occupants.map((o) => o.enrolmentId).sort((a, b) => a.localeCompare(b))).toEqual(
      winners.sort((a: string, b: string) => a.localeCompare(b)),
    );
  });
  it('frees the bed of a trainee who withdraws, so the room takes someone else', async () => {
    const program = await createCamp(t, cast);
    const [leaving, next] = await confirmedTrainees(t, cast, program.id, 2);
    const room = (await createRoom(program.id, { name: 'Single', capacity: 1 })).body.id;
    expect((await assign(leaving, room)).status).toBe(200);
    expect((await assign(next, room)).body.code).toBe('ROOM_FULL');
    const withdrawn = await t.http
      .post(api(`/enrolments/${leaving}/withdraw`))
      .set(cast.admin.auth)
      .send({ reason: 'Visa refused' });
    expect(withdrawn.status).toBe(200);
    expect(await roomOf(leaving)).toBeNull();
    const [event] = await t.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'enrolment.withdraw' AND entity_id = $1`,
      [leaving],
    );
    expect(event.details.roomReleased).toBe(room);
    expect((await assign(next, room)).status).toBe(200);
  });
});
