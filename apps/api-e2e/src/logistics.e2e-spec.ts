import {
  LOGISTICS_NOTICE_VERSION,
  Role,
  type EnrolmentLogistics,
  type LogisticsStatusEntry,
  type PassportDetails,
  type Program,
} from '@skillbridge/contracts';
import { LogisticsJobs } from '@skillbridge/api/modules/logistics/logistics-jobs.service';
import { Cast, createCast, createSignedIn, SignedIn } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { createProgram } from './factories/programs';
import { insertTrainees } from './factories/trainees';
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import type { Response } from 'supertest';
import { OpenApiValidator } from './support/openapi-validator';
import { SmtpSink } from './support/smtp-sink';
import { api, startTestApp, TestApp } from './support/test-app';
import { eventually, sleep } from './support/eventually';

type Auth = { Authorization: string };

const CONSENT = (purpose: 'passport' | 'dietary', collected: 'self' | 'paper') => ({
  purpose,
  noticeVersion: LOGISTICS_NOTICE_VERSION,
  collected,
});

const PASSPORT: PassportDetails = {
  number: 'AA9876543',
  fullNameAsInPassport: 'JAIDEE SOMCHAI',
  nationality: 'TH',
  dateOfBirth: '2004-05-17',
  expiresOn: '2035-01-09',
};

const COMPLETE = {
  arrival: {
    at: '2030-07-01T14:35:00+08:00',
    carrier: 'Thai AirAsia',
    number: 'FD560',
    point: 'Tongren Fenghuang Airport',
  },
  departure: { at: '2030-07-10T09:00:00+08:00', point: 'Tongren Fenghuang Airport' },
  passport: PASSPORT,
  dietary: { needs: ['halal'], allergies: 'Peanuts' },
  gender: 'male',
  emergencyContact: { name: 'Malee Jaidee', relationship: 'Mother', phone: '+66 81 234 5678' },
};

const ALL_ITEMS = ['travel', 'passport', 'dietary', 'emergencyContact', 'accommodation'];

