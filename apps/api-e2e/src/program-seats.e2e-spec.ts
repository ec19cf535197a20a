import { Role, type Page, type Program } from '@skillbridge/contracts';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { createProgram } from './factories/programs';
import { insertTrainees } from './factories/trainees';
import { api, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

/**
 * A program's `seats` as each viewer may know them: admins (and trainees, instructors) the whole program's
 * counts; partner staff only their own institution's people beside the program's capacity and free seats —
 * never another institution's numbers, nor the program's wait-list or applications under review.
 */
describe('program seats per viewer', () => {
  let t: TestApp;
  let cast: Cast;
  /** Staff of a partner institution with nobody in the program. */
  let partnerC: SignedIn;
  let program: Program;

  const enrol = async (auth: Auth, programId: string, body: object = {}) => {
    const res = await t.http
      .post(api(`/programs/${programId}/enrolments`))
      .set(auth)
      .send(body);
    if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.status as string;
  };
  /** The single program's seats without the per-institution lines (quotas-nominations.e2e-spec tests those). */
  const seatsOf = async (auth: Auth, programId: string) => {
    const res = await t.http.get(api(`/programs/${programId}`)).set(auth);
    expect(res.status).toBe(200);
    const { byInstitution: _lines, ...seats } = res.body.seats as Program['seats'];
    return seats;
  };
  const listedSeatsOf = async (auth: Auth, target: Program) => {
    const res = await t.http.get(api('/programs')).query({ q: target.code }).set(auth);
    expect(res.status).toBe(200);
    const items = (res.body as Page<Program>).items.filter((p) => p.id === target.id);
    expect(items).toHaveLength(1);
    return items[0].seats;
  };

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    const institutionC = await createInstitution(t.dataSource, { kind: 'partner', country: 'MY' });
    partnerC = await createSignedIn(t, { role: Role.Partner, institutionId: institutionC.id });

    // Open to every partner. Four seats: A takes one, B three; then B two and A one on the wait-list;
    // one application of each under review.
    program = await createProgram(t, cast.admin.auth, cast.host, { capacity: 4 }, { publish: true });
    const [a1, a2] = await insertTrainees(t.dataSource, 2, { institutionId: cast.partnerA.id });
    const bs = await insertTrainees(t.dataSource, 5, { institutionId: cast.partnerB.id, nationality: 'VN' });
    expect(await enrol(cast.admin.auth, program.id, { traineeId: a1 })).toBe('confirmed');
    for (const b of bs.slice(0, 3))
      expect(await enrol(cast.admin.auth, program.id, { traineeId: b })).toBe('confirmed');
    for (const b of bs.slice(3)) expect(await enrol(cast.admin.auth, program.id, { traineeId: b })).toBe('waitlisted');
    expect(await enrol(cast.admin.auth, program.id, { traineeId: a2 })).toBe('waitlisted');
    expect(await enrol(cast.trainee.auth, program.id)).toBe('pending');
    expect(await enrol(cast.otherTrainee.auth, program.id)).toBe('pending');
  });
  afterAll(() => t.close());

  it('gives admins and trainees the whole program’s counts', async () => {
    const whole = {
      capacity: 4,
      available: 0,
      scope: 'program',
      confirmed: 4,
      waitlisted: 3,
      pending: 2,
      nominated: 0,
    };
    expect(await seatsOf(cast.admin.auth, program.id)).toEqual(whole);
    expect(await listedSeatsOf(cast.admin.auth, program)).toEqual(whole);
    expect(await seatsOf(cast.trainee.auth, program.id)).toEqual(whole);
  });

  it('gives a partner its own institution’s counts and the free seats, in the program and in the list', async () => {
    const ownA = {
      capacity: 4,
      available: 0,
      scope: 'institution',
      confirmed: 1,
      waitlisted: 1,
      pending: 1,
      nominated: 0,
    };
    expect(await seatsOf(cast.partner.auth, program.id)).toEqual(ownA);
    expect(await listedSeatsOf(cast.partner.auth, program)).toEqual(ownA);
    const ownB = {
      capacity: 4,
      available: 0,
      scope: 'institution',
      confirmed: 3,
      waitlisted: 2,
      pending: 1,
      nominated: 0,
    };
    expect(await seatsOf(cast.otherPartner.auth, program.id)).toEqual(ownB);
    expect(await listedSeatsOf(cast.otherPartner.auth, program)).toEqual(ownB);
  });

  it('never shows a partner another institution’s counts: with nobody in the program, all are zero', async () => {
    const none = {
      capacity: 4,
      available: 0,
      scope: 'institution',
      confirmed: 0,
      waitlisted: 0,
      pending: 0,
      nominated: 0,
    };
    expect(await seatsOf(partnerC.auth, program.id)).toEqual(none);
    expect(await listedSeatsOf(partnerC.auth, program)).toEqual(none);
  });

  it('counts free seats while published only: none on a program that no longer takes anyone', async () => {
    const open = await createProgram(t, cast.admin.auth, cast.host, { capacity: 30 }, { publish: true });
    expect(await seatsOf(cast.partner.auth, open.id)).toMatchObject({ capacity: 30, available: 30, confirmed: 0 });
    const draft = await createProgram(t, cast.admin.auth, cast.host, { capacity: 30 });
    expect(await seatsOf(cast.admin.auth, draft.id)).toMatchObject({ capacity: 30, available: 0 });
    const cancelled = await t.http.post(api(`/programs/${open.id}/cancel`)).set(cast.admin.auth);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.seats).toMatchObject({ capacity: 30, available: 0 });
  });
});
