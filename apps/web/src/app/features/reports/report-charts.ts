import { i18nKey } from '../../shared/i18n/i18n-key';
import { CERTIFICATE_STATUS_TONES, ENROLMENT_STATUS_TONES, toneColor } from './status-colors';
import {
  ENROLMENT_STATUSES,
  INTL_LOCALES,
  formatCalendarDate,
  resolveLocalizedText,
  type Locale,
  type ProgramReport,
  type ReportOverview,
} from '@skillbridge/contracts';

/** One line or group of bars: its label in the viewer's language and one value per category. */
export interface ChartSeries {
  label: string;
  data: (number | null)[];
  /** A semantic colour (`var(--sb-status-…)`, see status-colors.ts), resolved against the page's styles when drawn. */
  color: string;
}

/**
 * A chart as data, independent of the drawing library: the same spec draws
 * the canvas and fills the "Show as table" view, so both always agree.
 */
export interface ChartSpec {
  kind: 'bar' | 'line';
  /** Bars that run left to right (long category names read better). */
  horizontal?: boolean;
  stacked?: boolean;
  /** Values are rates from 0 to 1, shown as percentages. */
  percent?: boolean;
  /** The viewer's language, for numbers. */
  locale: Locale;
  /** The category column's heading in the table view. */
  categoryLabel: string;
  labels: string[];
  series: ChartSeries[];
}

/** What the mappings need from the app: the language and a translator. */
export interface ChartContext {
  locale: Locale;
  t: (key: string) => string;
}

/** A number (or a 0..1 rate as a percentage) as the viewer's language writes it. */
export function formatChartValue(value: number | null | undefined, locale: Locale, percent = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return new Intl.NumberFormat(
    INTL_LOCALES[locale],
    percent ? { style: 'percent', maximumFractionDigits: 1 } : { maximumFractionDigits: 2 },
  ).format(value);
}

/** A country code as the viewer's language names it (the browser's CLDR data). */
export function countryLabel(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([INTL_LOCALES[locale]], { type: 'region' }).of(code) ?? code;
  } catch {
    return code; // not a region code the browser knows
  }
}

/** `2024-09` → `Sep 2024` / `2024年9月` / `ก.ย. 2567` / `Sep 2024`. */
export function monthLabel(month: string, locale: Locale): string {
  return formatCalendarDate(`${month}-01`, locale, { day: undefined, month: 'short', year: 'numeric' });
}

export function traineesByCountryChart(overview: ReportOverview, ctx: ChartContext): ChartSpec {
  const rows = [...overview.traineesByNationality].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return {
    kind: 'bar',
    horizontal: true,
    locale: ctx.locale,
    categoryLabel: ctx.t(i18nKey('reports.charts.country')),
    labels: rows.map((row) => countryLabel(row.key, ctx.locale)),
    series: [
      { label: ctx.t(i18nKey('reports.kpi.trainees')), data: rows.map((row) => row.count), color: toneColor('info') },
    ],
  };
}

/** One stacked bar: how the period's enrolments divide between the statuses, in the workflow's order. */
export function enrolmentsByStatusChart(overview: ReportOverview, ctx: ChartContext): ChartSpec {
  const counts = new Map(overview.enrolmentsByStatus.map((row) => [row.key, row.count]));
  const statuses = ENROLMENT_STATUSES.filter((status) => (counts.get(status) ?? 0) > 0);
  return {
    kind: 'bar',
    horizontal: true,
    stacked: true,
    locale: ctx.locale,
    categoryLabel: ctx.t(i18nKey('reports.charts.period')),
    labels: [ctx.t(i18nKey('reports.kpi.enrolments'))],
    // Each status in the colour of what it means, not of its place in the list (completed was once red).
    series: statuses.map((status) => ({
      label: ctx.t(`enrolmentStatuses.${status}`),
      data: [counts.get(status) ?? 0],
      color: toneColor(ENROLMENT_STATUS_TONES[status]),
    })),
  };
}