describe('camp logistics', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let cast: Cast;
  let program: Program;
  /** The cast's trainee (partner A) and the other trainee (partner B), both confirmed in `program`. */
  let mine: string;
  let theirs: string;
  /** A partner of an institution that takes no part in the program. */
  let outsider: SignedIn;

  const enrol = async (programId: string, traineeId: string): Promise<string> => {
    const res = await t.http
      .post(api(`/programs/${programId}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId });
    if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const camp = (overrides: Parameters<typeof createProgram>[3] = {}) =>
    createProgram(
      t,
      cast.admin.auth,
      cast.host,
      {
        kind: 'camp',
        deliveryMode: 'onsite',
        meetingUrl: undefined,
        venue: 'Tongren Polytechnic College',
        timezone: 'Asia/Shanghai',
        startDate: '2030-07-01',
        endDate: '2030-07-10',
        partnerInstitutionIds: [cast.partnerA.id, cast.partnerB.id],
        ...overrides,
      },
      { publish: true },
    );
  const settings = (programId: string, body: object, auth: Auth = cast.admin.auth) =>
    t.http
      .put(api(`/programs/${programId}/logistics-settings`))
      .set(auth)
      .send(body);
  const put = (enrolmentId: string, auth: Auth, body: object) =>
    t.http
      .put(api(`/enrolments/${enrolmentId}/logistics`))
      .set(auth)
      .send(body);
  const get = (enrolmentId: string, auth: Auth) => t.http.get(api(`/enrolments/${enrolmentId}/logistics`)).set(auth);
  const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
  const audits = async (action: string, entityId: string) =>
    (await t.dataSource.query(`SELECT * FROM audit_events WHERE action = $1 AND entity_id = $2`, [
      action,
      entityId,
    ])) as { actor_id: string | null; actor_role: string | null; details: Record<string, unknown> }[];

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ OUTBOX_POLL_MS: '25', SMTP_URL: sink.url });
    cast = await createCast(t);
    const partnerC = await createInstitution(t.dataSource, { kind: 'partner', country: 'MY' });
    outsider = await createSignedIn(t, { role: Role.Partner, institutionId: partnerC.id });
    program = await camp();
    mine = await enrol(program.id, cast.trainee.user.traineeId as string);
    theirs = await enrol(program.id, cast.otherTrainee.user.traineeId as string);
    const res = await settings(program.id, {
      collect: ALL_ITEMS,
      dueDate: '2030-06-20',
      arrivalPoints: ['Tongren Fenghuang Airport', ' Tongren South Railway Station '],
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await sink.down();
  });

  describe('settings', () => {
    it('are read and set by admins only, trimmed, and audited', async () => {
      const fresh = await camp();
      const before = await t.http.get(api(`/programs/${fresh.id}/logistics-settings`)).set(cast.admin.auth);
      expect(before.status).toBe(200);
      expect(before.body).toEqual({ collect: [], arrivalPoints: [] });

      const res = await settings(fresh.id, { collect: ['passport', 'travel'], arrivalPoints: [' TEN '] });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ collect: ['travel', 'passport'], arrivalPoints: ['TEN'] });
      const read = await t.http.get(api(`/programs/${fresh.id}/logistics-settings`)).set(cast.admin.auth);
      expect(read.body).toEqual(res.body);
      const [event] = await audits('logistics.settings', fresh.id);
      expect(event.actor_id).toBe(cast.admin.user.id);

      for (const who of [cast.partner, cast.trainee, cast.instructor]) {
        expect((await t.http.get(api(`/programs/${fresh.id}/logistics-settings`)).set(who.auth)).status).toBe(403);
        expect((await settings(fresh.id, { collect: [] }, who.auth)).status).toBe(403);
      }
      expect((await t.http.get(api(`/programs/${fresh.id}/logistics-settings`))).status).toBe(401);
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await settings(unknown, { collect: [] })).status).toBe(404);
    });

    it.each([
      [{ collect: ['visa'] }, 'collect'],
      [{ collect: ['travel', 'travel'] }, 'collect'],
      [{}, 'collect'],
      [{ collect: [], dueDate: '2030-02-30' }, 'dueDate'],
      [{ collect: [], dueDate: '20.06.2030' }, 'dueDate'],
      [{ collect: [], arrivalPoints: Array.from({ length: 21 }, (_v, i) => `Point ${i}`) }, 'arrivalPoints'],
      [{ collect: [], arrivalPoints: ['TEN', ' TEN'] }, 'arrivalPoints'],
      [{ collect: [], arrivalPoints: ['  '] }, 'arrivalPoints'],
      [{ collect: [], arrivalPoints: ['x'.repeat(201)] }, 'arrivalPoints'],
    ])('refuses %j naming %s', async (body, field) => {
      const res = await settings(program.id, body);
      expect(res.status).toBe(400);
      expect(fields(res.body)).toContain(field);
    });
  });

  describe('one enrolment', () => {
    it('is for the trainee, their partner and admins; anyone else gets 404 (instructors 403)', async () => {
      for (const who of [cast.trainee, cast.partner, cast.admin]) {
        const res = await get(mine, who.auth);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          enrolmentId: mine,
          programId: program.id,
          timeZone: 'Asia/Shanghai',
          settings: {
            collect: ALL_ITEMS,
            dueDate: '2030-06-20',
            arrivalPoints: ['Tongren Fenghuang Airport', 'Tongren South Railway Station'],
          },
          complete: false,
          missing: ALL_ITEMS,
          consents: [],
          warnings: [],
        });
      }
      for (const who of [cast.otherTrainee, cast.otherPartner, outsider]) {
        expect((await get(mine, who.auth)).status).toBe(404);
        expect((await put(mine, who.auth, { gender: 'male' })).status).toBe(404);
      }
      expect((await get(mine, cast.instructor.auth)).status).toBe(403);
      expect((await put(mine, cast.instructor.auth, { gender: 'male' })).status).toBe(403);
      expect((await get(mine, {} as Auth)).status).toBe(401);
      expect((await get('not-a-uuid', cast.admin.auth)).status).toBe(400);
    });

    it('refuses passport and dietary data without the consent for that purpose, naming consents', async () => {
      const passport = await put(mine, cast.trainee.auth, { passport: PASSPORT });
      expect(passport.status).toBe(400);
      expect(fields(passport.body)).toEqual(['consents']);
      const dietary = await put(mine, cast.partner.auth, { dietary: { needs: [] } });
      expect(dietary.status).toBe(400);
      expect(fields(dietary.body)).toEqual(['consents']);
      // A passport consent is no dietary consent.
      const wrong = await put(mine, cast.trainee.auth, {
        dietary: { needs: [] },
        consents: [CONSENT('passport', 'self')],
      });
      expect(wrong.status).toBe(400);
      expect(fields(wrong.body)).toEqual(['consents']);
      // Nothing was written by the refused requests.
      expect((await get(mine, cast.trainee.auth)).body.consents).toEqual([]);
    });

    it('takes self consents from the trainee only and paper ones from staff only, at the current notice', async () => {
      const paper = await put(mine, cast.trainee.auth, { consents: [CONSENT('passport', 'paper')] });
      expect(paper.status).toBe(400);
      expect(fields(paper.body)).toEqual(['consents[0].collected']);
      const self = await put(theirs, cast.otherPartner.auth, { consents: [CONSENT('dietary', 'self')] });
      expect(self.status).toBe(400);
      expect(fields(self.body)).toEqual(['consents[0].collected']);
      const old = await put(mine, cast.trainee.auth, {
        consents: [{ purpose: 'passport', noticeVersion: '2020-01', collected: 'self' }],
      });
      expect(old.status).toBe(400);
      expect(fields(old.body)).toEqual(['consents[0].noticeVersion']);
    });

    it('stores passport data sealed with the consent given in the same request, and audits without the number', async () => {
      const res = await put(mine, cast.trainee.auth, {
        passport: { ...PASSPORT, number: ' aa 9876543 ' },
        consents: [CONSENT('passport', 'self')],
      });
      expect(res.status).toBe(200);
      const body = res.body as EnrolmentLogistics;
      expect(body.passport).toEqual(PASSPORT);
      expect(body.consents).toEqual([
        expect.objectContaining({
          purpose: 'passport',
          noticeVersion: LOGISTICS_NOTICE_VERSION,
          collected: 'self',
          recordedBy: cast.trainee.user.id,
        }),
      ]);
      expect(body.missing).toEqual(['travel', 'dietary', 'emergencyContact', 'accommodation']);

      const [row] = (await t.dataSource.query(`SELECT * FROM enrolment_logistics WHERE enrolment_id = $1`, [
        mine,
      ])) as Record<string, unknown>[];
      expect(row['passport_sealed']).toEqual(expect.any(String));
      for (const value of Object.values(row)) {
        expect(String(value)).not.toContain(PASSPORT.number);
        expect(String(value)).not.toContain(PASSPORT.fullNameAsInPassport);
      }
      const [{ trail }] = (await t.dataSource.query(
        `SELECT string_agg(details::text, ' ') AS trail FROM audit_events WHERE entity_id = $1`,
        [mine],
      )) as { trail: string }[];
      expect(trail).not.toContain(PASSPORT.number);
      expect((await audits('logistics.consent', mine)).map((e) => e.details)).toEqual([
        expect.objectContaining({ purpose: 'passport', collected: 'self' }),
      ]);
      const [update] = await audits('logistics.update', mine);
      expect(update.details).toMatchObject({ sections: ['passport'], cleared: [] });
    });

    it('audits every staff read of passport data, and none of the trainee’s own', async () => {
      const count = async () => (await audits('logistics.passport_read', mine)).length;
      const before = await count();
      expect((await get(mine, cast.trainee.auth)).body.passport).toEqual(PASSPORT);
      expect(await count()).toBe(before);
      expect((await get(mine, cast.partner.auth)).body.passport).toEqual(PASSPORT);
      expect(await count()).toBe(before + 1);
      expect((await get(mine, cast.admin.auth)).body.passport).toEqual(PASSPORT);
      const reads = await audits('logistics.passport_read', mine);
      expect(reads).toHaveLength(before + 2);
      expect(reads.map((r) => r.actor_role).sort()).toEqual(['admin', 'partner']);
      // No passport data, no read to record.
      const none = (await audits('logistics.passport_read', theirs)).length;
      await get(theirs, cast.admin.auth);
      expect((await audits('logistics.passport_read', theirs)).length).toBe(none);
    });

    it.each([
      ['12345', 'emergencyContact.phone'],
      ['0812345678', 'emergencyContact.phone'],
      ['+66 12', 'emergencyContact.phone'],
      ['+999 1234 5678', 'emergencyContact.phone'],
      ['+66 81 234 5678 ext 9', 'emergencyContact.phone'],
    ])('refuses the emergency phone %j', async (phone, field) => {
      const res = await put(mine, cast.trainee.auth, {
        emergencyContact: { name: 'Malee Jaidee', relationship: 'Mother', phone },
      });
      expect(res.status).toBe(400);
      expect(fields(res.body)).toContain(field);
    });

    it('normalises the emergency phone to E.164 and names missing fields', async () => {
      const res = await put(mine, cast.trainee.auth, {
        emergencyContact: { name: 'Malee Jaidee', relationship: 'Mother', phone: '+66 81-234 5678' },
      });
      expect(res.status).toBe(200);
      expect(res.body.emergencyContact).toEqual({
        name: 'Malee Jaidee',
        relationship: 'Mother',
        phone: '+66812345678',
      });
      const missing = await put(mine, cast.trainee.auth, { emergencyContact: { phone: '+8613812345678' } });
      expect(missing.status).toBe(400);
      expect(fields(missing.body)).toEqual(
        expect.arrayContaining(['emergencyContact.name', 'emergencyContact.relationship']),
      );
    });

    it.each([
      [{ arrival: { at: '2030-07-01 14:35' } }, 'arrival.at'],
      [{ arrival: { at: '2030-07-01T14:35:00' } }, 'arrival.at'],
      [{ arrival: { at: '2030-07-01T14:35:00+08:00', point: 'Beijing Capital' } }, 'arrival.point'],
      [
        { departure: { at: '2030-06-01T10:00:00+08:00' }, arrival: { at: '2030-07-01T10:00:00+08:00' } },
        'departure.at',
      ],
      [{ passport: { ...PASSPORT, number: 'AB12' }, consents: [CONSENT('passport', 'self')] }, 'passport.number'],
      [{ passport: { ...PASSPORT, number: 'AB-123456' }, consents: [CONSENT('passport', 'self')] }, 'passport.number'],
      [
        { passport: { ...PASSPORT, nationality: 'XX' }, consents: [CONSENT('passport', 'self')] },
        'passport.nationality',
      ],
      [
        { passport: { ...PASSPORT, dateOfBirth: '2099-01-01' }, consents: [CONSENT('passport', 'self')] },
        'passport.dateOfBirth',
      ],
      [
        { passport: { ...PASSPORT, expiresOn: '2031-02-29' }, consents: [CONSENT('passport', 'self')] },
        'passport.expiresOn',
      ],
      [{ passport: { number: 'AA9876543' }, consents: [CONSENT('passport', 'self')] }, 'passport.fullNameAsInPassport'],
      [
        { passport: { ...PASSPORT, fullNameAsInPassport: 'สมชาย ใจดี' }, consents: [CONSENT('passport', 'self')] },
        'passport.fullNameAsInPassport',
      ],
      [{ dietary: { needs: ['kosher'] }, consents: [CONSENT('dietary', 'self')] }, 'dietary.needs'],
      [{ dietary: { needs: ['other'] }, consents: [CONSENT('dietary', 'self')] }, 'dietary.other'],
      [{ gender: 'other' }, 'gender'],
    ])('refuses %j naming %s', async (body, field) => {
      const res = await put(mine, cast.trainee.auth, body);
      expect(res.status).toBe(400);
      expect(fields(res.body)).toContain(field);
    });

    it('replaces sections present, clears those null and keeps those absent; completeness follows', async () => {
      const full = await put(mine, cast.partner.auth, {
        ...COMPLETE,
        dietary: { needs: ['halal', 'other'], other: 'No spicy food' },
        consents: [CONSENT('dietary', 'paper')],
      });
      expect(full.status).toBe(200);
      expect(full.body).toMatchObject({
        complete: true,
        missing: [],
        gender: 'male',
        dietary: { needs: ['halal', 'other'], other: 'No spicy food' },
        arrival: { at: '2030-07-01T06:35:00.000Z', carrier: 'Thai AirAsia', number: 'FD560' },
      });
      const cleared = await put(mine, cast.trainee.auth, { arrival: null });
      expect(cleared.body).toMatchObject({ complete: false, missing: ['travel'], gender: 'male' });
      expect(cleared.body.arrival).toBeUndefined();
      expect(cleared.body.departure).toEqual({ at: '2030-07-10T01:00:00.000Z', point: 'Tongren Fenghuang Airport' });
      const back = await put(mine, cast.trainee.auth, { arrival: COMPLETE.arrival });
      expect(back.body).toMatchObject({ complete: true, missing: [] });
      // "No special needs" is an answer.
      const none = await put(mine, cast.trainee.auth, { dietary: { needs: [] } });
      expect(none.body).toMatchObject({ complete: true, dietary: { needs: [] } });
      const [dietaryRow] = (await t.dataSource.query(
        `SELECT dietary_sealed FROM enrolment_logistics WHERE enrolment_id = $1`,
        [mine],
      )) as { dietary_sealed: string }[];
      expect(dietaryRow.dietary_sealed).not.toContain('needs');
    });

    it('warns when the passport expires within six months of the program’s end', async () => {
      const soon = await put(mine, cast.admin.auth, { passport: { ...PASSPORT, expiresOn: '2031-01-09' } });
      expect(soon.status).toBe(200);
      expect(soon.body.warnings).toEqual(['PASSPORT_EXPIRES_SOON']);
      const fine = await put(mine, cast.admin.auth, { passport: { ...PASSPORT, expiresOn: '2031-01-10' } });
      expect(fine.body.warnings).toEqual([]);
      await put(mine, cast.admin.auth, { passport: PASSPORT });
    });

    it('refuses sections the program does not collect, and shows the room when assigned', async () => {
      const small = await camp();
      await settings(small.id, { collect: ['travel'] });
      const enrolment = await enrol(small.id, cast.trainee.user.traineeId as string);
      const res = await put(enrolment, cast.trainee.auth, {
        gender: 'female',
        emergencyContact: COMPLETE.emergencyContact,
      });
      expect(res.status).toBe(400);
      expect(fields(res.body).sort()).toEqual(['emergencyContact', 'gender']);
      // Any point goes when the program names none.
      const travel = await put(enrolment, cast.trainee.auth, {
        arrival: { at: '2030-07-01T10:00:00+08:00', point: 'Guiyang Longdongbao' },
        departure: { at: '2030-07-10T10:00:00+08:00' },
      });
      expect(travel.body).toMatchObject({ complete: true, missing: [] });
      const [room] = (await t.dataSource.query(
        `INSERT INTO rooms (program_id, name, capacity) VALUES ($1, 'Guest house 201', 2) RETURNING id`,
        [small.id],
      )) as { id: string }[];
      await t.dataSource.query(`INSERT INTO room_assignments (enrolment_id, room_id) VALUES ($1, $2)`, [
        enrolment,
        room.id,
      ]);
      expect((await get(enrolment, cast.trainee.auth)).body.room).toEqual({ id: room.id, name: 'Guest house 201' });
    });
  });

  describe('the program’s list', () => {
    let extra: string[];

    beforeAll(async () => {
      const ids = await insertTrainees(t.dataSource, 5, { institutionId: cast.partnerA.id, prefix: 'logistics' });
      extra = [];
      for (const id of ids) extra.push(await enrol(program.id, id));
      await put(extra[0], cast.partner.auth, { gender: 'female' });
    });

    const list = (auth: Auth, query = '') => t.http.get(api(`/programs/${program.id}/logistics${query}`)).set(auth);

    it('shows admins everyone, partners their own people only, and nobody else', async () => {
      const all = await list(cast.admin.auth, '?limit=100');
      expect(all.status).toBe(200);
      const ids = (all.body.items as LogisticsStatusEntry[]).map((e) => e.enrolmentId);
      expect(ids.sort()).toEqual([mine, theirs, ...extra].sort());
      const ownA = await list(cast.partner.auth, '?limit=100');
      expect((ownA.body.items as LogisticsStatusEntry[]).map((e) => e.enrolmentId).sort()).toEqual(
        [mine, ...extra].sort(),
      );
      const ownB = await list(cast.otherPartner.auth, '?limit=100');
      expect((ownB.body.items as LogisticsStatusEntry[]).map((e) => e.enrolmentId)).toEqual([theirs]);
      expect((await list(outsider.auth)).status).toBe(404);
      expect((await list(cast.trainee.auth)).status).toBe(403);
      expect((await list(cast.instructor.auth)).status).toBe(403);
    });

    it('tells who is complete and what is missing, and filters by it', async () => {
      const all = (await list(cast.admin.auth, '?limit=100')).body.items as LogisticsStatusEntry[];
      const entry = all.find((e) => e.enrolmentId === mine) as LogisticsStatusEntry;
      expect(entry).toMatchObject({
        traineeId: cast.trainee.user.traineeId,
        institutionId: cast.partnerA.id,
        complete: true,
        missing: [],
        warnings: [],
        gender: 'male',
        arrivalAt: '2030-07-01T06:35:00.000Z',
      });
      expect(all.find((e) => e.enrolmentId === extra[0])).toMatchObject({
        complete: false,
        missing: ['travel', 'passport', 'dietary', 'emergencyContact'],
        gender: 'female',
      });
      const complete = await list(cast.admin.auth, '?complete=true');
      expect((complete.body.items as LogisticsStatusEntry[]).map((e) => e.enrolmentId)).toEqual([mine]);
      const incomplete = await list(cast.admin.auth, '?complete=false&limit=100');
      expect((incomplete.body.items as LogisticsStatusEntry[]).map((e) => e.enrolmentId).sort()).toEqual(
        [theirs, ...extra].sort(),
      );
      const gender = await list(cast.admin.auth, '?missing=accommodation&limit=100');
      expect((gender.body.items as LogisticsStatusEntry[]).map((e) => e.enrolmentId).sort()).toEqual(
        [theirs, ...extra.slice(1)].sort(),
      );
      const fromB = await list(cast.admin.auth, `?institutionId=${cast.partnerB.id}`);
      expect((fromB.body.items as LogisticsStatusEntry[]).map((e) => e.enrolmentId)).toEqual([theirs]);
      for (const bad of ['?missing=visa', '?complete=maybe', '?institutionId=x', '?cursor=nope', '?limit=0']) {
        const res = await list(cast.admin.auth, bad);
        expect(res.status).toBe(400);
      }
    });

    it('pages by keyset without repeats or gaps', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await list(cast.admin.auth, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...(res.body.items as LogisticsStatusEntry[]).map((e) => e.enrolmentId));
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(4);
      expect(seen.sort()).toEqual([mine, theirs, ...extra].sort());
    });

    it('shows the trainee what is still needed for My programs', async () => {
      const res = await t.http.get(api('/me/logistics')).set(cast.otherTrainee.auth);
      expect(res.status).toBe(200);
      expect(res.body).toContainEqual({
        enrolmentId: theirs,
        programId: program.id,
        missing: ALL_ITEMS,
        complete: false,
        dueDate: '2030-06-20',
      });
      const own = await t.http.get(api('/me/logistics')).set(cast.trainee.auth);
      expect(own.body).toContainEqual(expect.objectContaining({ enrolmentId: mine, complete: true, missing: [] }));
      expect((await t.http.get(api('/me/logistics')).set(cast.partner.auth)).status).toBe(403);
    });
  });

  it('answers as the OpenAPI document describes', async () => {
    const document = (await t.http.get('/api/docs-json')).body as OpenAPIObject;
    const validator = new OpenApiValidator(document);
    const answers: [string, 'get' | 'put', Response][] = [
      ['/api/v1/enrolments/{id}/logistics', 'get', await get(mine, cast.admin.auth)],
      ['/api/v1/enrolments/{id}/logistics', 'put', await put(mine, cast.trainee.auth, { gender: 'male' })],
      ['/api/v1/enrolments/{id}/logistics', 'put', await put(mine, cast.trainee.auth, { gender: 'x' })],
      [
        '/api/v1/programs/{id}/logistics',
        'get',
        await t.http.get(api(`/programs/${program.id}/logistics`)).set(cast.partner.auth),
      ],
      [
        '/api/v1/programs/{id}/logistics-settings',
        'get',
        await t.http.get(api(`/programs/${program.id}/logistics-settings`)).set(cast.admin.auth),
      ],
      ['/api/v1/me/logistics', 'get', await t.http.get(api('/me/logistics')).set(cast.trainee.auth)],
    ];
    for (const [path, method, res] of answers) {
      const operation = document.paths[path][method] as OperationObject;
      const body = Buffer.from(JSON.stringify(res.body));
      const mediaType = String(res.headers['content-type']).split(';')[0];
      expect({ path, method, problems: validator.check(operation, res.status, mediaType, body) }).toEqual({
        path,
        method,
        problems: [],
      });
    }
  });

  describe('retention', () => {
    it('deletes passport data SENSITIVE_DATA_RETENTION_DAYS after the program, keeps the rest, and audits it', async () => {
      const past = await camp({ startDate: '2030-03-01', endDate: '2030-03-05' });
      await settings(past.id, { collect: ['passport', 'accommodation', 'emergencyContact'] });
      const enrolment = await enrol(past.id, cast.otherTrainee.user.traineeId as string);
      const saved = await put(enrolment, cast.otherPartner.auth, {
        passport: PASSPORT,
        gender: 'female',
        emergencyContact: COMPLETE.emergencyContact,
        consents: [CONSENT('passport', 'paper')],
      });
      expect(saved.status).toBe(200);
      const jobs = t.app.get(LogisticsJobs);

      // 90 days after 5 March (Asia/Shanghai) is 3 June: not yet on that day.
      expect(await jobs.runRetention(new Date('2030-06-03T15:00:00Z'))).toBe(0);
      expect((await get(enrolment, cast.otherTrainee.auth)).body.passport).toEqual(PASSPORT);
      // 4 June in Shanghai (still the 3rd in UTC): deleted.
      const when = new Date('2030-06-03T16:30:00Z');
      expect(await jobs.runRetention(when)).toBe(1);
      const after = await get(enrolment, cast.otherTrainee.auth);
      expect(after.body.passport).toBeUndefined();
      expect(after.body).toMatchObject({
        passportDeletedAt: when.toISOString(),
        gender: 'female',
        emergencyContact: { phone: '+66812345678' },
        consents: [expect.objectContaining({ purpose: 'passport', collected: 'paper' })],
        missing: [],
      });
      const [row] = (await t.dataSource.query(
        `SELECT passport_sealed, passport_deleted_at FROM enrolment_logistics WHERE enrolment_id = $1`,
        [enrolment],
      )) as { passport_sealed: string | null; passport_deleted_at: Date }[];
      expect(row.passport_sealed).toBeNull();
      const events = await audits('logistics.passport_delete', enrolment);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor_id: null, actor_role: null });
      expect(events[0].details).toMatchObject({ programId: past.id, retentionDays: 90 });
      // Once only; the running program's passports are untouched.
      expect(await jobs.runRetention(when)).toBe(0);
      expect((await get(mine, cast.trainee.auth)).body.passport).toEqual(PASSPORT);
    });
  });

  describe('reminders', () => {
    it('e-mail each trainee with something missing a week before the due date and on it, once each, in their language', async () => {
      const reminded = await camp({ startDate: '2031-03-01', endDate: '2031-03-05' });
      await settings(reminded.id, { collect: ['travel', 'accommodation'], dueDate: '2031-02-20' });
      const chinese = await createSignedIn(t, {
        role: Role.Trainee,
        institutionId: cast.partnerA.id,
        preferredLocale: 'zh',
      });
      const thai = await createSignedIn(t, {
        role: Role.Trainee,
        institutionId: cast.partnerA.id,
        preferredLocale: 'th',
      });
      const done = await createSignedIn(t, {
        role: Role.Trainee,
        institutionId: cast.partnerA.id,
        preferredLocale: 'en',
      });
      await enrol(reminded.id, chinese.user.traineeId as string);
      const thaiEnrolment = await enrol(reminded.id, thai.user.traineeId as string);
      const doneEnrolment = await enrol(reminded.id, done.user.traineeId as string);
      await put(thaiEnrolment, thai.auth, { gender: 'female' });
      await put(doneEnrolment, done.auth, {
        gender: 'male',
        arrival: { at: '2031-03-01T10:00:00+08:00' },
        departure: { at: '2031-03-05T10:00:00+08:00' },
      });
      const jobs = t.app.get(LogisticsJobs);
      // Their enrolments were confirmed by e-mail too: the reminders are those whose subject says so, in their language.
      const zhReminders = () => sink.to(chinese.user.email).filter((m) => m.subject.includes('仍需补充信息'));
      const thReminders = () => sink.to(thai.user.email).filter((m) => m.subject.includes('ยังต้องการข้อมูล'));
      const queued = async (who: SignedIn) =>
        (
          (await t.dataSource.query(
            `SELECT count(*)::int AS n FROM notifications WHERE kind = 'logistics-reminder' AND email = $1`,
            [who.user.email],
          )) as { n: number }[]
        )[0].n;

      // Nine days before: nothing yet.
      expect(await jobs.runReminders(new Date('2031-02-11T02:00:00Z'))).toBe(0);
      // A week before (13 February in Shanghai).
      expect(await jobs.runReminders(new Date('2031-02-13T02:00:00Z'))).toBe(2);
      const [zh] = await eventually(() => zhReminders().length >= 1 && zhReminders(), 'the Chinese reminder');
      expect(zh.language).toBe('zh');
      expect(zh.text).toContain('2031年2月20日');
      expect(zh.text).toContain('抵达和离开信息');
      expect(zh.text).toContain('住宿信息');
      const [th] = await eventually(() => thReminders().length >= 1 && thReminders(), 'the Thai reminder');
      expect(th.text).toContain('2574'); // 2031 in the Buddhist era
      expect(th.text).toContain('ข้อมูลการเดินทางมาถึงและเดินทางกลับ');
      expect(th.text).not.toContain('ข้อมูลที่พัก');
      // The same day again, and the days after: the week's reminder went already.
      expect(await jobs.runReminders(new Date('2031-02-13T09:00:00Z'))).toBe(0);
      expect(await jobs.runReminders(new Date('2031-02-16T02:00:00Z'))).toBe(0);
      // On the due day, once more; then never again.
      expect(await jobs.runReminders(new Date('2031-02-20T01:00:00Z'))).toBe(2);
      expect(await jobs.runReminders(new Date('2031-02-20T08:00:00Z'))).toBe(0);
      expect(await jobs.runReminders(new Date('2031-02-21T08:00:00Z'))).toBe(0);
      await eventually(() => zhReminders().length >= 2 && thReminders().length >= 2, 'the due-day reminders');
      await sleep(200);
      expect(zhReminders()).toHaveLength(2);
      expect(thReminders()).toHaveLength(2);
      expect([await queued(chinese), await queued(thai), await queued(done)]).toEqual([2, 2, 0]);
    });
  });
});
