import { DEFAULT_ATTENDANCE_RULE } from '@skillbridge/contracts';
import { firstJoin, importedStatus, minutesInside } from './attendance-minutes';

const at = (hhmm: string) => new Date(`2025-03-10T${hhmm}Z`);
// A 60-minute session, 09:00–10:00 UTC; the rule: 80 % (48 minutes), 10 minutes' grace.
const span = { startsAt: at('09:00:00'), endsAt: at('10:00:00') };
const rule = DEFAULT_ATTENDANCE_RULE;

describe('minutesInside', () => {
  it('counts a stay inside the session in whole minutes, rounded down', () => {
    expect(minutesInside([{ join: at('09:00:00'), leave: at('09:47:59') }], span)).toBe(47);
  });
  it('counts overlapping stays once (the union)', () => {
    const stays = [
      { join: at('09:00:00'), leave: at('09:30:00') },
      { join: at('09:20:00'), leave: at('09:50:00') },
      { join: at('09:25:00'), leave: at('09:26:00') },
    ];
    expect(minutesInside(stays, span)).toBe(50);
  });
  it('adds separate stays and leaves out the gap between them', () => {
    const stays = [
      { join: at('09:00:00'), leave: at('09:20:00') },
      { join: at('09:30:00'), leave: at('09:40:00') },
      { join: at('09:45:00'), leave: at('10:00:00') },
    ];
    expect(minutesInside(stays, span)).toBe(45);
  });
  it('clips a join before the start and a leave after the end', () => {
    expect(minutesInside([{ join: at('08:40:00'), leave: at('10:30:00') }], span)).toBe(60);
    expect(minutesInside([{ join: at('08:00:00'), leave: at('08:59:00') }], span)).toBe(0);
  });
  it('runs a stay with no leave time (still in the meeting at export) until the session’s end', () => {
    expect(minutesInside([{ join: at('09:15:00'), leave: null }], span)).toBe(45);
  });
});

describe('importedStatus', () => {
  it('is present exactly at the rate and absent a minute below it', () => {
    expect(importedStatus(48, at('09:00:00'), span, rule)).toBe('present');
    expect(importedStatus(47, at('09:00:00'), span, rule)).toBe('absent');
  });
  it('is present when joining exactly at the grace, late a second after it', () => {
    expect(importedStatus(50, at('09:10:00'), span, rule)).toBe('present');
    expect(importedStatus(49, at('09:10:01'), span, rule)).toBe('late');
  });
  it('is absent for a late joiner with too few minutes', () => {
    expect(importedStatus(30, at('09:30:00'), span, rule)).toBe('absent');
  });
  it('follows the program’s own rule', () => {
    const strict = { minMinutesPresentRate: 1, graceMinutes: 0 };
    expect(importedStatus(59, at('09:00:00'), span, strict)).toBe('absent');
    expect(importedStatus(60, at('09:00:01'), span, strict)).toBe('late');
    // 0.7 × 90 minutes = 63, exactly
    const long = { startsAt: at('09:00:00'), endsAt: at('10:30:00') };
    expect(importedStatus(63, at('09:00:00'), long, { minMinutesPresentRate: 0.7, graceMinutes: 5 })).toBe('present');
    expect(importedStatus(62, at('09:00:00'), long, { minMinutesPresentRate: 0.7, graceMinutes: 5 })).toBe('absent');
  });
  it('takes the earliest join as the first join', () => {
    expect(
      firstJoin([
        { join: at('09:20:00'), leave: null },
        { join: at('08:55:00'), leave: at('09:00:00') },
      ]).toISOString(),
    ).toBe(at('08:55:00').toISOString());
  });
});