/** Completion rate of each closed program (open ones have no rate yet). */
export function completionRateChart(overview: ReportOverview, ctx: ChartContext): ChartSpec {
  const rows = overview.programs.filter((program) => program.completionRate !== undefined);
  return {
    kind: 'bar',
    percent: true,
    locale: ctx.locale,
    categoryLabel: ctx.t(i18nKey('reports.charts.program')),
    labels: rows.map((program) => program.code),
    series: [
      {
        label: ctx.t(i18nKey('reports.kpi.completionRate')),
        data: rows.map((program) => program.completionRate ?? null),
        color: toneColor('success'),
      },
    ],
  };
}

export function certificatesByMonthChart(overview: ReportOverview, ctx: ChartContext): ChartSpec {
  const rows = [...overview.certificatesByMonth].sort((a, b) => a.month.localeCompare(b.month));
  // Valid and revoked certificates of the same month stack: the bar is all that month issued.
  return {
    kind: 'bar',
    stacked: true,
    locale: ctx.locale,
    categoryLabel: ctx.t(i18nKey('reports.charts.month')),
    labels: rows.map((row) => monthLabel(row.month, ctx.locale)),
    series: [
      {
        label: ctx.t(i18nKey('certificates.statuses.issued')),
        data: rows.map((row) => row.issued),
        color: toneColor(CERTIFICATE_STATUS_TONES.issued),
      },
      {
        label: ctx.t(i18nKey('certificates.statuses.revoked')),
        data: rows.map((row) => row.revoked),
        color: toneColor(CERTIFICATE_STATUS_TONES.revoked),
      },
    ],
  };
}

export const FUNNEL_STEPS = ['applied', 'confirmed', 'completed', 'certified'] as const;

export function funnelChart(report: ProgramReport, ctx: ChartContext): ChartSpec {
  return {
    kind: 'bar',
    horizontal: true,
    locale: ctx.locale,
    categoryLabel: ctx.t(i18nKey('reports.funnel.step')),
    labels: FUNNEL_STEPS.map((step) => ctx.t(`reports.funnel.${step}`)),
    series: [
      {
        label: ctx.t(i18nKey('reports.funnel.people')),
        data: FUNNEL_STEPS.map((step) => report.funnel[step]),
        color: toneColor('info'),
      },
    ],
  };
}

export function attendanceRateChart(report: ProgramReport, ctx: ChartContext): ChartSpec {
  return {
    kind: 'bar',
    percent: true,
    locale: ctx.locale,
    categoryLabel: ctx.t(i18nKey('reports.program.session')),
    labels: report.attendanceBySession.map((session) => resolveLocalizedText(session.title, ctx.locale)),
    series: [
      {
        label: ctx.t(i18nKey('reports.program.rate')),
        data: report.attendanceBySession.map((session) => session.rate ?? null),
        color: toneColor('info'),
      },
    ],
  };
}

export function seatsOverTimeChart(report: ProgramReport, ctx: ChartContext): ChartSpec {
  return {
    kind: 'line',
    locale: ctx.locale,
    categoryLabel: ctx.t(i18nKey('reports.program.date')),
    labels: report.seatsOverTime.map((day) => formatCalendarDate(day.date, ctx.locale)),
    series: [
      {
        label: ctx.t(i18nKey('reports.funnel.applied')),
        data: report.seatsOverTime.map((day) => day.applied),
        color: toneColor('warning'),
      },
      {
        label: ctx.t(i18nKey('reports.funnel.confirmed')),
        data: report.seatsOverTime.map((day) => day.confirmed),
        color: toneColor('success-alt'),
      },
    ],
  };
}

/** Whether a spec has anything to draw. */
export function hasData(spec: ChartSpec): boolean {
  return spec.labels.length > 0 && spec.series.some((series) => series.data.some((value) => value !== null));
}
