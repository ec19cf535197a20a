import { TRAINEE_IMPORT_MAX_ROWS, type ProblemDocument } from '@skillbridge/contracts';
import { SheetReadPool } from '@skillbridge/api/common/spreadsheet/sheet-read.pool';
import { WorkbookPool } from '@skillbridge/api/common/spreadsheet/workbook.pool';
import { readTable } from '@skillbridge/api/common/spreadsheet/sheet-table';
import { CSV_MAX_RECORD_CHARS } from '@skillbridge/api/common/spreadsheet/sheet-table';

import {
  lyingSizes,
  manySharedStringsWorkbook,
  SHEET_HEAD,
  sheetRow,
  workbookOf,
  zipBombWorkbook,
} from '@skillbridge/api/common/spreadsheet/testing/hostile-files';
import { XLSX_BOUNDS } from '@skillbridge/api/common/spreadsheet/xlsx-zip';
import { WORKER_THREAD_NICENESS } from '@skillbridge/api/common/threads/thread-priority';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Cast, createCast } from './factories/accounts';
import { HEADER } from './factories/trainees';
import { newApplication } from './factories/enrolments';
import { ApiProcess } from './support/api-process';
import { createTestDatabase, type TestDatabase } from './support/database';
import { type Reply } from './support/http-call';
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
    expect(growth).toBeLessThan(384 * MiB);
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

  it('runs the threads of the pools at a lower CPU priority than the event loop, which keeps its own', async () => {
    // Work for both pools now, so that their threads are alive (they stop after a minute idle).
    const reading = upload(Buffer.from(`${HEADER.join(',')}\r\nAn,An,an@e2e.test,TH,,th\r\n`), 'priority.csv');
    const building = t.http.get(api('/reports/overview.xlsx')).set(cast.admin.auth).buffer(true).parse(binary);
    expect([(await reading).status, (await building).status]).toEqual([200, 200]);
    // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value (after the command name in parentheses).
    const niceOf = (tid: string) =>
      Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
    const threads = readdirSync('/proc/self/task');
    expect(niceOf(String(process.pid))).toBe(0);
    const lowered = threads.filter((tid) => niceOf(tid) === WORKER_THREAD_NICENESS);
    // At least the reading thread and the workbook thread; nothing else in this process lowers its priority.
    expect(lowered.length).toBeGreaterThanOrEqual(2);
    expect(lowered).not.toContain(String(process.pid));
  });
});

const ADMIN = { email: 'admin@hostile.e2e.test', password: 'Irrawaddy-hostile-uploads-2026!' };

/** A roster import (dry run) of this file, as the web app sends it, by the first admin. */
const upload = (built: ApiProcess, file: Buffer, name: string) => built.importRoster(file, { name, dryRun: true });

const fieldCodes = (reply: Reply) =>
  ((reply.body?.errors ?? []) as { field: string; code: string }[]).map((e) => `${e.field}:${e.code}`);

/**
 * The process as production runs it, measured from outside: its resident memory (the event loop's heap and the
 * reading threads together) while hostile files keep arriving, a thread that runs out of heap, a full queue.
 */
