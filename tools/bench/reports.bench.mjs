// Times the office overview and a program report at the benchmark scale —
// 100,000 trainees, 200,000 enrolments, 2,000 programs, 50,000 certificates —
// on a throw-away embedded PostgreSQL: `node tools/bench/reports.bench.mjs`.
// Runs the TypeScript sources directly (ts-node, transpile only).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
require('../register-ts.cjs');
require('reflect-metadata');
const { DataSource } = require('typeorm');
const { startEmbeddedPostgres } = require('../../apps/api/src/database/embedded.ts');
const { dataSourceOptions } = require('../../apps/api/src/database/data-source-options.ts');
const { runMigrations } = require('../../apps/api/src/database/migrate.ts');
const { ReportsService } = require('../../apps/api/src/modules/reports/reports.service.ts');

const dir = mkdtempSync(join(tmpdir(), 'sb-bench-reports-'));
const pg = await startEmbeddedPostgres({ dataDir: dir, ephemeral: true, log: () => {} });
const dataSource = new DataSource(dataSourceOptions({ url: pg.url }));
try {
  await dataSource.initialize();
  await runMigrations(dataSource);
  const started = performance.now();
  await dataSource.query(`
    INSERT INTO institutions (code, name, kind, country)
    SELECT 'INST-' || n, jsonb_build_object('en', 'Institution ' || n), CASE WHEN n = 1 THEN 'host' ELSE 'partner' END,
           (ARRAY['TH','VN','LA','KH','MM','MY','ID','PH','BN','SG'])[1 + n % 10]
      FROM generate_series(1, 50) n`);
  await dataSource.query(`
    INSERT INTO trainees (full_name, email, nationality, institution_id, preferred_locale)
    SELECT 'Trainee ' || n, 'bench-' || n || '@bench.test', (ARRAY['TH','VN','LA','KH','MM','MY','ID','PH','BN','SG'])[1 + n % 10],
           (SELECT id FROM institutions WHERE code = 'INST-' || (2 + n % 49)), 'en'
      FROM generate_series(1, 100000) n`);
  await dataSource.query(`
    INSERT INTO programs (code, kind, title, delivery_mode, timezone, start_date, end_date, capacity, host_institution_id,
                          min_attendance_rate, status)
    SELECT 'BENCH-' || n, CASE WHEN n % 3 = 0 THEN 'camp' ELSE 'course' END, jsonb_build_object('en', 'Program ' || n),
           'online', 'Asia/Shanghai', date '2020-01-01' + n, date '2020-01-01' + n + 5, 1000,
           (SELECT id FROM institutions WHERE code = 'INST-1'), 0.75,
           (ARRAY['draft','published','completed','cancelled'])[1 + n % 4]
      FROM generate_series(1, 2000) n`);
  await dataSource.query(`
    WITH p AS (SELECT id, row_number() OVER (ORDER BY code) AS r FROM programs),
         t AS (SELECT id, row_number() OVER (ORDER BY email) AS r FROM trainees)
    INSERT INTO enrolments (program_id, trainee_id, status, decided_at)
    SELECT p.id, t.id, (ARRAY['confirmed','completed','not-completed','withdrawn','rejected'])[1 + (t.r + k) % 5], now()
      FROM generate_series(0, 1) k JOIN t ON true JOIN p ON p.r = 1 + (t.r * 7 + k * 1000) % 2000`);
  await dataSource.query(`
    INSERT INTO certificates (serial, verification_code, enrolment_id, trainee_id, program_id, issued_at)
    SELECT 'SB-B-' || row_number() OVER (), md5(e.id::text), e.id, e.trainee_id, e.program_id,
           now() - (random() * interval '700 days')
      FROM enrolments e WHERE e.status = 'completed' LIMIT 50000`);
  // Steady state, as autovacuum leaves a live database: statistics and the visibility map (index-only scans).
  await dataSource.query('VACUUM ANALYZE');
  const counts = (
    await dataSource.query(
      `SELECT (SELECT count(*) FROM trainees) AS trainees, (SELECT count(*) FROM enrolments) AS enrolments,
            (SELECT count(*) FROM programs) AS programs, (SELECT count(*) FROM certificates) AS certificates`,
    )
  )[0];
  console.log(`loaded ${JSON.stringify(counts)} in ${Math.round(performance.now() - started)} ms`);

  const reports = new ReportsService(dataSource, {
    findVisible: async (id) => (await dataSource.query('SELECT * FROM programs WHERE id = $1', [id]))[0],
  });
  const [{ id: programId }] = await dataSource.query(`SELECT id FROM programs WHERE code = 'BENCH-1000'`);
  const ctx = { viewer: { userId: '', role: 'admin', institutionId: null, traineeId: null, instructorId: null } };
  const time = async (label, run, times = 20) => {
    await run();
    const samples = [];
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      await run();
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    const p = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1);
    console.log(`${label}: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms`);
  };
  await time('GET /reports/overview (all time)', () => reports.overview({}));
  await time('GET /reports/overview (one year)', () => reports.overview({ from: '2021-01-01', to: '2021-12-31' }));
  await time('GET /reports/programs/:id', () => reports.program(programId, ctx));
} finally {
  await dataSource.destroy().catch(() => {});
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
