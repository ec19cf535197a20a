import { Role, type Program, type Session } from '@skillbridge/contracts';
import ICAL from 'ical.js';
import { randomBytes } from 'node:crypto';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { createProgram, createSession, uniqueCode } from './factories/programs';
import { api, startTestApp, TestApp } from './support/test-app';

const PUBLIC_URL = 'https://skillbridge.example.edu.cn';
const tag = randomBytes(4).toString('hex');
/** The links, each unique to this run, so a search of a whole response finds exactly them. */
const LINK = {
  program: `https://meeting.example.edu.cn/program-${tag}`,
  s1: `https://meeting.example.edu.cn/session-1-${tag}`,
  s2: `https://meeting.example.edu.cn/session-2-${tag}`,
  other: `https://meeting.example.edu.cn/other-program-${tag}`,
};
type Grant = { program: boolean; s1: boolean; s2: boolean };
const ALL: Grant = { program: true, s1: true, s2: true };
const NONE: Grant = { program: false, s1: false, s2: false };

/**
 * Who gets a meeting link (issue 16). A session's link: admins, that
 * session's instructors, trainees with a confirmed enrolment in the program,
 * and partner staff of their institutions. A program's own link: the same,
 * with the instructors of any of its sessions. Everyone else who may see the
 * program sees it, and its sessions, without any link — in the list, alone,
 * in the agenda and in the .ics file.
 */
