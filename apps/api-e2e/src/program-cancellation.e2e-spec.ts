import { ErrorCode, Role, type CalendarFeed, type Notification, type Program } from '@skillbridge/contracts';
import ICAL from 'ical.js';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { mailCount, mailTo } from './support/mailbox';
import { api, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
const PUBLIC_URL = 'https://skillbridge.example.edu.cn';

/**
 * Cancelling a program (issue 22): every enrolment under way ends `cancelled` in the same transaction — counters
 * back to zero, nobody promoted, beds released — and the trainees, their partners' staff and the instructors are
 * told in their own language; calendar feeds keep the sessions, marked cancelled.
 */
describe('cancelling a program', () => {
  let t: TestApp;
  let cast: Cast;
  let program: Program;
  let teacher: SignedIn;
  const people: Record<'confirmedA' | 'confirmedB' | 'waitlisted' | 'pending' | 'nominated', SignedIn> = {} as never;
  const enrolments: Record<keyof typeof people, string> = {} as never;
  let sessionId: string;
  let roomId: string;
  let cancelled: { status: number; body: Program };

  const enrolByAdmin = async (who: SignedIn) => {
    const res = await t.http
      .post(api(`/programs/${program.id}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId: who.user.traineeId });
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string };
  };
  const apply = async (who: SignedIn) => {
    const res = await t.http
      .post(api(`/programs/${program.id}/enrolments`))
      .set(who.auth)
      .send({});
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string };
  };
  const inbox = async (who: SignedIn) =>
    ((await t.http.get(api('/notifications')).set(who.auth)).body.items as Notification[]).filter(
      (n) => n.kind === 'program-cancelled',
    );
  const statusOf = async (id: string) =>
    ((await t.dataSource.query('SELECT status FROM enrolments WHERE id = $1', [id])) as { status: string }[])[0].status;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL });
    cast = await createCast(t);
    teacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id, preferredLocale: 'ms' });
    program = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      {
        kind: 'camp',
        deliveryMode: 'onsite',
        venue: 'Tongren Polytechnic College',
        meetingUrl: undefined,
        capacity: 2,
        partnerInstitutionIds: [cast.partnerA.id, cast.partnerB.id],
        hostReview: true,
      },
      { publish: true },
    );
    sessionId = (
      await createSession(t, cast.admin.auth, program.id, { instructorIds: [teacher.user.instructorId as string] })
    ).id;
    await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2024-09-04T09:00:00+08:00',
      endsAt: '2024-09-04T10:00:00+08:00',
      instructorIds: [teacher.user.instructorId as string],
    });
    const trainee = (institutionId: string, preferredLocale: 'en' | 'zh' | 'th' | 'ms') =>
      createSignedIn(t, { role: Role.Trainee, institutionId, preferredLocale });
    people.confirmedA = await trainee(cast.partnerA.id, 'zh');
    people.confirmedB = await trainee(cast.partnerB.id, 'th');
    people.waitlisted = await trainee(cast.partnerA.id, 'en');
    people.pending = await trainee(cast.partnerA.id, 'ms');
    people.nominated = await trainee(cast.partnerB.id, 'en');

    enrolments.confirmedA = (await enrolByAdmin(people.confirmedA)).id;
    enrolments.confirmedB = (await enrolByAdmin(people.confirmedB)).id;
    const waiting = await enrolByAdmin(people.waitlisted);
    expect(waiting.status).toBe('waitlisted');
    enrolments.waitlisted = waiting.id;
    const pending = await apply(people.pending);
    expect(pending.status).toBe('pending');
    enrolments.pending = pending.id;
    const nominated = await apply(people.nominated);
    expect(nominated.status).toBe('pending');
    enrolments.nominated = nominated.id;
    // Partner B's staff nominate their trainee (the program's host reviews each nomination).
    const nominate = await t.http
      .post(api(`/enrolments/${nominated.id}/approve`))
      .set(cast.otherPartner.auth)
      .send({});
    expect(nominate.status).toBe(200);
    expect(nominate.body.status).toBe('nominated');
    const room = await t.http
      .post(api(`/programs/${program.id}/rooms`))
      .set(cast.admin.auth)
      .send({ name: 'A101', capacity: 2 });
    expect(room.status).toBe(201);
    roomId = room.body.id;
    await t.http
      .put(api(`/enrolments/${enrolments.confirmedA}/room`))
      .set(cast.admin.auth)
      .send({ roomId })
      .expect(200);
    const before = (await t.http.get(api(`/programs/${program.id}`)).set(cast.admin.auth)).body as Program;
    expect(before.seats).toMatchObject({ confirmed: 2, waitlisted: 1, pending: 1, nominated: 1 });

    const res = await t.http
      .post(api(`/programs/${program.id}/cancel`))
      .set(cast.admin.auth)
      .set('Accept-Language', 'en');
    cancelled = { status: res.status, body: res.body };
  });
  afterAll(() => t.close());

  it('ends every enrolment under way as cancelled, counters at zero, nobody promoted, beds released', async () => {
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.seats).toMatchObject({ confirmed: 0, waitlisted: 0, pending: 0, nominated: 0, available: 0 });
    for (const id of Object.values(enrolments)) expect(await statusOf(id)).toBe('cancelled');
    const [counts] = await t.dataSource.query(
      `SELECT confirmed_count, waitlisted_count, pending_count, nominated_count FROM programs WHERE id = $1`,
      [program.id],
    );
    expect(counts).toEqual({ confirmed_count: 0, waitlisted_count: 0, pending_count: 0, nominated_count: 0 });
    const [{ n: promoted }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM enrolments WHERE program_id = $1 AND status <> 'cancelled'`,
      [program.id],
    );
    expect(promoted).toBe(0);
    const [{ n: beds }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM room_assignments WHERE room_id = $1',
      [roomId],
    );
    expect(beds).toBe(0);
  });

  it('audits program.cancel once and enrolment.cancel per enrolment with the status it had', async () => {
    const rows = (await t.dataSource.query(
      `SELECT action, entity_id, details FROM audit_events
        WHERE (action = 'program.cancel' AND entity_id = $1) OR (action = 'enrolment.cancel' AND details->>'programId' = $1)`,
      [program.id],
    )) as { action: string; entity_id: string; details: Record<string, unknown> }[];
    expect(rows.filter((r) => r.action === 'program.cancel')).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ from: 'published', to: 'cancelled' }) }),
    ]);
    const byEnrolment = new Map(rows.filter((r) => r.action === 'enrolment.cancel').map((r) => [r.entity_id, r]));
    expect(byEnrolment.size).toBe(5);
    expect(byEnrolment.get(enrolments.confirmedA)?.details).toMatchObject({
      from: 'confirmed',
      to: 'cancelled',
      roomReleased: roomId,
    });
    expect(byEnrolment.get(enrolments.waitlisted)?.details).toMatchObject({ from: 'waitlisted', to: 'cancelled' });
    expect(byEnrolment.get(enrolments.pending)?.details).toMatchObject({ from: 'pending', to: 'cancelled' });
    expect(byEnrolment.get(enrolments.nominated)?.details).toMatchObject({ from: 'nominated', to: 'cancelled' });
    const [{ n: promotions }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'enrolment.promote' AND details->>'programId' = $1`,
      [program.id],
    );
    expect(promotions).toBe(0);
  });

  it('tells each trainee in their language that their enrolment ended, by notice and e-mail', async () => {
    const zh = await mailTo(t, people.confirmedA.user.email, 'program-cancelled');
    expect(zh.subject).toBe('项目已取消：中文与中华文化线上课程 · Skillbridge');
    expect(zh.text).toContain('您在该项目中的报名已随之结束');
    const th = await mailTo(t, people.confirmedB.user.email, 'program-cancelled');
    expect(th.text).toContain('การสมัครของคุณในโครงการนี้สิ้นสุดลงแล้ว');
    const ms = await mailTo(t, people.pending.user.email, 'program-cancelled');
    expect(ms.text).toContain('Pendaftaran anda dalam program ini telah tamat');
    for (const who of [people.waitlisted, people.nominated]) {
      expect((await mailTo(t, who.user.email, 'program-cancelled')).text).toContain('Your enrolment in it has ended');
    }
    for (const who of Object.values(people)) {
      const notices = await inbox(who);
      expect(notices).toHaveLength(1);
      expect(notices[0].link).toBe('/my/programs');
      expect(await mailCount(t, who.user.email, 'program-cancelled')).toBe(1);
    }
    const [en] = await inbox(people.waitlisted);
    expect(en.title).toBe('Program cancelled: Chinese language and culture online course');
    expect(en.body).toContain('Your enrolment in it has ended');
    // A trainee of the same partner who never applied hears nothing.
    expect(await mailCount(t, cast.trainee.user.email, 'program-cancelled')).toBe(0);
    expect(await inbox(cast.trainee)).toHaveLength(0);
  });

  it('tells each partner’s staff once, with how many of their own people it concerns', async () => {
    const [a] = await inbox(cast.partner);
    expect(a.body).toContain("Enrolments of your institution's people that it ended: 3.");
    expect(a.link).toBe(`/partner/rosters/${program.id}`);
    const [b] = await inbox(cast.otherPartner);
    expect(b.body).toContain("Enrolments of your institution's people that it ended: 2.");
    expect(await inbox(cast.partner)).toHaveLength(1);
    expect(await mailCount(t, cast.partner.user.email, 'program-cancelled')).toBe(1);
    const mail = await mailTo(t, cast.otherPartner.user.email, 'program-cancelled');
    expect(mail.text).toContain(': 2.');
    expect(mail.text).not.toContain(': 3.');
  });

  it('tells the instructor once, in their language, without the trainee’s or partner’s words', async () => {
    expect(await mailCount(t, teacher.user.email, 'program-cancelled')).toBe(1);
    const mail = await mailTo(t, teacher.user.email, 'program-cancelled');
    expect(mail.subject).toContain('Program dibatalkan');
    expect(mail.text).toContain('Tiada sesinya yang akan diadakan.');
    expect(mail.text).not.toContain('Pendaftaran');
    const notices = await inbox(teacher);
    expect(notices).toHaveLength(1);
    expect(notices[0].link).toBe('/instructor');
  });

  it('keeps the sessions in the feeds of those whose enrolment was cancelled, marked CANCELLED', async () => {
    for (const who of [people.confirmedA, people.waitlisted]) {
      const feed = (await t.http.get(api('/me/calendar-feed')).set(who.auth)).body as CalendarFeed;
      const res = await t.http.get(feed.url.slice(PUBLIC_URL.length));
      expect(res.status).toBe(200);
      const calendar = new ICAL.Component(ICAL.parse(res.text));
      const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const event = events.find((e) => e.uid === `${sessionId}@skillbridge`);
      expect(event).toBeDefined();
      expect(event?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(events).toHaveLength(2);
    }
    // Someone who never had an enrolment there has none of its sessions.
    const feed = (await t.http.get(api('/me/calendar-feed')).set(cast.trainee.auth)).body as CalendarFeed;
    const other = await t.http.get(feed.url.slice(PUBLIC_URL.length));
    expect(other.text).not.toContain(sessionId);
  });

  it('refuses every change to a cancelled enrolment and a second cancellation (409)', async () => {
    const act = (auth: Auth, id: string, action: string, body: object = {}) =>
      t.http
        .post(api(`/enrolments/${id}/${action}`))
        .set(auth)
        .send(body);
    const refusals = [
      await act(people.confirmedA.auth, enrolments.confirmedA, 'withdraw'),
      await act(cast.admin.auth, enrolments.waitlisted, 'withdraw'),
      await act(cast.partner.auth, enrolments.pending, 'approve'),
      await act(cast.admin.auth, enrolments.pending, 'approve'),
      await act(cast.admin.auth, enrolments.waitlisted, 'reject', { reason: 'No longer running' }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(ErrorCode.InvalidTransition);
    }
    const accept = await act(cast.admin.auth, enrolments.nominated, 'accept');
    expect(accept.status).toBe(409);
    expect(accept.body.code).toBe(ErrorCode.InvalidTransition);
    const again = await t.http.post(api(`/programs/${program.id}/cancel`)).set(cast.admin.auth);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(ErrorCode.InvalidTransition);
    for (const id of Object.values(enrolments)) expect(await statusOf(id)).toBe('cancelled');
  });
});
