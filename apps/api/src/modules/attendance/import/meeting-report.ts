import { isTimeZone, wallTimeToInstant, type MeetingReportFormat } from '@skillbridge/contracts';
import type { TranslationParams } from '../../../common/i18n/translator';
import type { SheetLine } from '../../../common/spreadsheet/sheet-table';

/**
 * Meeting platforms' participant reports, read by their header row — which need not be row 1:
 *
 * - Zoom, "Usage reports → Meeting → Participants" export (Zoom Support, "Viewing meeting and webinar usage
 *   reports"; the columns mirror the Reports API's participant fields name / user_email / join_time / leave_time /
 *   duration): with "Export with meeting data" a summary block comes first (`Meeting ID, Topic, Start Time, End
 *   Time, User Email, Duration (Minutes), Participants`), a blank line, then the participants:
 *   `Name (Original Name), User Email, Join Time, Leave Time, Duration (Minutes), Guest` — one row per join, times
 *   in the account's zone as `03/10/2025 09:31:12 AM`.
 * - Microsoft Teams attendance report (Microsoft Learn, "Manage the attendance report for meetings and events in
 *   Microsoft Teams"; Graph's attendanceRecord/attendanceInterval): a UTF-16LE, tab-separated download in sections
 *   `1. Summary` (Meeting title, Start time, …), `2. Participants` (`Name, First Join, Last Leave, In-Meeting
 *   Duration, Email, Participant ID (UPN), Role`) and `3. In-Meeting Activities` (`Name, Join Time, Leave Time,
 *   Duration, Email, Role`: one row per join); times as `3/10/25, 9:31:12 AM`, durations as `1h 2m 3s`. We read the
 *   activities when the file has them (each join), else the participants (first join to last leave).
 * - Tencent Meeting (腾讯会议), "会议详情 → 参会成员 → 导出" XLSX: a title/summary block (会议主题, 会议号, 开始时间 …)
 *   above a header row such as `用户昵称（入会昵称）, 入会时间, 离会时间, 参会时长, 身份, 邮箱, 手机号`, one row per join,
 *   times as `2025-03-10 09:31:12`.
 *
 * Header names compare case- and space-insensitively, as exports differ in letter case between versions.
 */

/** One join of one person as the report gives it. */
export interface ReportRow {
  /** The row as a spreadsheet numbers it (the first line is 1). */
  row: number;
  name: string;
  email?: string;
  join: Date;
  /** `null`: still in the meeting when the report was exported. */
  leave: Date | null;
}

export interface MeetingReport {
  format: MeetingReportFormat;
  rows: ReportRow[];
}

/** A report that cannot be read; the caller makes it a 400 naming `file`. */
export class MeetingReportError extends Error {
  constructor(
    readonly code: string,
    readonly messageKey: string,
    readonly params?: TranslationParams,
  ) {
    super(code);
    this.name = 'MeetingReportError';
  }
}

const norm = (cell: string) =>
  cell
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

interface Columns {
  format: MeetingReportFormat;
  name: number;
  email: number;
  join: number;
  leave: number;
  /** Teams' participants section (first join / last leave) rather than its per-join activities. */
  summaryOnly?: boolean;
}

const first = (cells: string[], names: string[]) => cells.findIndex((c) => names.includes(c));

