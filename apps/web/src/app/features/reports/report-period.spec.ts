import { matchingPreset, presetPeriod } from './report-period';

describe('period presets', () => {
  it('this year runs from 1 January to today', () => {
    expect(presetPeriod('thisYear', '2025-06-15')).toEqual({ from: '2025-01-01', to: '2025-06-15' });
  });

  it('the last 12 months end today and start the day after the same date a year back', () => {
    expect(presetPeriod('last12Months', '2025-06-15')).toEqual({ from: '2024-06-16', to: '2025-06-15' });
    expect(presetPeriod('last12Months', '2025-01-01')).toEqual({ from: '2024-01-02', to: '2025-01-01' });
    // 29 February has no twin a year back: 28 February, plus one day.
    expect(presetPeriod('last12Months', '2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
  });

  it('the default, the last 12 months and upcoming, has no end: planned programs count', () => {
    expect(presetPeriod('recentAndUpcoming', '2025-06-15')).toEqual({ from: '2024-06-16' });
    expect(matchingPreset({ from: '2024-06-16' }, '2025-06-15')).toBe('recentAndUpcoming');
  });

  it('all time has no limits', () => {
    expect(presetPeriod('all', '2025-06-15')).toEqual({});
  });

  it('recognises which preset a period is', () => {
    expect(matchingPreset({ from: '2025-01-01', to: '2025-06-15' }, '2025-06-15')).toBe('thisYear');
    expect(matchingPreset({}, '2025-06-15')).toBe('all');
    expect(matchingPreset({ from: '2025-02-01', to: '2025-06-15' }, '2025-06-15')).toBeNull();
  });
});
