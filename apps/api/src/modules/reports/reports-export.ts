import { resolveLocalizedText, type Locale, type ProgramReport, type ReportOverview } from '@skillbridge/contracts';
import { Workbook } from 'exceljs';
import { countryName } from '../../common/i18n/country-names';
import { translate, type TranslationParams } from '../../common/i18n/translator';
import { addHeaderRow, addSheetRow, type SheetValue } from '../../common/spreadsheet/sheet-cells';

function sheet(
  workbook: Workbook,
  locale: Locale,
  name: string,
  columns: string[],
  rows: SheetValue[][],
  headerParams: TranslationParams = {},
): void {
  const ws = workbook.addWorksheet(translate(locale, `reports.sheets.${name}`).slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = columns.map((c) => ({ key: c, width: c === 'title' || c === 'institution' ? 40 : 18 }));
  addHeaderRow(
    ws,
    columns.map((c) => translate(locale, `reports.columns.${c}`, headerParams)),
  );
  for (const row of rows) addSheetRow(ws, row, locale);
}

const pct = (rate: number | undefined) => (rate === undefined ? null : Math.round(rate * 1000) / 10);
/** `YYYY-MM-DD` as a date cell; an open end of the period as a dash. */
const calendarDate = (value: string | undefined): SheetValue => (value ? { date: value } : '—');

/** The overview as a workbook: a sheet per table, headers in the caller's language. */
export async function overviewWorkbook(report: ReportOverview, locale: Locale): Promise<Buffer> {
  const workbook = new Workbook();
  const status = (s: string) => translate(locale, `enrolmentStatus.${s}`);
  sheet(
    workbook,
    locale,
    'summary',
    ['measure', 'value'],
    [
      [translate(locale, 'reports.columns.from'), calendarDate(report.from)],
      [translate(locale, 'reports.columns.to'), calendarDate(report.to)],
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
      { date: p.startDate },
      { date: p.endDate },
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
    ['nationality', 'nationalityCode', 'trainees'],
    report.traineesByNationality.map((n) => [countryName(locale, n.key), n.key, n.count]),
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
    // Months are counted in UTC (the overview is one set of figures for every reader); the header says so.
    report.certificatesByMonth.map((m) => [{ month: m.month }, m.issued, m.revoked]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One program's report as a workbook. */
export async function programWorkbook(report: ProgramReport, locale: Locale): Promise<Buffer> {
  const workbook = new Workbook();
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
      { instant: s.startsAt, timeZone: report.timezone },
      s.present,
      s.late,
      s.absent,
      s.excused,
      s.unmarked,
      pct(s.rate),
    ]),
    { zone: report.timezone },
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
    ['nationality', 'nationalityCode', ...funnel],
    report.byNationality.map((n) => [
      countryName(locale, n.nationality),
      n.nationality,
      n.applied,
      n.confirmed,
      n.completed,
      n.certified,
    ]),
  );
  sheet(
    workbook,
    locale,
    'seats',
    ['date', 'applied', 'confirmed'],
    // Days in the program's zone (reports.service counts them there); the header names it.
    report.seatsOverTime.map((d) => [{ date: d.date }, d.applied, d.confirmed]),
    { zone: report.timezone },
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
