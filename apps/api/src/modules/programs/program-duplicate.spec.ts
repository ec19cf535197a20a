import { daysBetween, shiftKeepingWallClock } from './program-duplicate.service';

describe('moving a session by whole days in its program’s zone', () => {
  const shift = (iso: string, days: number, zone: string) =>
    shiftKeepingWallClock(new Date(iso), days, zone).toISOString();

  it('keeps New York’s wall clock across the spring change (EST → EDT: an hour earlier in UTC)', () => {
    // 09:00 EST on 2025-03-04 = 14:00Z; a week later it is 09:00 EDT = 13:00Z.
    expect(shift('2025-03-04T14:00:00Z', 7, 'America/New_York')).toBe('2025-03-11T13:00:00.000Z');
  });

  it('keeps New York’s wall clock across the autumn change (EDT → EST: an hour later in UTC)', () => {
    expect(shift('2025-10-28T13:00:00Z', 7, 'America/New_York')).toBe('2025-11-04T14:00:00.000Z');
  });

  it('moves back as well as forward, and keeps seconds', () => {
    expect(shift('2025-04-01T08:00:30Z', -7, 'Europe/London')).toBe('2025-03-25T09:00:30.000Z');
  });

  it('is plain day arithmetic in a zone without daylight saving, and keeps the local date near midnight', () => {
    expect(shift('2024-09-03T01:00:00Z', -366, 'Asia/Shanghai')).toBe('2023-09-03T01:00:00.000Z');
    // 00:30 in Shanghai is still the previous day in UTC: the local date moves, not the UTC one.
    expect(shift('2024-09-02T16:30:00Z', 1, 'Asia/Shanghai')).toBe('2024-09-03T16:30:00.000Z');
  });

  it('counts whole days between calendar dates', () => {
    expect(daysBetween('2025-03-24', '2025-03-31')).toBe(7);
    expect(daysBetween('2024-09-03', '2023-09-03')).toBe(-366);
    expect(daysBetween('2025-01-01', '2025-01-01')).toBe(0);
  });
});
