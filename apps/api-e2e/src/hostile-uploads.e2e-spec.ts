import { TRAINEE_IMPORT_MAX_ROWS, type ProblemDocument } from '@skillbridge/contracts';
import { SheetReadPool } from '@skillbridge/api/common/spreadsheet/sheet-read.pool';
import { WorkbookPool } from '@skillbridge/api/common/spreadsheet/workbook.pool';
import { readTable } from '@skillbridge/api/common/spreadsheet/sheet-table';
import { CSV_MAX_RECORD_CHARS } from '@skillbridge/api/common/spreadsheet/sheet-table';

import {
  lyingSizes,
  SHEET_HEAD,
  sheetRow,
  workbookOf,
  zipBombWorkbook,
} from '@skillbridge/api/common/spreadsheet/testing/hostile-files';
import { XLSX_BOUNDS } from '@skillbridge/api/common/spreadsheet/xlsx-zip';
import { performance } from 'node:perf_hooks';
import { Cast, createCast } from './factories/accounts';
import { HEADER } from './factories/trainees';
import { newApplication } from './factories/enrolments';
import { api, binary, startTestApp, TestApp } from './support/test-app';

const MiB = 1024 * 1024;

/**
 * Uploads made to hurt (issue 24): a workbook that unpacks to hundreds of megabytes, a ZIP whose directory lies,
 * more rows than an import takes, a CSV of one enormous line. Each is refused with a 400 naming `file`, read in a
 * worker thread, without the process's memory following the file's unpacked size, while other requests answer.
 * The files are made here, not kept as fixtures.
 */
