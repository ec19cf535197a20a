import { ENROLMENT_STATUSES, type ReportOverview } from '@skillbridge/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificatesByMonthChart, enrolmentsByStatusChart, type ChartContext } from './report-charts';
import { ENROLMENT_STATUS_TONES, resolveColor, toneColor, TONES, type Tone } from './status-colors';

const CTX: ChartContext = { locale: 'en', t: (key) => key };

/** The tokens as the stylesheet defines them: `--sb-status-success: #05603a;`. */
function tokens(): Map<string, string> {
  const css = readFileSync(join(__dirname, '../../../status-colors.css'), 'utf8');
  return new Map([...css.matchAll(/(--sb-status-[\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1], m[2]]));
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const overview = (statuses: ReportOverview['enrolmentsByStatus']): ReportOverview => ({
  totals: { programs: 1, trainees: 1, enrolments: 1, certificates: 0 },
  programsByKindAndStatus: [],
  traineesByNationality: [],
  traineesByInstitution: [],
  enrolmentsByStatus: statuses,
  programs: [],
  certificatesByMonth: [{ month: '2024-09', issued: 290, revoked: 2 }],
});

describe('semantic chart colours', () => {
  it('give each status the colour of its meaning', () => {
    const tone = (status: keyof typeof ENROLMENT_STATUS_TONES): Tone => ENROLMENT_STATUS_TONES[status];
    expect(tone('completed')).toBe('success');
    expect(tone('confirmed')).toMatch(/^success/);
    expect(tone('not-completed')).toBe('danger');
    expect(tone('rejected')).toBe('danger');
    expect(tone('pending')).toBe('warning');
    expect(tone('waitlisted')).toBe('neutral');
    for (const status of ENROLMENT_STATUSES) expect(TONES).toContain(ENROLMENT_STATUS_TONES[status]);
  });

  it('colour the enrolments chart by status, whichever statuses the period has (completed is never red)', () => {
    // "All time" of the demo: completed and not-completed with nothing before them in the workflow's order.
    const allTime = enrolmentsByStatusChart(
      overview([
        { key: 'not-completed', count: 40 },
        { key: 'completed', count: 250 },
      ]),
      CTX,
    );
    const colourOf = (spec: typeof allTime, label: string) => spec.series.find((s) => s.label === label)?.color;
    expect(colourOf(allTime, 'enrolmentStatuses.completed')).toBe('var(--sb-status-success)');
    expect(colourOf(allTime, 'enrolmentStatuses.not-completed')).toBe('var(--sb-status-danger)');
    const upcoming = enrolmentsByStatusChart(
      overview([
        { key: 'pending', count: 20 },
        { key: 'rejected', count: 1 },
        { key: 'waitlisted', count: 3 },
        { key: 'confirmed', count: 8 },
      ]),
      CTX,
    );
    expect(colourOf(upcoming, 'enrolmentStatuses.pending')).toBe('var(--sb-status-warning)');
    expect(colourOf(upcoming, 'enrolmentStatuses.rejected')).toBe('var(--sb-status-danger)');
    expect(colourOf(upcoming, 'enrolmentStatuses.waitlisted')).toBe('var(--sb-status-neutral)');
    expect(colourOf(upcoming, 'enrolmentStatuses.confirmed')).toBe('var(--sb-status-success-alt)');

    const certificates = certificatesByMonthChart(overview([]), CTX);
    expect(certificates.series.map((s) => s.color)).toEqual(['var(--sb-status-success)', 'var(--sb-status-danger)']);
  });

  it('are defined once in the stylesheet, each readable (WCAG AA, 4.5:1) on white and on the page background', () => {
    const defined = tokens();
    for (const tone of TONES) {
      const value = defined.get(`--sb-status-${tone}`);
      expect({ tone, value }).toEqual({ tone, value: expect.stringMatching(/^#/) });
      expect({ tone, onWhite: contrast(value as string, '#ffffff') >= 4.5 }).toEqual({ tone, onWhite: true });
      expect({ tone, onPage: contrast(value as string, '#f6f8f9') >= 4.5 }).toEqual({ tone, onPage: true });
    }
  });

  it('resolve to the stylesheet’s values when drawn', () => {
    const style = { getPropertyValue: (name: string) => (name === '--sb-status-success' ? ' #05603a' : '') };
    expect(resolveColor(toneColor('success'), style)).toBe('#05603a');
    expect(resolveColor('#123456', style)).toBe('#123456');
    expect(resolveColor(toneColor('danger'), style)).toMatch(/^#/);
  });
});
