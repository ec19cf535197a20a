import ICAL from 'ical.js';
import { calendarZone, scheduleCalendar, type CalendarEntry } from './schedule-ics';

const entry = (overrides: Partial<CalendarEntry> = {}): CalendarEntry => ({
  id: '6f1c1f0e-8d2a-4c55-9d43-2b7f3f1d9a01',
  programId: '0b0f3c55-1111-4c55-9d43-2b7f3f1d9a01',
  title: { en: 'Cross-border e-commerce', zh: '跨境电商' },
  type: 'lecture',
  startsAt: new Date('2024-09-03T02:30:00Z'),
  endsAt: new Date('2024-09-03T05:00:00Z'),
  instructors: [{ id: 'i1', fullName: '刘洋' }],
  venue: 'Room 204',
  meetingUrl: 'https://meeting.example.edu.cn/room/1',
  cancelled: null,
  sequence: 2,
  updatedAt: new Date('2024-08-01T00:00:00Z'),
  programTitle: { en: 'Yangon e-commerce camp' },
  programCode: 'YGN-2024',
  programTimezone: 'Asia/Yangon',
  ...overrides,
});

const options = { name: 'Test', timeZone: 'Asia/Yangon', locale: 'en' as const, publicUrl: 'https://sb.example' };
const lines = (ics: string) => ics.split('\r\n');
/** The first VEVENT of a calendar, as a real parser reads it. */
const firstEvent = (ics: string) =>
  new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent') as ICAL.Component);

describe('scheduleCalendar', () => {
  const zone = process.env['TZ'];
  afterEach(() => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });

  it('writes each time in its program’s zone, whatever the server’s own zone, with a VTIMEZONE per zone', () => {
    // The server's zone must not leak into the wall-clock times (ical-generator reads local fields of plain Dates).
    process.env['TZ'] = 'America/New_York';
    const ics = scheduleCalendar(
      [
        entry(),
        entry({
          id: '6f1c1f0e-8d2a-4c55-9d43-2b7f3f1d9a02',
          programTimezone: 'Europe/Berlin',
          startsAt: new Date('2024-03-31T07:00:00Z'),
          endsAt: new Date('2024-03-31T08:00:00Z'),
        }),
      ],
      options,
    );
    expect(lines(ics)).toContain('DTSTART;TZID=Asia/Yangon:20240903T090000');
    expect(lines(ics)).toContain('DTEND;TZID=Asia/Yangon:20240903T113000');
    // Just after Berlin's spring change: 09:00 summer time.
    expect(lines(ics)).toContain('DTSTART;TZID=Europe/Berlin:20240331T090000');
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual([
      'Asia/Yangon',
      'Europe/Berlin',
    ]);
    // DTSTAMP is UTC, as RFC 5545 requires.
    expect(lines(ics)).toContain('DTSTAMP:20240801T000000Z');
  });

  it('names the calendar’s zone among its properties, before any component', () => {
    const ics = scheduleCalendar([entry()], options);
    const at = lines(ics).indexOf('X-WR-TIMEZONE:Asia/Yangon');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(lines(ics).findIndex((line) => line.startsWith('BEGIN:V') && line !== 'BEGIN:VCALENDAR'));
    expect(scheduleCalendar([], { ...options, timeZone: 'UTC' })).toContain('\r\nX-WR-TIMEZONE:Etc/UTC\r\n');
  });

  it('uses the canonical name of an alias, and UTC times for a zone it does not know', () => {
    expect(calendarZone('Asia/Rangoon')).toBe('Asia/Yangon');
    expect(calendarZone('UTC')).toBe('Etc/UTC');
    expect(calendarZone('Mars/Olympus_Mons')).toBeNull();
    const ics = scheduleCalendar([entry({ programTimezone: 'Mars/Olympus_Mons' })], options);
    expect(lines(ics)).toContain('DTSTART:20240903T023000Z');
    expect(ics).not.toContain('BEGIN:VTIMEZONE');
  });

  it('puts the venue in LOCATION and the link in URL and the description, when the entry carries one', () => {
    const withLink = firstEvent(scheduleCalendar([entry()], options));
    expect(withLink.location).toBe('Room 204');
    expect(withLink.component.getFirstPropertyValue('url')).toBe('https://meeting.example.edu.cn/room/1');
    expect(withLink.description).toContain('Meeting link: https://meeting.example.edu.cn/room/1');
    expect(withLink.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const without = scheduleCalendar([entry({ meetingUrl: null, venue: null })], options);
    expect(without).not.toContain('meeting.example');
    const vevent = firstEvent(without).component;
    expect(vevent.getFirstPropertyValue('url')).toBe(`https://sb.example/programs/${entry().programId}`);
    expect(vevent.hasProperty('location')).toBe(false);
  });

  it.each([
    [{ by: 'session', reason: 'Typhoon' } as const, '已取消：Typhoon'],
    [{ by: 'removal' } as const, '已取消：该课次已从项目中删除。'],
    [{ by: 'program' } as const, '已取消：该项目已取消。'],
  ])('marks an event cancelled (%j) in the reader’s language, without its link', (cancelled, line) => {
    const ics = scheduleCalendar([entry({ cancelled })], { ...options, locale: 'zh' });
    const event = firstEvent(ics);
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.summary).toBe('已取消：跨境电商');
    expect(event.description.split('\n')[0]).toBe(line);
    expect(event.sequence).toBe(2);
    expect(ics).not.toContain('meeting.example');
  });

  it('asks subscribed calendars to look again when told how often', () => {
    const ics = scheduleCalendar([], { ...options, refreshSeconds: 3600 });
    expect(lines(ics)).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    expect(scheduleCalendar([], options)).not.toContain('REFRESH-INTERVAL');
  });
});