describe('meeting links', () => {
  let t: TestApp;
  let cast: Cast;
  let program: Program;
  let other: Program;
  let s1: Session;
  let s2: Session;
  const who: Record<string, SignedIn> = {};

  const enrol = async (auth: { Authorization: string }, programId: string, body: object = {}) => {
    const res = await t.http
      .post(api(`/programs/${programId}/enrolments`))
      .set(auth)
      .send(body);
    if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; status: string };
  };

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL });
    cast = await createCast(t);
    // Institution C takes part too, but none of its trainees is confirmed.
    const partnerC = await createInstitution(t.dataSource, { kind: 'partner', country: 'MY' });
    const person = (role: Role, institutionId: string) => createSignedIn(t, { role, institutionId });
    const [teacher1, teacher2, partnerOfC, pending, waitlisted, withdrawn, rejected, filler] = await Promise.all([
      person(Role.Instructor, cast.host.id),
      person(Role.Instructor, cast.host.id),
      person(Role.Partner, partnerC.id),
      person(Role.Trainee, partnerC.id),
      person(Role.Trainee, partnerC.id),
      person(Role.Trainee, partnerC.id),
      person(Role.Trainee, partnerC.id),
      person(Role.Trainee, cast.partnerA.id),
    ]);
    Object.assign(who, {
      admin: cast.admin,
      teacher1,
      teacher2,
      outsideInstructor: cast.instructor,
      confirmed: cast.trainee,
      pending,
      waitlisted,
      withdrawn,
      rejected,
      notEnrolled: cast.otherTrainee,
      partnerOfConfirmed: cast.partner,
      partnerOfUnconfirmed: partnerOfC,
      otherPartner: cast.otherPartner,
    });

    program = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      {
        code: uniqueCode('MLK'),
        capacity: 2,
        meetingUrl: LINK.program,
        partnerInstitutionIds: [cast.partnerA.id, cast.partnerB.id, partnerC.id],
      },
      { publish: true },
    );
    s1 = await createSession(t, cast.admin.auth, program.id, {
      instructorIds: [teacher1.user.instructorId as string],
      meetingUrl: LINK.s1,
    });
    s2 = await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2024-09-04T09:00:00+08:00',
      endsAt: '2024-09-04T11:00:00+08:00',
      instructorIds: [teacher2.user.instructorId as string],
      meetingUrl: LINK.s2,
    });
    // Another program, where partner B's trainee is confirmed and the outside instructor teaches: neither
    // carries over to the first one.
    other = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { code: uniqueCode('MLK'), meetingUrl: LINK.other, partnerInstitutionIds: [cast.partnerB.id] },
      { publish: true },
    );
    await createSession(t, cast.admin.auth, other.id, {
      instructorIds: [cast.instructor.user.instructorId as string],
      meetingUrl: `${LINK.other}/session`,
    });
    await enrol(cast.admin.auth, other.id, { traineeId: cast.otherTrainee.user.traineeId });

    // Two seats: the confirmed trainee and a filler of her institution, after one who withdrew; then the wait-list.
    expect((await enrol(cast.admin.auth, program.id, { traineeId: cast.trainee.user.traineeId })).status).toBe(
      'confirmed',
    );
    const leaving = await enrol(cast.admin.auth, program.id, { traineeId: withdrawn.user.traineeId });
    await t.http
      .post(api(`/enrolments/${leaving.id}/withdraw`))
      .set(withdrawn.auth)
      .expect(200);
    expect((await enrol(cast.admin.auth, program.id, { traineeId: filler.user.traineeId })).status).toBe('confirmed');
    expect((await enrol(cast.admin.auth, program.id, { traineeId: waitlisted.user.traineeId })).status).toBe(
      'waitlisted',
    );
    expect((await enrol(pending.auth, program.id)).status).toBe('pending');
    const refused = await enrol(rejected.auth, program.id);
    await t.http
      .post(api(`/enrolments/${refused.id}/reject`))
      .set(partnerOfC.auth)
      .send({ reason: 'Quota used up' })
      .expect(200);
  });
  afterAll(() => t.close());

  /** Everything the viewer reads about the program: list item, record, agenda, one session, calendar. */
  async function read(viewer: SignedIn) {
    const get = async (path: string) => {
      const res = await t.http.get(api(path)).set(viewer.auth);
      expect(res.status).toBe(200);
      return res;
    };
    const list = (await get(`/programs?q=MLK-&limit=200`)).body.items as Program[];
    const listed = list.find((p) => p.id === program.id) as Program;
    expect(listed).toBeDefined();
    const one = (await get(`/programs/${program.id}`)).body as Program;
    const sessions = (await get(`/programs/${program.id}/sessions`)).body as Session[];
    const session1 = (await get(`/sessions/${s1.id}`)).body as Session;
    const ics = (await get(`/programs/${program.id}/schedule.ics`)).text;
    return { list, listed, one, sessions, session1, ics };
  }

  /** Each event's URL, LOCATION and DESCRIPTION, by session id, as a calendar app reads them. */
  function events(ics: string) {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    return new Map(
      calendar.getAllSubcomponents('vevent').map((vevent) => {
        const event = new ICAL.Event(vevent);
        return [
          event.uid.replace('@skillbridge', ''),
          {
            url: String(vevent.getFirstPropertyValue('url') ?? ''),
            location: event.location ?? '',
            description: event.description ?? '',
          },
        ];
      }),
    );
  }

  const cases: [string, Grant][] = [
    ['admin', ALL],
    ['teacher1', { program: true, s1: true, s2: false }],
    ['teacher2', { program: true, s1: false, s2: true }],
    ['confirmed', ALL],
    ['partnerOfConfirmed', ALL],
    ['pending', NONE],
    ['waitlisted', NONE],
    ['withdrawn', NONE],
    ['rejected', NONE],
    ['notEnrolled', NONE],
    ['partnerOfUnconfirmed', NONE],
    ['otherPartner', NONE],
  ];

  it.each(cases)('%s: sees the program, and exactly the links granted', async (name, grant) => {
    const { list, listed, one, sessions, session1, ics } = await read(who[name]);
    const expected = (granted: boolean, link: string) => (granted ? link : undefined);

    expect(listed.meetingUrl).toBe(expected(grant.program, LINK.program));
    expect(one.meetingUrl).toBe(expected(grant.program, LINK.program));
    // The single GET adds the seats per institution (and a partner's own free seats, issue 22); the rest is the list's.
    const common = (program: Program) => ({
      ...program,
      seats: { ...program.seats, available: undefined, byInstitution: undefined },
    });
    expect(common(one)).toEqual(common(listed));
    const byId = new Map(sessions.map((s) => [s.id, s]));
    expect(byId.get(s1.id)?.meetingUrl).toBe(expected(grant.s1, LINK.s1));
    expect(byId.get(s2.id)?.meetingUrl).toBe(expected(grant.s2, LINK.s2));
    expect(session1.meetingUrl).toBe(expected(grant.s1, LINK.s1));

    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    const calendar = events(ics);
    for (const [session, granted, link] of [
      [s1, grant.s1, LINK.s1],
      [s2, grant.s2, LINK.s2],
    ] as const) {
      const event = calendar.get(session.id);
      expect(event).toBeDefined();
      if (granted) {
        expect(event?.url).toBe(link);
        expect(event?.location).toBe(link);
        expect(event?.description).toContain(link);
      } else {
        expect(event?.url).toBe(`${PUBLIC_URL}/programs/${program.id}`);
        expect(event?.location).toBe('');
        expect(event?.description).not.toContain('meeting.example');
        expect(unfolded).not.toContain(link);
      }
    }

    // Denied means nowhere: not in any field of any answer.
    const everything = JSON.stringify({ list, one, sessions, session1 }) + unfolded;
    for (const [key, link] of Object.entries(LINK).filter(([key]) => key !== 'other')) {
      if (!grant[key as keyof Grant]) expect(everything).not.toContain(link);
    }
  });

  it('a confirmed enrolment, a session taught or a confirmed trainee in another program grants nothing here', async () => {
    for (const viewer of [who['notEnrolled'], who['otherPartner']]) {
      const list = (await t.http.get(api('/programs?q=MLK-')).set(viewer.auth)).body.items as Program[];
      expect(list.find((p) => p.id === other.id)?.meetingUrl).toBe(LINK.other);
      expect(list.find((p) => p.id === program.id)?.meetingUrl).toBeUndefined();
    }
  });

  it('an instructor who teaches none of its sessions does not see the program at all', async () => {
    const outsider = who['outsideInstructor'];
    const list = (await t.http.get(api('/programs?q=MLK-')).set(outsider.auth)).body.items as Program[];
    expect(list.map((p) => p.id)).toEqual([other.id]);
    expect(list[0].meetingUrl).toBe(LINK.other);
    for (const path of [
      `/programs/${program.id}`,
      `/programs/${program.id}/sessions`,
      `/sessions/${s1.id}`,
      `/programs/${program.id}/schedule.ics`,
    ]) {
      await t.http.get(api(path)).set(outsider.auth).expect(404);
    }
  });

  it('an instructor’s timetable and its calendar carry the links of their own sessions', async () => {
    const teacher = who['teacher1'];
    const id = teacher.user.instructorId as string;
    const res = await t.http
      .get(api(`/instructors/${id}/sessions?from=2024-09-01T00:00:00Z&to=2024-09-30T00:00:00Z`))
      .set(teacher.auth)
      .expect(200);
    expect(res.body.map((s: Session) => [s.id, s.meetingUrl])).toEqual([[s1.id, LINK.s1]]);
    const ics = await t.http
      .get(api(`/instructors/${id}/schedule.ics`))
      .set(teacher.auth)
      .expect(200);
    expect(events(ics.text).get(s1.id)?.url).toBe(LINK.s1);
    expect(ics.text.replace(/\r\n[ \t]/g, '')).not.toContain(LINK.s2);
  });

  it('follows the enrolment: confirmed gets the link, withdrawn loses it', async () => {
    const trainee = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerB.id });
    const open = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { code: uniqueCode('MLZ'), meetingUrl: LINK.other, partnerInstitutionIds: [cast.partnerB.id] },
      { publish: true },
    );
    const link = async () =>
      ((await t.http.get(api(`/programs/${open.id}`)).set(trainee.auth)).body as Program).meetingUrl;
    expect(await link()).toBeUndefined();
    const enrolment = await enrol(cast.admin.auth, open.id, { traineeId: trainee.user.traineeId });
    expect(await link()).toBe(LINK.other);
    await t.http
      .post(api(`/enrolments/${enrolment.id}/withdraw`))
      .set(trainee.auth)
      .expect(200);
    expect(await link()).toBeUndefined();
  });
});