describe('hostile uploads against the built API', () => {
  let database: TestDatabase;
  const running: ApiProcess[] = [];
  /** The built API (dist/apps/api/main.js, as production runs it) as a child process: its memory is its own. */
  const start = async (env: Record<string, string> = {}) => {
    const built = await ApiProcess.start({
      databaseUrl: database.url,
      suite: 'hostile',
      jwtSecret: 'Qm7vR2kLp9XwT4zN8cJ3hF6sD1gB5yUaE0iO',
      admin: ADMIN,
      env,
      startWithinMs: 60_000,
      callTimeoutMs: 120_000,
    });
    running.push(built);
    await built.login();
    return built;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const built of running) await built.kill('SIGTERM');
    await database?.drop();
  });

  /** The process's memory bound under hostile uploads: it went to 2–3 GB when one workbook was read whole. */
  const RSS_BOUND = 1024 * MiB;

  it('stays under the memory bound while hostile uploads arrive three at a time, and keeps answering', async () => {
    const built = await start();
    const files: [Buffer, string, string][] = [
      [await zipBombWorkbook(300), 'bomb.xlsx', 'file:XLSX_TOO_LARGE_UNPACKED'],
      [lyingSizes(await zipBombWorkbook(300)), 'liar.xlsx', 'file:XLSX_TOO_LARGE_UNPACKED'],
      [
        await workbookOf(
          SHEET_HEAD +
            sheetRow(1, HEADER) +
            Array.from({ length: TRAINEE_IMPORT_MAX_ROWS + 2_000 }, (_, i) =>
              sheetRow(i + 2, [`T ${i}`, `T ${i}`, `t${i}@e2e.test`, 'TH', '', 'th']),
            ).join(''),
        ),
        'long.xlsx',
        'file:TOO_MANY_ROWS',
      ],
      [Buffer.from(`${HEADER.join(',')}\r\nAn,"${'x'.repeat(8 * MiB)}"\r\n`), 'huge.csv', 'file:CSV_RECORD_TOO_LARGE'],
      // Heavy but within the thread's heap: read, then refused for lacking the roster's columns.
      [await manySharedStringsWorkbook(2_000_000), 'strings.xlsx', 'file:MISSING_COLUMNS'],
    ];
    const baseline = built.rss();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, built.rss())), 25);
    const answers: string[] = [];
    const probes: number[] = [];
    try {
      // Two rounds, three uploads in flight at a time, /health asked all along.
      const queue = [...files, ...files];
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const [file, name, expected] = next;
          const reply = await upload(built, file, name);
          answers.push(`${name} ${reply.status} ${fieldCodes(reply).join(',')} ${expected}`);
        }
      };
      let uploading = true;
      const prober = (async () => {
        while (uploading) {
          probes.push((await built.call('GET', '/health')).status);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      await Promise.all([worker(), worker(), worker()]);
      uploading = false;
      await prober;
    } finally {
      clearInterval(sampler);
    }
    expect(answers.filter((answer) => !/ 400 (\S+) \1$/.test(answer))).toEqual([]);
    expect(answers).toHaveLength(files.length * 2);
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.filter((status) => status !== 200)).toEqual([]);
    expect(built.alive).toBe(true);
    expect({ baseline, peak, bound: RSS_BOUND, under: peak < RSS_BOUND }).toMatchObject({ under: true });
  });

  it('ends only the reading thread of a file that needs more heap than it has: 400 naming file, the process goes on', async () => {
    const built = await start({ IMPORT_THREAD_HEAP_MB: '32' });
    const heavy = await upload(built, await manySharedStringsWorkbook(2_000_000), 'strings.xlsx');
    expect({ status: heavy.status, code: heavy.body.code, fields: fieldCodes(heavy) }).toEqual({
      status: 400,
      code: 'IMPORT_FILE_INVALID',
      fields: ['file:FILE_TOO_COMPLEX'],
    });
    const ordinary = await upload(
      built,
      Buffer.from(`${HEADER.join(',')}\r\nSiti,Siti,siti-${Date.now()}@e2e.test,MY,,ms\r\n`),
      'roster.csv',
    );
    expect(ordinary.status).toBe(200);
    expect((await built.call('GET', '/health')).status).toBe(200);
    expect(built.alive).toBe(true);
  });

  it('answers 503 with Retry-After when every reading thread is busy and the queue is full', async () => {
    // No queue at all; two slow files take both threads there may be (at most two).
    const built = await start({ IMPORT_THREAD_HEAP_MB: '32', IMPORT_QUEUE_MAX: '0' });
    const heavy = await manySharedStringsWorkbook(2_000_000);
    const small = Buffer.from(`${HEADER.join(',')}\r\n`);
    let busy = true;
    const slow = Promise.all([upload(built, heavy, 'a.xlsx'), upload(built, heavy, 'b.xlsx')]).finally(
      () => (busy = false),
    );
    const refused: Reply[] = [];
    while (busy && refused.length === 0) {
      const reply = await upload(built, small, 'small.csv');
      if (reply.status === 503) refused.push(reply);
    }
    const slowReplies = await slow;
    refused.push(...slowReplies.filter((reply) => reply.status === 503));
    expect(refused.length).toBeGreaterThan(0);
    expect({
      status: refused[0].status,
      type: refused[0].headers['content-type'],
      retryAfter: refused[0].headers['retry-after'],
      code: refused[0].body.code,
    }).toEqual({
      status: 503,
      type: expect.stringContaining('problem+json'),
      retryAfter: '5',
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(slowReplies.map((reply) => reply.status).every((status) => status === 400 || status === 503)).toBe(true);
    expect((await upload(built, small, 'small.csv')).status).not.toBe(503);
  });
});
