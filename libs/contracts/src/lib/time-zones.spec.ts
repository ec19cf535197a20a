import {
  addDays,
  formatCalendarDate,
  isTimeZone,
  offsetMinutes,
  wallTimeToInstant,
  withinZonedDates,
  zonedDate,
  zonedTime,
} from './time-zones';

describe('time zones', () => {
  it('knows IANA names and refuses others', () => {
    expect(isTimeZone('Asia/Yangon')).toBe(true);
    expect(isTimeZone('Asia/Bangkok')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('handles the half-hour offset of Yangon', () => {
    expect(offsetMinutes('2024-10-29T00:00:00Z', 'Asia/Yangon')).toBe(390);
    const instant = wallTimeToInstant('2024-10-29', '09:00', 'Asia/Yangon');
    expect(instant.toISOString()).toBe('2024-10-29T02:30:00.000Z');
    expect(zonedTime(instant, 'Asia/Yangon')).toBe('09:00');
    expect(zonedTime(instant, 'Asia/Shanghai')).toBe('10:30');
  });

  it('converts wall time in zones with daylight saving', () => {
    expect(wallTimeToInstant('2024-07-01', '09:00', 'Europe/London').toISOString()).toBe('2024-07-01T08:00:00.000Z');
    expect(wallTimeToInstant('2024-12-01', '09:00', 'Europe/London').toISOString()).toBe('2024-12-01T09:00:00.000Z');
    // 02:30 does not exist on 2024-03-31 in London: the later offset wins.
    expect(wallTimeToInstant('2024-03-31', '02:30', 'Europe/London').toISOString()).toBe('2024-03-31T01:30:00.000Z');
  });

  it('puts a 06:00 session on the first local day inside the dates, though it is the day before in UTC', () => {
    const startsAt = wallTimeToInstant('2024-09-03', '06:00', 'Asia/Bangkok');
    expect(startsAt.toISOString()).toBe('2024-09-02T23:00:00.000Z');
    expect(zonedDate(startsAt, 'Asia/Bangkok')).toBe('2024-09-03');
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    expect(withinZonedDates(startsAt, endsAt, '2024-09-03', '2024-09-05', 'Asia/Bangkok')).toBe(true);
    expect(withinZonedDates(startsAt, endsAt, '2024-09-03', '2024-09-05', 'UTC')).toBe(false);
    const lastNight = wallTimeToInstant('2024-09-05', '23:00', 'Asia/Bangkok');
    expect(
      withinZonedDates(
        lastNight,
        new Date(lastNight.getTime() + 3_600_000),
        '2024-09-03',
        '2024-09-05',
        'Asia/Bangkok',
      ),
    ).toBe(true);
    expect(
      withinZonedDates(
        lastNight,
        new Date(lastNight.getTime() + 3_600_001),
        '2024-09-03',
        '2024-09-05',
        'Asia/Bangkok',
      ),
    ).toBe(false);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('formats calendar dates in all four languages', () => {
    expect(formatCalendarDate('2024-09-03', 'en')).toBe('Sep 3, 2024');
    expect(formatCalendarDate('2024-09-03', 'zh')).toBe('2024年9月3日');
    expect(formatCalendarDate('2024-09-03', 'th')).toBe('3 ก.ย. 2567');
    expect(formatCalendarDate('2024-09-03', 'ms')).toBe('3 Sep 2024');
  });
});