/** The columns of a header row, or null when it is no report's header. */
export function headerColumns(raw: string[]): Columns | null {
  const cells = raw.map(norm);
  // Tencent Meeting: Chinese headers.
  const tJoin = first(cells, ['入会时间', '加入时间']);
  const tLeave = first(cells, ['离会时间', '退出时间', '离开时间']);
  if (tJoin >= 0 && tLeave >= 0) {
    const name = cells.findIndex(
      (c) => c.includes('昵称') || ['姓名', '用户名', '参会者', '成员', '成员名称'].includes(c),
    );
    if (name < 0) return null;
    return {
      format: 'tencent',
      name,
      email: first(cells, ['邮箱', '电子邮箱', '邮箱地址']),
      join: tJoin,
      leave: tLeave,
    };
  }
  const name = first(cells, ['name (original name)', 'user name (original name)', 'name', 'full name', 'participant']);
  if (name < 0) return null;
  const email = first(cells, ['user email', 'email', 'e-mail', 'email address']);
  const join = first(cells, ['join time', 'joined']);
  const leave = first(cells, ['leave time', 'left']);
  if (join >= 0 && leave >= 0) {
    const zoom =
      cells.includes('duration (minutes)') ||
      cells.includes('user email') ||
      cells.includes('guest') ||
      cells[name].includes('original name');
    if (zoom) return { format: 'zoom', name, email, join, leave };
    const teams = cells.some((c) => ['role', 'participant id (upn)', 'duration', 'in-meeting duration'].includes(c));
    if (teams) return { format: 'teams', name, email, join, leave };
    return null;
  }
  const firstJoin = first(cells, ['first join', 'first join time']);
  const lastLeave = first(cells, ['last leave', 'last leave time']);
  if (firstJoin >= 0 && lastLeave >= 0) {
    return { format: 'teams', name, email, join: firstJoin, leave: lastLeave, summaryOnly: true };
  }
  return null;
}

const isBlank = (line: SheetLine) => line.cells.every((c) => c.trim() === '');
/** A Teams section title such as `3. In-Meeting Activities`. */
const isSectionTitle = (line: SheetLine) =>
  /^\s*\d+\.\s+\S/.test(line.cells[0] ?? '') && line.cells.slice(1).every((c) => c.trim() === '');

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An instant from a report's time text: wall-clock time in `timeZone` unless the text carries its own offset
 * (`+08:00`, `Z`, `GMT+7`, `(UTC+08:00)`) or IANA zone name. Dates year first (`2025-03-10`, `2025/3/10`,
 * `2025年3月10日`) or month first as US exports write them (`03/10/2025`, `3/10/25`) — day first when the first
 * number cannot be a month; times with seconds or not, 12-hour (`AM`/`PM`, `上午`/`下午`) or 24-hour. A
 * workbook's date cell arrives as JavaScript's date text (`Mon Mar 10 2025 09:31:12 GMT+0000 (…)`), whose UTC
 * fields are the wall clock. `null` when empty; `undefined` when it is no time at all.
 */
export function parseReportTime(text: string, timeZone: string): Date | null | undefined {
  let t = text.trim();
  if (!t) return null;
  const jsDate = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT[+-]\d{4}/.exec(t);
  if (jsDate) {
    const utc = new Date(t);
    if (Number.isNaN(utc.getTime())) return undefined;
    t = `${utc.getUTCFullYear()}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())} ${pad(utc.getUTCHours())}:${pad(
      utc.getUTCMinutes(),
    )}:${pad(utc.getUTCSeconds())}`;
  }
  let zone = timeZone;
  let offset: number | undefined;
  const named = /\s\(?([A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)\)?$/.exec(t);
  if (named && isTimeZone(named[1])) {
    zone = named[1];
    t = t.slice(0, named.index).trim();
  }
  const gmt = /\(?\s*(?:UTC|GMT)\s*(?:([+-])\s*(\d{1,2})(?::?(\d{2}))?)?\s*\)?$/i.exec(t);
  const iso = /(?<=\d)(?:([+-])(\d{2}):?(\d{2})|Z)$/.exec(t);
  const explicit = gmt ?? iso;
  if (explicit) {
    offset = explicit[1] ? (explicit[1] === '-' ? -1 : 1) * (Number(explicit[2]) * 60 + Number(explicit[3] ?? 0)) : 0;
    t = t.slice(0, explicit.index).trim();
  }
  let year: number, month: number, day: number;
  let rest: string;
  const ymd = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/.exec(t);
  const mdy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b,?/.exec(t);
  const named3 = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4}),?/.exec(t);
  if (ymd) {
    [year, month, day] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    rest = t.slice(ymd[0].length);
  } else if (mdy) {
    let [a, b] = [Number(mdy[1]), Number(mdy[2])];
    if (a > 12 && b <= 12) [a, b] = [b, a];
    year = mdy[3].length === 2 ? 2000 + Number(mdy[3]) : Number(mdy[3]);
    [month, day] = [a, b];
    rest = t.slice(mdy[0].length);
  } else if (named3 && MONTHS.includes(named3[2].toLowerCase())) {
    [year, month, day] = [Number(named3[3]), MONTHS.indexOf(named3[2].toLowerCase()) + 1, Number(named3[1])];
    rest = t.slice(named3[0].length);
  } else return undefined;
  const time = /^\s*[T ]?\s*(上午|下午)?\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(AM|PM|上午|下午)?\s*$/i.exec(
    rest,
  );
  if (!time) return undefined;
  let hour = Number(time[2]);
  const minute = Number(time[3]);
  const second = Number(time[4] ?? 0);
  const meridiem = (time[1] ?? time[5] ?? '').toUpperCase();
  if (meridiem === 'PM' || meridiem === '下午') {
    if (hour > 12) return undefined;
    if (hour < 12) hour += 12;
  } else if ((meridiem === 'AM' || meridiem === '上午') && hour === 12) hour = 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return undefined;
  if (offset !== undefined) return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000);
  const instant = wallTimeToInstant(`${year}-${pad(month)}-${pad(day)}`, `${pad(hour)}:${pad(minute)}`, zone);
  return new Date(instant.getTime() + second * 1000);
}

