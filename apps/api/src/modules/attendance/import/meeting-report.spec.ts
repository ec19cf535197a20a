import { headerColumns, parseMeetingReport, parseReportTime } from './meeting-report';

const lines = (rows: string[][]) => rows.map((cells, i) => ({ row: i + 1, cells }));

describe('parseReportTime', () => {
  const bkk = 'Asia/Bangkok';
  it('reads Zoom’s US layout in the program’s zone', () => {
    expect(parseReportTime('03/10/2025 09:31:12 AM', bkk)?.toISOString()).toBe('2025-03-10T02:31:12.000Z');
    expect(parseReportTime('03/10/2025 12:05:00 PM', bkk)?.toISOString()).toBe('2025-03-10T05:05:00.000Z');
    expect(parseReportTime('03/10/2025 12:05:00 AM', bkk)?.toISOString()).toBe('2025-03-09T17:05:00.000Z');
  });
  it('reads Teams’ short layout and a day-first date', () => {
    expect(parseReportTime('3/10/25, 9:31:12 AM', bkk)?.toISOString()).toBe('2025-03-10T02:31:12.000Z');
    expect(parseReportTime('13/03/2025 14:00', bkk)?.toISOString()).toBe('2025-03-13T07:00:00.000Z');
  });
  it('reads Tencent’s year-first layouts', () => {
    expect(parseReportTime('2025-03-10 09:31:12', 'Asia/Shanghai')?.toISOString()).toBe('2025-03-10T01:31:12.000Z');
    expect(parseReportTime('2025/3/10 下午 2:00:00', 'Asia/Shanghai')?.toISOString()).toBe('2025-03-10T06:00:00.000Z');
  });
  it('follows an offset the file states', () => {
    expect(parseReportTime('2025-03-10T09:31:12+08:00', bkk)?.toISOString()).toBe('2025-03-10T01:31:12.000Z');
    expect(parseReportTime('2025-03-10 09:31:12Z', bkk)?.toISOString()).toBe('2025-03-10T09:31:12.000Z');
    expect(parseReportTime('3/10/25, 9:31:12 AM (UTC+08:00)', bkk)?.toISOString()).toBe('2025-03-10T01:31:12.000Z');
    expect(parseReportTime('03/10/2025 09:31:12 AM GMT', bkk)?.toISOString()).toBe('2025-03-10T09:31:12.000Z');
    expect(parseReportTime('2025-03-10 09:31:12 Asia/Tokyo', bkk)?.toISOString()).toBe('2025-03-10T00:31:12.000Z');
  });
  it('reads a workbook date cell’s text as wall-clock time', () => {
    expect(parseReportTime('Mon Mar 10 2025 09:31:12 GMT+0000 (Coordinated Universal Time)', bkk)?.toISOString()).toBe(
      '2025-03-10T02:31:12.000Z',
    );
  });
  it('is null when empty and undefined when no time', () => {
    expect(parseReportTime('  ', bkk)).toBeNull();
    expect(parseReportTime('yesterday', bkk)).toBeUndefined();
    expect(parseReportTime('02/30/2025 09:00 AM', bkk)).toBeUndefined();
  });
});

describe('headerColumns', () => {
  it('tells the platforms apart by their headers', () => {
    expect(
      headerColumns(['Name (Original Name)', 'User Email', 'Join Time', 'Leave Time', 'Duration (Minutes)', 'Guest'])
        ?.format,
    ).toBe('zoom');
    expect(
      headerColumns([
        'Name',
        'First Join',
        'Last Leave',
        'In-Meeting Duration',
        'Email',
        'Participant ID (UPN)',
        'Role',
      ]),
    ).toMatchObject({ format: 'teams', summaryOnly: true });
    expect(headerColumns(['Name', 'Join Time', 'Leave Time', 'Duration', 'Email', 'Role'])?.format).toBe('teams');
    expect(headerColumns(['用户昵称（入会昵称）', '入会时间', '离会时间', '参会时长', '邮箱'])?.format).toBe('tencent');
    expect(
      headerColumns(['Meeting ID', 'Topic', 'Start Time', 'End Time', 'User Email', 'Duration (Minutes)']),
    ).toBeNull();
  });
});

describe('parseMeetingReport', () => {
  it('finds Zoom’s participants below the meeting summary', () => {
    const report = parseMeetingReport(
      lines([
        ['Meeting ID', 'Topic', 'Start Time', 'End Time', 'User Email', 'Duration (Minutes)', 'Participants'],
        ['812 3456 7890', 'Class', '03/10/2025 08:55:01 AM', '03/10/2025 10:01:00 AM', 'host@example.com', '66', '3'],
        [''],
        ['Name (Original Name)', 'User Email', 'Join Time', 'Leave Time', 'Duration (Minutes)', 'Guest'],
        ['An Nguyen', 'an@example.com', '03/10/2025 09:01:00 AM', '03/10/2025 09:59:00 AM', '58', 'No'],
        ['Somchai', '', '03/10/2025 09:05:00 AM', '', '', 'Yes'],
      ]),
      'Asia/Bangkok',
    );
    expect(report.format).toBe('zoom');
    expect(report.rows).toEqual([
      expect.objectContaining({ row: 5, name: 'An Nguyen', email: 'an@example.com', leave: expect.any(Date) }),
      expect.objectContaining({ row: 6, name: 'Somchai', leave: null }),
    ]);
    expect(report.rows[1].email).toBeUndefined();
  });
  it('takes Teams’ in-meeting activities over its participants section', () => {
    const report = parseMeetingReport(
      lines([
        ['1. Summary'],
        ['Meeting title', 'Class'],
        [''],
        ['2. Participants'],
        ['Name', 'First Join', 'Last Leave', 'In-Meeting Duration', 'Email', 'Participant ID (UPN)', 'Role'],
        [
          'An Nguyen',
          '3/10/25, 9:00:00 AM',
          '3/10/25, 10:00:00 AM',
          '1h',
          'an@example.com',
          'an@example.com',
          'Attendee',
        ],
        [''],
        ['3. In-Meeting Activities'],
        ['Name', 'Join Time', 'Leave Time', 'Duration', 'Email', 'Role'],
        ['An Nguyen', '3/10/25, 9:00:00 AM', '3/10/25, 9:20:00 AM', '20m', 'an@example.com', 'Attendee'],
        ['An Nguyen', '3/10/25, 9:40:00 AM', '3/10/25, 10:00:00 AM', '20m', 'an@example.com', 'Attendee'],
      ]),
      'UTC',
    );
    expect(report.format).toBe('teams');
    expect(report.rows.map((r) => r.row)).toEqual([10, 11]);
  });
  it('refuses a file with no report header, and a row whose time is not one', () => {
    expect(() =>
      parseMeetingReport(
        lines([
          ['Name', 'Score'],
          ['An', '3'],
        ]),
        'UTC',
      ),
    ).toThrow('UNKNOWN_REPORT');
    expect(() =>
      parseMeetingReport(
        lines([
          ['用户昵称', '入会时间', '离会时间'],
          ['张伟', '昨天', ''],
        ]),
        'Asia/Shanghai',
      ),
    ).toThrow('BAD_TIME');
  });
});
