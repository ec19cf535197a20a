import ICAL from 'ical.js';
import { Cast, createCast } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { api, startTestApp, TestApp } from './support/test-app';

describe('GET /programs/:id/schedule.ics', () => {
  let t: TestApp;
  let cast: Cast;
  let programId: string;
  const sessionIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    const program = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      {
        partnerInstitutionIds: [cast.partnerA.id],
        title: { en: 'Online course for Thai universities', th: 'หลักสูตรออนไลน์สำหรับมหาวิทยาลัยไทย' },
      },
      { publish: true },
    );
    programId = program.id;
    const titles = [
      { en: 'Chinese characters and Chinese culture', zh: '汉字与中华文化', th: 'อักษรจีนและวัฒนธรรมจีน' },
      { en: 'Tea culture', zh: '茶文化', th: 'วัฒนธรรมชาจีนและประวัติศาสตร์ของชาในมณฑลกุ้ยโจว ตั้งแต่สมัยโบราณจนถึงปัจจุบัน' },
      { en: 'Guizhou tourism culture', zh: '贵州旅游文化' },
    ];
    for (const [i, title] of titles.entries()) {
      const session = await createSession(t, cast.admin.auth, program.id, {
        title,
        startsAt: `2024-09-0${3 + i}T09:00:00+08:00`,
        endsAt: `2024-09-0${3 + i}T11:30:00+08:00`,
        instructorIds: [cast.instructor.user.instructorId as string],
        meetingUrl: 'https://meeting.example.edu.cn/room/4821',
      });
      sessionIds.push(session.id);
    }
  });
  afterAll(() => t.close());

  it('is a valid RFC 5545 calendar a real parser reads back: one VEVENT per session in the program’s zone, stable UIDs', async () => {
    const res = await t.http
      .get(api(`/programs/${programId}/schedule.ics`))
      .set(cast.trainee.auth)
      .set('Accept-Language', 'th-TH');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+\.ics"/);

    const raw: string = res.text;
    expect(raw.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // every line break is CRLF
    for (const line of raw.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(raw).toMatch(/\r\n /); // the long Thai title was folded

    const calendar = new ICAL.Component(ICAL.parse(raw));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    expect(events.map((e) => e.uid).sort()).toEqual(sessionIds.map((id) => `${id}@skillbridge`).sort());
    const first = events.find((e) => e.uid === `${sessionIds[0]}@skillbridge`) as ICAL.Event;
    expect(first.summary).toBe('อักษรจีนและวัฒนธรรมจีน');
    // Times in the program's zone (TZID, with its VTIMEZONE), read back as the same instants.
    expect(calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual([
      'Asia/Shanghai',
    ]);
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Shanghai');
    expect(raw).toContain('DTSTART;TZID=Asia/Shanghai:20240903T090000\r\n');
    expect(first.startDate.toJSDate().toISOString()).toBe('2024-09-03T01:00:00.000Z');
    expect(first.startDate.zone?.tzid).toBe('Asia/Shanghai');
    expect(first.endDate.toJSDate().toISOString()).toBe('2024-09-03T03:30:00.000Z');
    // DTSTAMP stays in UTC.
    expect(raw).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    const tea = events.find((e) => e.uid === `${sessionIds[1]}@skillbridge`) as ICAL.Event;
    expect(tea.summary).toBe('วัฒนธรรมชาจีนและประวัติศาสตร์ของชาในมณฑลกุ้ยโจว ตั้งแต่สมัยโบราณจนถึงปัจจุบัน');
    // No Thai title for the third session: the reader falls back to English.
    expect(events.find((e) => e.uid === `${sessionIds[2]}@skillbridge`)?.summary).toBe('Guizhou tourism culture');
  });

  it('speaks the caller’s language and bumps SEQUENCE when a session changes', async () => {
    await t.http
      .patch(api(`/sessions/${sessionIds[0]}`))
      .set(cast.admin.auth)
      .send({ venue: 'Online' })
      .expect(200);
    const res = await t.http
      .get(api(`/programs/${programId}/schedule.ics`))
      .set(cast.admin.auth)
      .set('Accept-Language', 'zh-CN');
    const events = new ICAL.Component(ICAL.parse(res.text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const first = events.find((e) => e.uid === `${sessionIds[0]}@skillbridge`) as ICAL.Event;
    expect(first.summary).toBe('汉字与中华文化');
    expect(first.sequence).toBe(1);
  });

  it('is a 404 for those who may not see the program', async () => {
    await t.http
      .get(api(`/programs/${programId}/schedule.ics`))
      .set(cast.otherPartner.auth)
      .expect(404);
    await t.http
      .get(api(`/programs/${programId}/schedule.ics`))
      .set(cast.otherTrainee.auth)
      .expect(404);
    await t.http.get(api(`/programs/${programId}/schedule.ics`)).expect(401);
  });
});