/** The headers each platform's report has, for the message of a file that is none of them. */
export const EXPECTED_HEADERS =
  'Zoom: Name (Original Name), User Email, Join Time, Leave Time, Duration (Minutes); Teams: Name, First Join / Join Time, Last Leave / Leave Time, Email; 腾讯会议: 用户昵称, 入会时间, 离会时间';

/** Reads a meeting report's table: finds its header row, then one row per join until the section ends. */
export function parseMeetingReport(lines: readonly SheetLine[], timeZone: string): MeetingReport {
  const headers = lines
    .map((line, index) => ({ index, columns: headerColumns(line.cells) }))
    .filter((h): h is { index: number; columns: Columns } => h.columns !== null);
  if (!headers.length) {
    throw new MeetingReportError('UNKNOWN_REPORT', 'import.meetingReportUnknown', { expected: EXPECTED_HEADERS });
  }
  // Teams: the in-meeting activities (each join) rather than the participants' first join and last leave.
  const header = headers.find((h) => !h.columns.summaryOnly) ?? headers[0];
  const { columns } = header;
  const rows: ReportRow[] = [];
  let previousRow = lines[header.index].row;
  for (const line of lines.slice(header.index + 1)) {
    // A blank line (which a workbook's reader skips: a gap in the numbers) or a new section ends the table.
    if (isBlank(line) || line.row > previousRow + 1 || isSectionTitle(line)) break;
    previousRow = line.row;
    const cell = (i: number) => (i >= 0 ? (line.cells[i] ?? '').trim() : '');
    const name = cell(columns.name);
    const joinText = cell(columns.join);
    if (!name && !joinText) continue;
    const join = parseReportTime(joinText, timeZone);
    if (!join) {
      throw new MeetingReportError('BAD_TIME', 'import.meetingReportTime', { row: line.row, value: joinText });
    }
    const leaveText = cell(columns.leave);
    const leave = parseReportTime(leaveText, timeZone);
    if (leave === undefined) {
      throw new MeetingReportError('BAD_TIME', 'import.meetingReportTime', { row: line.row, value: leaveText });
    }
    const email = cell(columns.email);
    rows.push({ row: line.row, name: name || email, ...(email.includes('@') ? { email } : {}), join, leave });
  }
  if (!rows.length) throw new MeetingReportError('NO_ROWS', 'import.meetingReportEmpty');
  return { format: columns.format, rows };
}
