import { addDays, type ReportPeriodQuery } from '@skillbridge/contracts';
import { i18nKey } from '../../shared/i18n/i18n-key';

export type PeriodPreset = 'thisYear' | 'last12Months' | 'all';

export const PERIOD_PRESETS: readonly { id: PeriodPreset; label: string }[] = [
  { id: 'thisYear', label: i18nKey('reports.period.thisYear') },
  { id: 'last12Months', label: i18nKey('reports.period.last12Months') },
  { id: 'all', label: i18nKey('reports.period.all') },
];

/**
 * The dates a preset stands for, counted from `today` (`YYYY-MM-DD` in the
 * viewer's zone): this calendar year so far, the twelve months up to and
 * including today, or no limits at all.
 */
export function presetPeriod(preset: PeriodPreset, today: string): ReportPeriodQuery {
  const [year, month, day] = today.split('-').map(Number);
  switch (preset) {
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
