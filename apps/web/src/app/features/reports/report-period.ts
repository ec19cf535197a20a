import { addDays, type ReportPeriodQuery } from '@skillbridge/contracts';
import { i18nKey } from '../../shared/i18n/i18n-key';

export type PeriodPreset = 'recentAndUpcoming' | 'thisYear' | 'last12Months' | 'all';

/** The dashboard opens on this one: what the office has just done and what it is preparing. */
export const DEFAULT_PERIOD_PRESET: PeriodPreset = 'recentAndUpcoming';

export const PERIOD_PRESETS: readonly { id: PeriodPreset; label: string }[] = [
  { id: 'recentAndUpcoming', label: i18nKey('reports.period.recentAndUpcoming') },
  { id: 'thisYear', label: i18nKey('reports.period.thisYear') },
  { id: 'last12Months', label: i18nKey('reports.period.last12Months') },
  { id: 'all', label: i18nKey('reports.period.all') },
];

/**
 * The dates a preset stands for, counted from `today` (`YYYY-MM-DD` in the
 * viewer's zone): the last twelve months and everything after (programs that
 * ended within a year, run now or are planned: an office's work is mostly
 * ahead of it), this calendar year so far, the twelve months up to and
 * including today, or no limits at all.
 */
export function presetPeriod(preset: PeriodPreset, today: string): ReportPeriodQuery {
  const [year, month, day] = today.split('-').map(Number);
  switch (preset) {
    case 'recentAndUpcoming':
      return { from: presetPeriod('last12Months', today).from };
    case 'thisYear':
      return { from: `${year}-01-01`, to: today };
    case 'last12Months': {
      // The same day a year back, clamped to that month's end (29 Feb → 28 Feb), plus one day.
      const lastDay = new Date(Date.UTC(year - 1, month, 0)).getUTCDate();
      const yearAgo = `${year - 1}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
      return { from: addDays(yearAgo, 1), to: today };
    }
    case 'all':
      return {};
  }
}

/** The preset a period matches, if any (so the picker can show which one is active). */
export function matchingPreset(period: ReportPeriodQuery, today: string): PeriodPreset | null {
  for (const { id } of PERIOD_PRESETS) {
    const preset = presetPeriod(id, today);
    if ((preset.from ?? '') === (period.from ?? '') && (preset.to ?? '') === (period.to ?? '')) return id;
  }
  return null;
}