describe('hostile uploads', () => {
  let t: TestApp;
  let cast: Cast;
  let pool: SheetReadPool;

  const fieldsOf = (body: ProblemDocument) => (body.errors ?? []).map((e) => `${e.field}:${e.code}`);
  const upload = (file: Buffer, name: string, language = 'en') =>
    t.http
      .post(api('/trainees/import?dryRun=true&noticeVersion=2026-12&informedAttested=true'))
      .set(cast.admin.auth)
      .set('Accept-Language', language)
      .attach('file', file, name);

  /** The process's resident memory, sampled while `work` runs: the most it grew past where it started. */
  async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
    global.gc?.();
    const start = process.memoryUsage().rss;
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const result = await work();
      peak = Math.max(peak, process.memoryUsage().rss);
      return { result, growth: peak - start };
    } finally {
      clearInterval(sampler);
    }
  }

  // A workbook whose end is not XML: read to it, the file would be refused as unreadable, not as too long. (The
  // sheet is parsed a chunk at a time, so the garbage starts some thousand rows past the cap.)
  const tooManyRowsWorkbook = () =>
    workbookOf(
      SHEET_HEAD +
        sheetRow(1, HEADER) +
        Array.from({ length: TRAINEE_IMPORT_MAX_ROWS + 2_000 }, (_, i) =>
          sheetRow(i + 2, [`T ${i}`, `T ${i}`, `t${i}@e2e.test`, 'TH', '', 'th']),
        ).join('') +
        '<row r="99999"><c r="A99999"><<<< not xml &&&&'.repeat(20_000),
    );
  const hugeLineCsv = () => Buffer.from(`${HEADER.join(',')}\r\nAn,"${'x'.repeat(8 * MiB)}"\r\n`);

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    pool = t.app.get(SheetReadPool);
    // Warm the reading thread (ts-node compiling the reader, here) so that what follows measures reading.
    await upload(Buffer.from(`${HEADER.join(',')}\r\n`), 'warm.csv');
  });
  afterAll(() => t.close());

  it('refuses a zip bomb from its ZIP directory — 400 naming file, in every language — and does not inflate it', async () => {
    const bomb = await zipBombWorkbook(300);
    const ratioBomb = await zipBombWorkbook(200);
    expect(bomb.length).toBeLessThan(MiB);
    const { result: answers, growth } = await rssGrowth(() =>
      Promise.all(['en', 'zh', 'th', 'ms'].map((language) => upload(bomb, 'bomb.xlsx', language))),
    );
    for (const res of answers) {
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('IMPORT_FILE_INVALID');
      expect(fieldsOf(res.body)).toEqual(['file:XLSX_TOO_LARGE_UNPACKED']);
    }
    expect(new Set(answers.map((res) => res.body.errors[0].message)).size).toBe(4);
    // 1.2 GB of sheet, had it been inflated.
    expect(growth).toBeLessThan(200 * MiB);
    const ratio = await upload(ratioBomb, 'bomb.xlsx');
    expect(fieldsOf(ratio.body)).toEqual(['file:XLSX_SUSPICIOUS_COMPRESSION']);
    expect(ratio.body.errors[0].message).toContain(String(XLSX_BOUNDS.maxRatio));
  });

  it('refuses a ZIP whose directory declares small parts that inflate huge, stopping the inflation', async () => {
    const liar = lyingSizes(await zipBombWorkbook(300));
    const { result: res, growth } = await rssGrowth(() => upload(liar, 'liar.xlsx'));
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['file:XLSX_TOO_LARGE_UNPACKED']);
    expect(growth).toBeLessThan(200 * MiB);
  });

  it(`refuses a workbook of more than ${TRAINEE_IMPORT_MAX_ROWS} rows as soon as the cap is passed, not reading on`, async () => {
    const res = await upload(await tooManyRowsWorkbook(), 'long.xlsx');
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['file:TOO_MANY_ROWS']);
  });

  it(`refuses a CSV with a line of more than ${CSV_MAX_RECORD_CHARS} characters, naming file`, async () => {
    const res = await upload(hugeLineCsv(), 'huge.csv');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('IMPORT_FILE_INVALID');
    expect(fieldsOf(res.body)).toEqual(['file:CSV_RECORD_TOO_LARGE']);
    expect(res.body.errors[0].message).toContain('2');
  });

  it('reads three hostile uploads at once in worker threads while health and a list keep answering', async () => {
    const files: [Buffer, string][] = [
      [lyingSizes(await zipBombWorkbook(300)), 'liar.xlsx'],
      [await tooManyRowsWorkbook(), 'long.xlsx'],
      [hugeLineCsv(), 'huge.csv'],
    ];
    const before = pool.completedInThreads;
    const { result, growth } = await rssGrowth(async () => {
      const uploads = Promise.all(files.map(([file, name]) => upload(file, name)));
      const probes: { what: string; status: number; ms: number }[] = [];
      let done = false;
      void uploads.finally(() => (done = true));
      // Probe until the uploads are answered (and at least three times).
      for (let i = 0; i < 3 || !done; i++) {
        for (const [what, path, auth] of [
          ['health', '/health', undefined],
          ['list', '/programs?limit=5', cast.admin.auth],
        ] as const) {
          const started = performance.now();
          const request = t.http.get(api(path));
          const res = await (auth ? request.set(auth) : request);
          probes.push({ what, status: res.status, ms: performance.now() - started });
        }
      }
      return { answers: await uploads, probes };
    });
    expect(result.answers.map((res) => `${res.status} ${fieldsOf(res.body)}`)).toEqual([
      '400 file:XLSX_TOO_LARGE_UNPACKED',
      '400 file:TOO_MANY_ROWS',
      '400 file:CSV_RECORD_TOO_LARGE',
    ]);
    expect(result.probes.filter((probe) => probe.status !== 200)).toEqual([]);
    // Not a speed target: a bound that an event loop stalled by parsing (tens of seconds before) could not meet.
    expect(result.probes.filter((probe) => probe.ms > 2_000)).toEqual([]);
    expect(pool.completedInThreads).toBe(before + 3);
    expect(growth).toBeLessThan(768 * MiB);
  });

  it('builds XLSX exports in worker threads: the roster, the rooming list, the arrivals, both reports', async () => {
    const enrolmentId = await newApplication(t, cast);
    const [{ programId }] = await t.dataSource.query('SELECT program_id AS "programId" FROM enrolments WHERE id = $1', [
      enrolmentId,
    ]);
    const workbooks = t.app.get(WorkbookPool);
    const before = workbooks.completedInThreads;
    const paths = [
      `/programs/${programId}/roster.xlsx`,
      `/programs/${programId}/rooming-list.xlsx`,
      `/programs/${programId}/arrivals.xlsx`,
      '/reports/overview.xlsx',
      `/reports/programs/${programId}/report.xlsx`,
    ];
    const firstLines: string[] = [];
    for (const path of paths) {
      const res = await t.http.get(api(path)).set(cast.admin.auth).buffer(true).parse(binary);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      const table = await readTable(res.body as Buffer);
      firstLines.push(`${path} ${table.lines.length > 0}`);
    }
    expect(firstLines).toEqual(paths.map((path) => `${path} true`));
    expect(workbooks.completedInThreads).toBe(before + paths.length);
  });
});
