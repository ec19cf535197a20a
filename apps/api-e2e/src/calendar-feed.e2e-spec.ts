import { ErrorCode, Role, type CalendarFeed, type Program, type Session } from '@skillbridge/contracts';
import ICAL from 'ical.js';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { api, startTestApp, TestApp } from './support/test-app';

const PUBLIC_URL = 'https://skillbridge.example.edu.cn';
const SESSION_LINK = 'https://meeting.example.edu.cn/room/yangon-1';
const PROGRAM_LINK = 'https://meeting.example.edu.cn/room/yangon-program';

/** A feed as a calendar app reads it: without any header. */
interface Feed {
  raw: string;
  calendar: ICAL.Component;
  events: Map<string, ICAL.Event>;
}

describe('personal calendar feeds', () => {
  let t: TestApp;
  let cast: Cast;
  let program: Program;
  let trainee: SignedIn;
  let pending: SignedIn;
  let teacher: SignedIn;
  let morning: Session;
  let afternoon: Session;
  let spare: Session;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL });
    cast = await createCast(t);
    teacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
    // Scenario B's shape: a camp in Yangon (UTC+06:30), with a venue and a meeting link of its own.
    program = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      {
        title: { en: 'Yangon e-commerce camp', th: 'ค่ายอีคอมเมิร์ซย่างกุ้ง' },
        timezone: 'Asia/Yangon',
        deliveryMode: 'hybrid',
        venue: 'Yangon Technological University, Hall A',
        meetingUrl: PROGRAM_LINK,
        partnerInstitutionIds: [cast.partnerA.id],
      },
      { publish: true },
    );
    morning = await createSession(t, cast.admin.auth, program.id, {
      title: { en: 'Cross-border e-commerce', th: 'อีคอมเมิร์ซข้ามพรมแดน' },
      startsAt: '2024-09-03T09:00:00+06:30',
      endsAt: '2024-09-03T11:30:00+06:30',
      venue: 'Room 204',
      meetingUrl: SESSION_LINK,
      instructorIds: [teacher.user.instructorId as string],
    });
    afternoon = await createSession(t, cast.admin.auth, program.id, {
      title: { en: 'Live-stream selling', th: 'การขายผ่านไลฟ์สด' },
      startsAt: '2024-09-04T14:00:00+06:30',
      endsAt: '2024-09-04T16:00:00+06:30',
    });
    spare = await createSession(t, cast.admin.auth, program.id, {
      title: { en: 'Company visit' },
      type: 'field-visit',
      startsAt: '2024-09-05T09:00:00+06:30',
      endsAt: '2024-09-05T12:00:00+06:30',
    });
    trainee = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id, preferredLocale: 'th' });
    await t.http
      .post(api(`/programs/${program.id}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId: trainee.user.traineeId })
      .expect(201);
    // Applied, not yet approved: may see the program, holds no seat and no link.
    pending = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
    await t.http
      .post(api(`/programs/${program.id}/enrolments`))
      .set(pending.auth)
      .send({})
      .expect(201);
  });
  afterAll(() => t.close());

  const addressOf = async (who: SignedIn): Promise<CalendarFeed> => {
    const res = await t.http.get(api('/me/calendar-feed')).set(who.auth);
    expect(res.status).toBe(200);
    return res.body;
  };
  /** The feed's path on the test server: its address is under PUBLIC_URL, which is not where the test app listens. */
  const pathOf = (url: string) => url.slice(PUBLIC_URL.length);
  const parse = (raw: string): Feed => {
    const calendar = new ICAL.Component(ICAL.parse(raw));
    const events = new Map(
      calendar.getAllSubcomponents('vevent').map((vevent) => {
        const event = new ICAL.Event(vevent);
        return [event.uid, event] as const;
      }),
    );
    return { raw, calendar, events };
  };
  async function fetchFeed(url: string): Promise<Feed> {
    // No Authorization, no cookie — and a language the owner does not read, which must not matter.
    const res = await t.http.get(pathOf(url)).set('Accept-Language', 'zh');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    return parse(res.text);
  }
  const uid = (session: { id: string }) => `${session.id}@skillbridge`;
  const eventOf = (feed: Feed, session: { id: string }) => {
    const event = feed.events.get(uid(session));
    if (!event) throw new Error(`no event for session ${session.id}`);
    return event;
  };
  const status = (event: ICAL.Event) => event.component.getFirstPropertyValue('status');
  const url = (event: ICAL.Event) => event.component.getFirstPropertyValue('url');
  const location = (event: ICAL.Event) => event.component.getFirstPropertyValue('location');

  it('gives each account one secret address under PUBLIC_URL, https and webcal, the same on every ask', async () => {
    const first = await addressOf(trainee);
    expect(first.url).toMatch(/^https:\/\/skillbridge\.example\.edu\.cn\/api\/v1\/calendar\/[A-Za-z0-9._-]{60,}\.ics$/);
    expect(first.webcalUrl).toBe(first.url.replace(/^https:/, 'webcal:'));
    expect(await addressOf(trainee)).toEqual(first);
    expect((await addressOf(pending)).url).not.toBe(first.url);
    // The database keeps a hash, never the token.
    const token = first.url
      .split('/')
      .pop()
      ?.replace(/\.ics$/, '') as string;
    const rows = await t.dataSource.query('SELECT * FROM calendar_feeds');
    expect(JSON.stringify(rows)).not.toContain(token.split('.')[1]);
    await t.http.get(api('/me/calendar-feed')).expect(401);
  });

  it('serves, without any header, the trainee’s sessions in the program’s zone, in her language', async () => {
    const res = await t.http.get(pathOf((await addressOf(trainee)).url));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const feed = parse(res.text);
    expect([...feed.events.keys()].sort()).toEqual([morning, afternoon, spare].map(uid).sort());

    // The zone: a VTIMEZONE for Asia/Yangon, TZID on each time, and the calendar's own zone.
    const vtimezone = feed.calendar.getAllSubcomponents('vtimezone');
    expect(vtimezone.map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Asia/Yangon']);
    expect(feed.calendar.getFirstPropertyValue('x-wr-timezone')).toBeTruthy();
    const event = eventOf(feed, morning);
    expect(event.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Yangon');
    ICAL.TimezoneService.register(vtimezone[0]);
    expect(ICAL.TimezoneService.has('Asia/Yangon')).toBe(true);
    const start = event.startDate;
    expect(start.zone?.tzid).toBe('Asia/Yangon');
    expect([start.hour, start.minute]).toEqual([9, 0]);
    expect(start.toJSDate().toISOString()).toBe('2024-09-03T02:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2024-09-03T05:00:00.000Z');

    // Her language (Thai), whatever the fetching client asks for.
    expect(event.summary).toBe('อีคอมเมิร์ซข้ามพรมแดน');
    expect(event.description).toContain('ค่ายอีคอมเมิร์ซย่างกุ้ง');
    expect(feed.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Skillbridge: คาบเรียนของฉัน');
    expect(status(event)).toBe('CONFIRMED');

    // The session's venue and link; the program's for a session without its own.
    expect(location(event)).toBe('Room 204');
    expect(url(event)).toBe(SESSION_LINK);
    expect(event.description).toContain(SESSION_LINK);
    const later = eventOf(feed, afternoon);
    expect(location(later)).toBe('Yangon Technological University, Hall A');
    expect(url(later)).toBe(PROGRAM_LINK);
    expect(later.description).toContain(PROGRAM_LINK);
  });

  it('gives the meeting links only to those who may join: not to a trainee without a seat', async () => {
    // The pending applicant's own calendar holds nothing of the program …
    const own = await fetchFeed((await addressOf(pending)).url);
    expect(own.events.size).toBe(0);
    // … and the program's agenda, which they may read, carries no link, only the program's page.
    const res = await t.http.get(api(`/programs/${program.id}/schedule.ics`)).set(pending.auth);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('meeting.example.edu.cn');
    const agenda = parse(res.text);
    const event = eventOf(agenda, morning);
    expect(url(event)).toBe(`${PUBLIC_URL}/programs/${program.id}`);
    expect(location(event)).toBe('Room 204');
    expect(event.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Yangon');
    // The seated trainee's copy of the same agenda has it.
    const seated = await t.http.get(api(`/programs/${program.id}/schedule.ics`)).set(trainee.auth);
    expect(url(eventOf(parse(seated.text), morning))).toBe(SESSION_LINK);
  });

  it('gives each token its owner’s calendar only: an instructor’s sessions, another trainee nothing of this', async () => {
    const teaching = await fetchFeed((await addressOf(teacher)).url);
    expect([...teaching.events.keys()]).toEqual([uid(morning)]);
    expect(url(eventOf(teaching, morning))).toBe(SESSION_LINK);
    const stranger = await fetchFeed((await addressOf(cast.otherTrainee)).url);
    expect(stranger.events.size).toBe(0);
    expect(stranger.raw).not.toContain(program.code);
  });

  it('gives partner staff their own people’s programs, with the links; another institution’s staff nothing', async () => {
    const partner = await fetchFeed((await addressOf(cast.partner)).url);
    expect(partner.events.has(uid(morning))).toBe(true);
    expect(url(eventOf(partner, morning))).toBe(SESSION_LINK);
    const other = await fetchFeed((await addressOf(cast.otherPartner)).url);
    expect(other.events.size).toBe(0);
  });

  it('shows a cancelled session as cancelled, with a raised SEQUENCE, in the feed and the program’s agenda', async () => {
    const address = await addressOf(trainee);
    const before = eventOf(await fetchFeed(address.url), afternoon).sequence;
    await t.http
      .post(api(`/sessions/${afternoon.id}/cancel`))
      .set(cast.admin.auth)
      .send({ reason: 'Power cut on campus' })
      .expect(200);

    const feed = await fetchFeed(address.url);
    const event = eventOf(feed, afternoon);
    expect(status(event)).toBe('CANCELLED');
    expect(event.sequence).toBeGreaterThan(before);
    expect(event.summary).toBe('ยกเลิก: การขายผ่านไลฟ์สด');
    expect(event.description).toContain('ยกเลิก: Power cut on campus');
    // A cancelled session is joined by no one: no meeting link left in it.
    expect(url(event)).toBe(`${PUBLIC_URL}/programs/${program.id}`);
    expect(event.description).not.toContain('meeting.example');
    expect(status(eventOf(feed, morning))).toBe('CONFIRMED');

    const agenda = await t.http.get(api(`/programs/${program.id}/schedule.ics`)).set(cast.admin.auth);
    expect(status(eventOf(parse(agenda.text), afternoon))).toBe('CANCELLED');
  });

  it('keeps a deleted session in subscribed calendars as cancelled, so they drop their copy', async () => {
    const address = await addressOf(trainee);
    const before = eventOf(await fetchFeed(address.url), spare).sequence;
    await t.http
      .delete(api(`/sessions/${spare.id}`))
      .set(cast.admin.auth)
      .expect(204);
    const event = eventOf(await fetchFeed(address.url), spare);
    expect(status(event)).toBe('CANCELLED');
    expect(event.sequence).toBe(before + 1);
    expect(event.startDate.toJSDate().toISOString()).toBe('2024-09-05T02:30:00.000Z');
    const agenda = await t.http.get(api(`/programs/${program.id}/schedule.ics`)).set(trainee.auth);
    expect(status(eventOf(parse(agenda.text), spare))).toBe('CANCELLED');
  });

  it('resets the address: the old token is a 404 problem, the new one serves the calendar', async () => {
    const old = await addressOf(trainee);
    const res = await t.http.post(api('/me/calendar-feed/rotate')).set(trainee.auth);
    expect(res.status).toBe(200);
    const fresh = res.body as CalendarFeed;
    expect(fresh.url).not.toBe(old.url);
    expect(fresh.webcalUrl).toBe(fresh.url.replace(/^https:/, 'webcal:'));
    expect(await addressOf(trainee)).toEqual(fresh);

    const gone = await t.http.get(pathOf(old.url));
    expect(gone.status).toBe(404);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect(gone.body.code).toBe(ErrorCode.NotFound);
    expect(JSON.stringify(gone.body)).not.toContain(old.url.split('/').pop()?.split('.')[1]);
    expect((await fetchFeed(fresh.url)).events.has(uid(morning))).toBe(true);
    await t.http.post(api('/me/calendar-feed/rotate')).expect(401);
  });

  it('refuses forged, altered and malformed tokens alike', async () => {
    const { url: good } = await addressOf(trainee);
    const token = good
      .split('/')
      .pop()
      ?.replace(/\.ics$/, '') as string;
    const [id, mac] = token.split('.');
    const altered = `${id}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    const other = (await addressOf(pending)).url
      .split('/')
      .pop()
      ?.replace(/\.ics$/, '') as string;
    for (const bad of [altered, `${other.split('.')[0]}.${mac}`, id, 'nothing', `${token}.x`]) {
      const res = await t.http.get(api(`/calendar/${bad}.ics`));
      expect({ bad, status: res.status }).toEqual({ bad, status: 404 });
    }
  });

  it('shows a cancelled program’s sessions as cancelled with a raised SEQUENCE', async () => {
    const address = await addressOf(trainee);
    const before = eventOf(await fetchFeed(address.url), morning).sequence;
    await t.http
      .post(api(`/programs/${program.id}/cancel`))
      .set(cast.admin.auth)
      .expect(200);
    const event = eventOf(await fetchFeed(address.url), morning);
    expect(status(event)).toBe('CANCELLED');
    expect(event.sequence).toBe(before + 1);
    expect(event.description).toContain('ยกเลิก: โครงการถูกยกเลิกแล้ว');
  });

  it('limits fetches of one address per minute (429 with Retry-After)', async () => {
    const owner = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerB.id });
    const path = pathOf((await addressOf(owner)).url);
    for (let i = 0; i < 30; i += 1) await t.http.get(path).expect(200);
    const res = await t.http.get(path);
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.code).toBe(ErrorCode.TooManyRequests);
  });
});
