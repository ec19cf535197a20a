import type { ProgramReport, ReportOverview } from '@skillbridge/contracts';
import en from '../../../../public/i18n/en.json';
import zh from '../../../../public/i18n/zh.json';
import { toChartConfig } from './chart-config';
import {
  certificatesByMonthChart,
  completionRateChart,
  countryLabel,
  enrolmentsByStatusChart,
  formatChartValue,
  funnelChart,
  hasData,
  seatsOverTimeChart,
  traineesByCountryChart,
  type ChartContext,
} from './report-charts';

/** A translator over a real catalog, as TranslateService.instant would answer. */
function translator(catalog: object): ChartContext['t'] {
  return (key) => {
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], catalog);
    return typeof value === 'string' ? value : key;
  };
}

const ZH: ChartContext = { locale: 'zh', t: translator(zh) };
const EN: ChartContext = { locale: 'en', t: translator(en) };

const overview: ReportOverview = {
  totals: { programs: 3, trainees: 12, enrolments: 15, certificates: 8, completionRate: 0.8 },
  programsByKindAndStatus: [],
  traineesByNationality: [
    { key: 'MY', count: 2 },
    { key: 'TH', count: 9 },
    { key: 'LA', count: 1 },
  ],
  traineesByInstitution: [],
  enrolmentsByStatus: [
    { key: 'withdrawn', count: 1 },
    { key: 'completed', count: 8 },
    { key: 'pending', count: 2 },
    { key: 'rejected', count: 0 },
  ],
  programs: [
    {
      programId: 'p1',
      code: 'TRPC-TH-ONLINE-2024',
      title: { en: 'Smart farming online', zh: '智慧农业线上课程' },
      kind: 'course',
      status: 'completed',
      startDate: '2024-03-01',
      endDate: '2024-04-30',
      capacity: 20,
      confirmed: 0,
      completed: 8,
      notCompleted: 2,
      completionRate: 0.8,
      certificates: 8,
    },
    {
      programId: 'p2',
      code: 'OPEN-2025',
      title: { en: 'Open camp' },
      kind: 'camp',
      status: 'published',
      startDate: '2025-07-01',
      endDate: '2025-07-10',
      capacity: 10,
      confirmed: 5,
      completed: 0,
      notCompleted: 0,
      certificates: 0,
    },
  ],
  certificatesByMonth: [
    { month: '2024-09', issued: 1, revoked: 1 },
    { month: '2024-05', issued: 8, revoked: 0 },
  ],
} as ReportOverview;

describe('overview charts', () => {
  it('names countries in the viewer’s language, most trainees first', () => {
    const spec = traineesByCountryChart(overview, ZH);
    expect(spec.labels).toEqual(['泰国', '马来西亚', '老挝']);
    expect(spec.series).toEqual([expect.objectContaining({ label: '学员', data: [9, 2, 1] })]);
    expect(traineesByCountryChart(overview, { locale: 'th', t: (k) => k }).labels[0]).toBe('ไทย');
    expect(countryLabel('TH', 'en')).toBe('Thailand');
  });

  it('stacks the enrolment statuses in the contracts’ order, leaving out empty ones, with translated labels', () => {
    const spec = enrolmentsByStatusChart(overview, EN);
    expect(spec.stacked).toBe(true);
    expect(spec.labels).toEqual(['Enrolments']);
    expect(spec.series.map((s) => [s.label, s.data])).toEqual([
      [en.enrolmentStatuses.pending, [2]],
      [en.enrolmentStatuses.withdrawn, [1]],
      [en.enrolmentStatuses.completed, [8]],
    ]);
  });

  it('charts the completion rate of closed programs only, as percentages', () => {
    const spec = completionRateChart(overview, ZH);
    expect(spec.percent).toBe(true);
    expect(spec.labels).toEqual(['TRPC-TH-ONLINE-2024']);
    expect(spec.series[0].data).toEqual([0.8]);
  });

  it('orders certificate months and labels them as the language writes months', () => {
    const spec = certificatesByMonthChart(overview, ZH);
    expect(spec.labels).toEqual(['2024年5月', '2024年9月']);
    expect(spec.series.map((s) => [s.label, s.data])).toEqual([
      [zh.certificates.statuses.issued, [8, 1]],
      [zh.certificates.statuses.revoked, [0, 1]],
    ]);
    expect(certificatesByMonthChart(overview, { locale: 'th', t: (k) => k }).labels[0]).toBe('พ.ค. 2567');
  });

  it('knows when there is nothing to draw', () => {
    expect(hasData(traineesByCountryChart({ ...overview, traineesByNationality: [] }, EN))).toBe(false);
    expect(hasData(traineesByCountryChart(overview, EN))).toBe(true);
  });
});

describe('program report charts', () => {
  const report = {
    programId: 'p1',
    code: 'P1',
    title: { en: 'Camp' },
    timezone: 'Asia/Shanghai',
    capacity: 20,
    scopedToInstitution: false,
    funnel: { applied: 14, confirmed: 10, completed: 8, certified: 7 },
    seatsOverTime: [
      { date: '2024-02-01', applied: 3, confirmed: 0 },
      { date: '2024-02-02', applied: 14, confirmed: 10 },
    ],
    attendanceBySession: [],
    byInstitution: [],
    byNationality: [],
  } as ProgramReport;

  it('walks the funnel from application to certificate', () => {
    const spec = funnelChart(report, ZH);
    expect(spec.labels).toEqual(['已报名', '已确认', '已结业', '已获证书']);
    expect(spec.series[0].data).toEqual([14, 10, 8, 7]);
  });

  it('draws seats over time as two lines with localized dates', () => {
    const spec = seatsOverTimeChart(report, { locale: 'th', t: translator(en) });
    expect(spec.kind).toBe('line');
    expect(spec.labels).toEqual(['1 ก.พ. 2567', '2 ก.พ. 2567']);
    expect(spec.series.map((s) => s.label)).toEqual(['Applied', 'Confirmed']);
  });
});

describe('numbers', () => {
  it('formats values and rates in the viewer’s locale', () => {
    expect(formatChartValue(12345.678, 'en')).toBe('12,345.68');
    expect(formatChartValue(0.8125, 'zh', true)).toBe('81.3%');
    expect(formatChartValue(undefined, 'th')).toBe('–');
  });

  it('gives Chart.js the Intl locale and tick and tooltip formatters', () => {
    const config = toChartConfig(completionRateChart(overview, ZH));
    expect(config.options?.locale).toBe('zh-CN');
    const scales = config.options?.scales as Record<string, { ticks: { callback: (v: number) => string } }>;
    expect(scales['y'].ticks.callback(0.5)).toBe('50%');
    const horizontal = toChartConfig(traineesByCountryChart(overview, EN));
    expect(horizontal.options?.indexAxis).toBe('y');
    const hScales = horizontal.options?.scales as Record<string, { ticks: { callback: (v: number) => string } }>;
    expect(hScales['x'].ticks.callback(1500)).toBe('1,500');
    expect(horizontal.data.datasets[0].data).toEqual([9, 2, 1]);
  });
});
