import type { ChartConfiguration } from 'chart.js';
import { INTL_LOCALES } from '@skillbridge/contracts';
import { formatChartValue, type ChartSpec } from './report-charts';

/** The Chart.js configuration that draws a spec: axis ticks and tooltips in the viewer's number format. */
export function toChartConfig(spec: ChartSpec): ChartConfiguration<'bar' | 'line'> {
  const format = (value: number | string) => formatChartValue(Number(value), spec.locale, spec.percent);
  const valueAxis = {
    beginAtZero: true,
    stacked: spec.stacked,
    ...(spec.percent ? { max: 1 } : {}),
    ticks: { callback: format, ...(spec.percent ? {} : { precision: 0 }) },
  };
  const categoryAxis = { stacked: spec.stacked, ticks: { autoSkip: true } };
  return {
    type: spec.kind,
    data: {
      labels: spec.labels,
      datasets: spec.series.map((series) => ({
        label: series.label,
        data: series.data,
        backgroundColor: series.color,
        borderColor: series.color,
        ...(spec.kind === 'line' ? { tension: 0.2, pointRadius: 2, fill: false } : { maxBarThickness: 48 }),
      })),
    },
    options: {
      locale: INTL_LOCALES[spec.locale],
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      scales: spec.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: { display: spec.series.length > 1, position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label ?? ''}: ${format(item.parsed[spec.horizontal ? 'x' : 'y'] ?? 0)}`,
          },
        },
      },
    },
  } as ChartConfiguration<'bar' | 'line'>;
}
