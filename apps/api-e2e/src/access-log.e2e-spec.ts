import { SecretBox } from '@skillbridge/api/common/crypto/secret-box';
import { sealDietary } from '@skillbridge/api/modules/logistics/sealed-details';
import { ErrorCode, Role, type Program } from '@skillbridge/contracts';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createPartnerAProgram } from './factories/enrolments';
import { createSession } from './factories/programs';
import { SAMPLE_PASSPORT, writeSealedPassport } from './support/invitation-letters';
import { api, binary, startTestApp, TEST_DATA_KEY, TestApp } from './support/test-app';

interface Entry {
  actorUserId: string;
  actorRole: string;
  actorInstitutionId: string | null;
  subjectTraineeId: string | null;
  subjectUserId: string | null;
  resource: string;
  fields: string[];
  requestId: string | null;
}

/**
 * "Who looked" (issue 23): each staff read of a person's record leaves an
 * entry in access_log_entries naming who, whose, what and which sensitive
 * fields; a person's reads of their own data leave none, nor does a denied read.
 */
describe('access log', () => {
  let t: TestApp;
  let cast: Cast;
  let program: Program;
  /** The cast's trainee (partner A), confirmed in partner A's camp with passport, dietary and emergency details. */
  let enrolmentId: string;
  let traineeId: string;
  /** A second trainee of partner A, confirmed too, without logistics. */
  let classmate: SignedIn;
  let sessionId: string;
  let certificateId: string;

  /** Runs one read with an empty log and returns the response and the entries it left. */
  async function read(
    path: string,
    who: { auth: { Authorization: string } },
    options: { binary?: boolean } = {},
  ): Promise<{ status: number; body: unknown; entries: Entry[] }> {
    await t.dataSource.query('DELETE FROM access_log_entries');
    let request = t.http.get(api(path)).set(who.auth);
    if (options.binary) request = request.buffer(true).parse(binary);
    const res = await request;
    const entries = (await t.dataSource.query(
      `SELECT actor_user_id AS "actorUserId", actor_role AS "actorRole", actor_institution_id AS "actorInstitutionId",
              subject_trainee_id AS "subjectTraineeId", subject_user_id AS "subjectUserId", resource, fields,
              request_id AS "requestId"
         FROM access_log_entries ORDER BY at, id`,
    )) as Entry[];
    return { status: res.status, body: res.body, entries };
  }

  const by = (who: SignedIn, institutionId: string | null) => ({
    actorUserId: who.user.id,
    actorRole: who.user.role,
    actorInstitutionId: institutionId,
  });

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    classmate = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
    traineeId = cast.trainee.user.traineeId as string;
    program = await createPartnerAProgram(t, cast, {
      kind: 'camp',
      deliveryMode: 'onsite',
      venue: 'Tongren Polytechnic College',
      meetingUrl: undefined,
      startDate: '2027-07-05',
      endDate: '2027-07-16',
    });
    const session = await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2027-07-05T09:00:00+08:00',
      endsAt: '2027-07-05T11:00:00+08:00',
      instructorIds: [cast.instructor.user.instructorId as string],
    });
    sessionId = session.id;
    const enrol = async (id: string) => {
      const res = await t.http
        .post(api(`/programs/${program.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId: id });
      if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    enrolmentId = await enrol(traineeId);
    await enrol(classmate.user.traineeId as string);
    await writeSealedPassport(t, enrolmentId, SAMPLE_PASSPORT);
    await t.dataSource.query(
      `UPDATE enrolment_logistics SET dietary_sealed = $2, emergency_name = 'Jaidee Somsri',
              emergency_relationship = 'Mother', emergency_phone = '+66812345678' WHERE enrolment_id = $1`,
      [enrolmentId, sealDietary(new SecretBox(TEST_DATA_KEY), { needs: ['halal'] })],
    );
    // A certificate of the cast's trainee: a program of the past, completed.
    const past = await createPartnerAProgram(t, cast);
    await t.http
      .post(api(`/programs/${past.id}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId });
    const completed = await t.http.post(api(`/programs/${past.id}/complete`)).set(cast.admin.auth);
    expect(completed.status).toBe(200);
    [{ id: certificateId }] = await t.dataSource.query('SELECT id FROM certificates WHERE program_id = $1', [past.id]);
  });
  afterAll(() => t.close());

  describe('a trainee record', () => {
    it('GET /trainees/:id by an admin and by the trainee’s partner: who, with which institution, whose', async () => {
      const admin = await read(`/trainees/${traineeId}`, cast.admin);
      expect(admin.status).toBe(200);
      expect(admin.entries).toEqual([
        {
          ...by(cast.admin, cast.host.id),
          subjectTraineeId: traineeId,
          subjectUserId: cast.trainee.user.id,
          resource: 'trainee',
          fields: [],
          requestId: expect.any(String),
        },
      ]);
      const partner = await read(`/trainees/${traineeId}`, cast.partner);
      expect(partner.status).toBe(200);
      expect(partner.entries).toEqual([
        expect.objectContaining({
          ...by(cast.partner, cast.partnerA.id),
          subjectTraineeId: traineeId,
          resource: 'trainee',
        }),
      ]);
    });

    it('is not logged when the trainee reads their own record, nor when another institution is refused', async () => {
      const own = await read(`/trainees/${traineeId}`, cast.trainee);
      expect(own.status).toBe(200);
      expect(own.entries).toEqual([]);
      const denied = await read(`/trainees/${traineeId}`, cast.otherPartner);
      expect(denied.status).toBe(404);
      expect(denied.entries).toEqual([]);
    });

    it('GET /trainees: one entry per listed trainee, all of the one request', async () => {
      const list = await read('/trainees?limit=50', cast.partner);
      expect(list.status).toBe(200);
      const items = (list.body as { items: { id: string }[] }).items;
      expect(items.length).toBeGreaterThanOrEqual(2);
      expect(list.entries.map((e) => e.subjectTraineeId).sort()).toEqual(items.map((i) => i.id).sort());
      expect(new Set(list.entries.map((e) => `${e.resource}|${e.actorUserId}|${e.requestId}`))).toEqual(
        new Set([`trainee-list|${cast.partner.user.id}|${list.entries[0].requestId}`]),
      );
    });

    it('GET /users/:id of a trainee’s account by an admin; a colleague’s account is not a person’s record here', async () => {
      const trainee = await read(`/users/${cast.trainee.user.id}`, cast.admin);
      expect(trainee.status).toBe(200);
      expect(trainee.entries).toEqual([
        expect.objectContaining({
          ...by(cast.admin, cast.host.id),
          subjectUserId: cast.trainee.user.id,
          subjectTraineeId: traineeId,
          resource: 'trainee',
        }),
      ]);
      const colleague = await read(`/users/${cast.partner.user.id}`, cast.admin);
      expect(colleague.status).toBe(200);
      expect(colleague.entries).toEqual([]);
    });
  });

  describe('logistics and letters', () => {
    it('GET /enrolments/:id/logistics names the sensitive fields it returned', async () => {
      const partner = await read(`/enrolments/${enrolmentId}/logistics`, cast.partner);
      expect(partner.status).toBe(200);
      expect(partner.entries).toHaveLength(1);
      expect(partner.entries[0]).toMatchObject({
        ...by(cast.partner, cast.partnerA.id),
        subjectTraineeId: traineeId,
        resource: 'logistics',
      });
      expect(partner.entries[0].fields).toEqual(
        expect.arrayContaining([
          'passport.number',
          'passport.dateOfBirth',
          'passport.fullNameAsInPassport',
          'dietary.needs',
          'emergencyContact.phone',
          'emergencyContact.name',
        ]),
      );
      // Only what was there: no allergies were given, no travel.
      expect(partner.entries[0].fields).not.toContain('dietary.allergies');
      expect(partner.entries[0].fields).not.toContain('arrival');
      expect((await read(`/enrolments/${enrolmentId}/logistics`, cast.trainee)).entries).toEqual([]);
      const denied = await read(`/enrolments/${enrolmentId}/logistics`, cast.otherPartner);
      expect(denied.status).toBe(404);
      expect(denied.entries).toEqual([]);
    });

    it('GET /programs/:id/logistics: an entry per person listed', async () => {
      const list = await read(`/programs/${program.id}/logistics`, cast.admin);
      expect(list.status).toBe(200);
      const items = (list.body as { items: { traineeId: string }[] }).items;
      expect(list.entries.map((e) => e.subjectTraineeId).sort()).toEqual(items.map((i) => i.traineeId).sort());
      expect(list.entries.every((e) => e.resource === 'logistics')).toBe(true);
    });

    it('the invitation letter and the letters’ ZIP: the passport fields they print, for those they print', async () => {
      const letter = await read(`/enrolments/${enrolmentId}/invitation-letter.pdf`, cast.partner, { binary: true });
      expect(letter.status).toBe(200);
      expect(letter.entries).toEqual([
        expect.objectContaining({
          ...by(cast.partner, cast.partnerA.id),
          subjectTraineeId: traineeId,
          resource: 'invitation-letter',
          fields: ['passport.fullNameAsInPassport', 'passport.number', 'passport.nationality', 'passport.dateOfBirth'],
        }),
      ]);
      expect(
        (await read(`/enrolments/${enrolmentId}/invitation-letter.pdf`, cast.trainee, { binary: true })).entries,
      ).toEqual([]);
      // The classmate has no passport data: left out of the ZIP, and so of the log.
      const zip = await read(`/programs/${program.id}/invitation-letters.zip`, cast.admin, { binary: true });
      expect(zip.status).toBe(200);
      expect(zip.entries).toEqual([
        expect.objectContaining({
          ...by(cast.admin, cast.host.id),
          subjectTraineeId: traineeId,
          resource: 'invitation-letter',
        }),
      ]);
    });
  });

  describe('rosters, queues and registers', () => {
    it('the roster and its exports: an entry per person on the page or in the file', async () => {
      const roster = await read(`/programs/${program.id}/enrolments`, cast.instructor);
      expect(roster.status).toBe(200);
      expect(roster.entries.map((e) => e.subjectTraineeId).sort()).toEqual(
        [traineeId, classmate.user.traineeId].sort(),
      );
      expect(roster.entries[0]).toMatchObject({ ...by(cast.instructor, cast.host.id), resource: 'enrolment' });
      const csv = await read(`/programs/${program.id}/roster.csv`, cast.partner, { binary: true });
      expect(csv.status).toBe(200);
      expect(csv.entries.map((e) => e.subjectTraineeId).sort()).toEqual([traineeId, classmate.user.traineeId].sort());
      const xlsx = await read(`/programs/${program.id}/roster.xlsx`, cast.admin, { binary: true });
      expect(xlsx.status).toBe(200);
      expect(xlsx.entries).toHaveLength(2);
      const denied = await read(`/programs/${program.id}/enrolments`, cast.otherPartner);
      expect(denied.status).toBe(404);
      expect(denied.entries).toEqual([]);
    });

    it('the enrolments list (review queue) of a partner', async () => {
      const queue = await read(`/enrolments?programId=${program.id}`, cast.partner);
      expect(queue.status).toBe(200);
      expect(queue.entries.map((e) => e.subjectTraineeId).sort()).toEqual([traineeId, classmate.user.traineeId].sort());
      expect(queue.entries.every((e) => e.actorInstitutionId === cast.partnerA.id)).toBe(true);
    });

    it('a session’s register read by its instructor, and the closing preview by the office', async () => {
      const sheet = await read(`/sessions/${sessionId}/attendance`, cast.instructor);
      expect(sheet.status).toBe(200);
      expect(sheet.entries.map((e) => e.subjectTraineeId).sort()).toEqual([traineeId, classmate.user.traineeId].sort());
      expect(sheet.entries[0]).toMatchObject({ ...by(cast.instructor, cast.host.id), resource: 'attendance' });
      const preview = await read(`/programs/${program.id}/completion`, cast.admin);
      expect(preview.status).toBe(200);
      expect(preview.entries.map((e) => e.subjectTraineeId).sort()).toEqual(
        [traineeId, classmate.user.traineeId].sort(),
      );
    });
  });

  describe('certificates', () => {
    it('GET /certificates/:id, its PDF and its credential by staff; the holder’s own reads are not logged', async () => {
      const view = await read(`/certificates/${certificateId}`, cast.partner);
      expect(view.status).toBe(200);
      expect(view.entries).toEqual([
        expect.objectContaining({
          ...by(cast.partner, cast.partnerA.id),
          subjectTraineeId: traineeId,
          resource: 'certificate',
          fields: [],
        }),
      ]);
      const pdf = await read(`/certificates/${certificateId}/pdf`, cast.admin, { binary: true });
      expect(pdf.status).toBe(200);
      expect(pdf.entries).toEqual([
        expect.objectContaining({ ...by(cast.admin, cast.host.id), resource: 'certificate', fields: ['pdf'] }),
      ]);
      const credential = await read(`/certificates/${certificateId}/credential`, cast.admin);
      expect(credential.status).toBe(200);
      expect(credential.entries).toEqual([
        expect.objectContaining({ subjectTraineeId: traineeId, resource: 'certificate', fields: ['credential'] }),
      ]);
      const list = await read(`/certificates?programId=${(view.body as { programId: string }).programId}`, cast.admin);
      expect(list.status).toBe(200);
      expect(list.entries).toEqual([expect.objectContaining({ subjectTraineeId: traineeId, resource: 'certificate' })]);
      for (const path of [`/certificates/${certificateId}`, `/certificates/${certificateId}/credential`]) {
        const own = await read(path, cast.trainee);
        expect({ path, status: own.status, entries: own.entries }).toEqual({ path, status: 200, entries: [] });
      }
      const denied = await read(`/certificates/${certificateId}`, cast.otherPartner);
      expect(denied.status).toBe(404);
      expect(denied.entries).toEqual([]);
    });
  });

  it('keeps ids only: no name or e-mail of anyone in the log', async () => {
    await read(`/trainees/${traineeId}`, cast.admin);
    const [{ dump }] = await t.dataSource.query(
      `SELECT string_agg(row_to_json(l)::text, ' ') AS dump FROM access_log_entries l`,
    );
    expect(dump).not.toContain(cast.trainee.user.email);
    expect(dump).not.toContain(cast.trainee.user.fullName);
  });

  it('fails the read (503), showing nothing, when its entry cannot be written', async () => {
    // Every insert into the log fails from here on, as a full disk or a lost privilege would make it.
    await t.dataSource.query(
      `ALTER TABLE access_log_entries ADD CONSTRAINT "CHK_access_log_entries_e2e_refuse" CHECK (false) NOT VALID`,
    );
    try {
      for (const [path, who] of [
        [`/trainees/${traineeId}`, cast.admin],
        [`/enrolments/${enrolmentId}/logistics`, cast.partner],
        [`/programs/${program.id}/enrolments`, cast.admin],
      ] as const) {
        const res = await t.http.get(api(path)).set(who.auth);
        // As the service being unavailable (try again), not as a bug; and never the data without its entry.
        expect({ path, status: res.status, code: res.body.code }).toEqual({
          path,
          status: 503,
          code: ErrorCode.ServiceUnavailable,
        });
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(JSON.stringify(res.body)).not.toContain(SAMPLE_PASSPORT.number);
        expect(JSON.stringify(res.body)).not.toContain(cast.trainee.user.email);
      }
      // The trainee's own read writes nothing, so it is served.
      expect((await t.http.get(api(`/trainees/${traineeId}`)).set(cast.trainee.auth)).status).toBe(200);
    } finally {
      await t.dataSource.query(`ALTER TABLE access_log_entries DROP CONSTRAINT "CHK_access_log_entries_e2e_refuse"`);
    }
  });
});
