import { resolveLocalizedText, type Locale, type ProgramReport, type ReportOverview } from '@skillbridge/contracts';
import { Workbook } from 'exceljs';
import { translate } from '../../common/i18n/translator';
import { neutralizeCell } from '../enrolments/roster-export';

type Cell = string | number | null | undefined;

function sheet(workbook: Workbook, locale: Locale, name: string, columns: string[], rows: Cell[][]): void {
  const ws = workbook.addWorksheet(translate(locale, `reports.sheets.${name}`).slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = columns.map((c) => ({ key: c, width: c === 'title' || c === 'institution' ? 40 : 16 }));
  const head = ws.addRow(columns.map((c) => translate(locale, `reports.columns.${c}`)));
  head.font = { bold: true };
  for (const row of rows) ws.addRow(row.map((v) => (typeof v === 'string' ? neutralizeCell(v) : (v ?? ''))));
}

const pct = (rate: number | undefined) => (rate === undefined ? null : Math.round(rate * 1000) / 10);
const country = (locale: Locale) => {
  const names = new Intl.DisplayNames([locale === 'zh' ? 'zh-CN' : locale], { type: 'region' });
  return (code: string) => `${names.of(code) ?? code} (${code})`;
};

/** The overview as a workbook: a sheet per table, headers in the caller's language. */
export async function overviewWorkbook(report: ReportOverview, locale: Locale): Promise<Buffer> {
  const workbook = new Workbook();
  const name = country(locale);
  const status = (s: string) => translate(locale, `enrolmentStatus.${s}`);
  sheet(
    workbook,
    locale,
    'summary',
    ['measure', 'value'],
    [
      [translate(locale, 'reports.columns.from'), report.from ?? '—'],
      [translate(locale, 'reports.columns.to'), report.to ?? '—'],
      [translate(locale, 'reports.columns.programs'), report.totals.programs],
      [translate(locale, 'reports.columns.trainees'), report.totals.trainees],
      [translate(locale, 'reports.columns.enrolments'), report.totals.enrolments],
      [translate(locale, 'reports.columns.certificates'), report.totals.certificates],
      [translate(locale, 'reports.columns.completionRate'), pct(report.totals.completionRate)],
    ],
  );
  sheet(
    workbook,
    locale,
    'programs',
    [
      'code',
      'title',
      'startDate',
      'endDate',
      'capacity',
      'confirmed',
      'completed',
      'notCompleted',
      'completionRate',
      'certificates',
    ],
    report.programs.map((p) => [
      p.code,
      resolveLocalizedText(p.title, locale),
      p.startDate,
      p.endDate,
      p.capacity,
      p.confirmed,
      p.completed,
      p.notCompleted,
      pct(p.completionRate),
      p.certificates,
    ]),
  );
  sheet(
    workbook,
    locale,
    'nationalities',
    ['nationality', 'trainees'],
    report.traineesByNationality.map((n) => [name(n.key), n.count]),
  );
  sheet(
    workbook,
    locale,
    'institutions',
    ['institution', 'trainees'],
    report.traineesByInstitution.map((i) => [
      i.institutionName
        ? `${resolveLocalizedText(i.institutionName, locale)} (${i.institutionCode})`
        : translate(locale, 'reports.noInstitution'),
      i.count,
    ]),
  );
  sheet(
    workbook,
    locale,
    'enrolments',
    ['status', 'enrolments'],
    report.enrolmentsByStatus.map((s) => [status(s.key), s.count]),
  );
  sheet(
    workbook,
    locale,
    'certificates',
    ['month', 'issued', 'revoked'],
    report.certificatesByMonth.map((m) => [m.month, m.issued, m.revoked]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One program's report as a workbook. */
export async function programWorkbook(report: ProgramReport, locale: Locale): Promise<Buffer> {
  const workbook = new Workbook();
  const name = country(locale);
  const funnel = ['applied', 'confirmed', 'completed', 'certified'];
  sheet(
    workbook,
    locale,
    'funnel',
    ['measure', 'value'],
    funnel.map((f) => [translate(locale, `reports.columns.${f}`), report.funnel[f as keyof typeof report.funnel]]),
  );
  sheet(
    workbook,
    locale,
    'sessions',
    ['title', 'startsAt', 'present', 'late', 'absent', 'excused', 'unmarked', 'attendanceRate'],
    report.attendanceBySession.map((s) => [
      resolveLocalizedText(s.title, locale),
      s.startsAt,
      s.present,
      s.late,
      s.absent,
      s.excused,
      s.unmarked,
      pct(s.rate),
    ]),
  );
  sheet(
    workbook,
    locale,
    'institutions',
    ['institution', ...funnel],
    report.byInstitution.map((i) => [
      i.institutionName
        ? `${resolveLocalizedText(i.institutionName, locale)} (${i.institutionCode})`
        : translate(locale, 'reports.noInstitution'),
      i.applied,
      i.confirmed,
      i.completed,
      i.certified,
    ]),
  );
  sheet(
    workbook,
    locale,
    'nationalities',
    ['nationality', ...funnel],
    report.byNationality.map((n) => [name(n.nationality), n.applied, n.confirmed, n.completed, n.certified]),
  );
  sheet(
    workbook,
    locale,
    'seats',
    ['date', 'applied', 'confirmed'],
    report.seatsOverTime.map((d) => [d.date, d.applied, d.confirmed]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
