// The benchmark's data, generated with set-based SQL: institutions, trainees,
// programs, enrolments (one program with the big roster), sessions with
// attendance for the large programs, and certificates of closed programs.
// `scale` multiplies every count (1 = the issue's figures, 0.02 for the smoke; the
// bench's 5× phase: 1 M enrolments, 3 M attendance marks).
import { performance } from 'node:perf_hooks';

export const FULL_SCALE = {
  institutions: 40,
  nationalities: ['TH', 'VN', 'LA', 'KH', 'MM', 'MY', 'ID', 'PH', 'BN', 'SG', 'CN'],
  programs: 500,
  trainees: 100_000,
  enrolments: 200_000,
  bigRoster: 10_000,
  largePrograms: 10,
  largeRoster: 2_000,
  sessionsPerLarge: 20,
  certificates: 50_000,
};

export function scaled(scale) {
  const n = (value, min = 1) => Math.max(min, Math.round(value * scale));
  return {
    ...FULL_SCALE,
    programs: n(FULL_SCALE.programs, 20),
    enrolments: n(FULL_SCALE.enrolments, 1000),
    bigRoster: n(FULL_SCALE.bigRoster, 300),
    largeRoster: n(FULL_SCALE.largeRoster, 50),
    trainees: Math.max(n(FULL_SCALE.trainees), n(FULL_SCALE.bigRoster, 300) + 10 * n(FULL_SCALE.largeRoster, 50) + 200),
    certificates: n(FULL_SCALE.certificates, 100),
  };
}

/** Fills an empty, migrated database. Returns the ids the benchmark needs and how long it took. */
export async function generate(db, counts, { adminPasswordHash }) {
  const started = performance.now();
  const q = (sql, params) => db.query(sql, params);
  const nat = `(ARRAY[${counts.nationalities.map((c) => `'${c}'`).join(',')}])`;

  await q(
    `INSERT INTO institutions (code, name, kind, country)
     SELECT 'INST-' || n, jsonb_build_object('en', 'Institution ' || n, 'zh', '院校 ' || n),
            CASE WHEN n = 1 THEN 'host' ELSE 'partner' END,
            CASE WHEN n = 1 THEN 'CN' ELSE ${nat}[1 + n % 10] END
       FROM generate_series(1, $1::int) n`,
    [counts.institutions],
  );
  const [{ id: hostId }] = await q(`SELECT id FROM institutions WHERE code = 'INST-1'`);
  await q(
    `INSERT INTO users (email, password_hash, full_name, role, institution_id, preferred_locale, email_verified_at)
     VALUES ('bench-admin@bench.test', $1, 'Bench Admin', 'admin', $2, 'en', now())`,
    [adminPasswordHash, hostId],
  );
  // Trainees: the first `bigRoster` fill the big program; every one has two enrolments at most.
  await q(
    `INSERT INTO trainees (full_name, full_name_latin, email, nationality, institution_id, preferred_locale)
     SELECT 'ผู้เข้าอบรม ' || n, 'Trainee ' || n, 'trainee-' || n || '@bench.test', ${nat}[1 + n % 11],
            (SELECT id FROM institutions WHERE code = 'INST-' || (2 + n % ($2::int - 1))),
            (ARRAY['en','zh','th','ms'])[1 + n % 4]
       FROM generate_series(1, $1::int) n`,
    [counts.trainees, counts.institutions],
  );
  await q(
    `INSERT INTO users (email, password_hash, role, email_verified_at)
     VALUES ('bench-trainee@bench.test', $1, 'trainee', now())`,
    [adminPasswordHash],
  );
  await q(
    `UPDATE trainees SET user_id = (SELECT id FROM users WHERE email = 'bench-trainee@bench.test')
      WHERE email = 'trainee-1@bench.test'`,
  );
  // The trainee account's name, institution and language are those of its trainee row.
  // Programs: BENCH-1 is the big published one, BENCH-2..11 the large ones; a third of the rest are closed.
  await q(
    `INSERT INTO programs (code, kind, title, delivery_mode, timezone, start_date, end_date, capacity,
                           host_institution_id, min_attendance_rate, status, meeting_url)
     SELECT 'BENCH-' || n, CASE WHEN n % 3 = 0 THEN 'camp' ELSE 'course' END,
            jsonb_build_object('en', 'Program ' || n, 'zh', '项目 ' || n, 'th', 'โครงการ ' || n),
            'online', 'Asia/Shanghai', date '2025-01-01' + n % 600, date '2025-01-01' + n % 600 + 5,
            -- Room for the big roster at any scale (50,000 at 5×).
            greatest(20000, $3::int), $2, 0.75,
            CASE WHEN n <= 11 THEN 'published' ELSE (ARRAY['published','completed'])[1 + n % 2] END,
            -- Online programs have their link, which the list shows only to those who may join.
            'https://meeting.bench.test/BENCH-' || n
       FROM generate_series(1, $1::int) n`,
    [counts.programs, hostId, counts.bigRoster],
  );
  await q(
    `INSERT INTO program_partners (program_id, institution_id)
     SELECT p.id, i.id FROM programs p JOIN institutions i ON i.kind = 'partner'
      WHERE (hashtext(p.code || i.code) & 7) = 0`,
  );
  // Enrolments: the big roster, the large programs, then two each for the rest of the trainees.
  const others = counts.enrolments - counts.bigRoster - counts.largePrograms * counts.largeRoster;
  await q(
    `WITH p AS (SELECT id, status, row_number() OVER (ORDER BY (substring(code from 7))::int) AS r FROM programs),
          t AS (SELECT id, row_number() OVER (ORDER BY created_at, id) AS r FROM trainees),
          pairs AS (
            SELECT 1 AS program, t.r AS trainee FROM t WHERE t.r <= $1
            UNION ALL
            SELECT 2 + k, t.r FROM generate_series(0, $3::int - 1) k JOIN t ON t.r > $1 + k * $2 AND t.r <= $1 + (k + 1) * $2
            UNION ALL
            SELECT 12 + ((t.r * 7 + k * 97) % ($5::int - 11)), t.r
              FROM generate_series(0, 1) k JOIN t ON t.r <= ($4::int + 1) / 2
          )
     INSERT INTO enrolments (program_id, trainee_id, status, decided_at, created_at)
     SELECT p.id, t.id,
            CASE WHEN p.status = 'completed' THEN (CASE WHEN pairs.trainee % 9 = 0 THEN 'not-completed' ELSE 'completed' END)
                 ELSE 'confirmed' END,
            now(), now() - (pairs.trainee || ' seconds')::interval
       FROM pairs JOIN p ON p.r = pairs.program JOIN t ON t.r = pairs.trainee
     ON CONFLICT DO NOTHING`,
    [counts.bigRoster, counts.largeRoster, counts.largePrograms, others, counts.programs],
  );
  await q(
    `UPDATE programs p SET confirmed_count = c.n
       FROM (SELECT program_id, count(*)::int AS n FROM enrolments WHERE status = 'confirmed' GROUP BY program_id) c
      WHERE c.program_id = p.id`,
  );
  // Twenty sessions for each large program, and everyone's attendance in them.
  await q(
    `INSERT INTO sessions (program_id, title, type, starts_at, ends_at)
     SELECT p.id, jsonb_build_object('en', 'Session ' || s), 'lecture',
            (p.start_date + (s - 1) / 4)::timestamp AT TIME ZONE 'Asia/Shanghai' + ((s - 1) % 4 * 2 + 8) * interval '1 hour',
            (p.start_date + (s - 1) / 4)::timestamp AT TIME ZONE 'Asia/Shanghai' + ((s - 1) % 4 * 2 + 9) * interval '1 hour'
       FROM programs p CROSS JOIN generate_series(1, $1::int) s
      WHERE (substring(p.code from 7))::int <= 1 + $2::int`,
    [counts.sessionsPerLarge, counts.largePrograms],
  );
  await q(
    `INSERT INTO attendance (session_id, trainee_id, status)
     SELECT s.id, e.trainee_id,
            CASE WHEN hashtext(s.id::text || e.trainee_id::text) % 10 = 0 THEN 'absent'
                 WHEN hashtext(s.id::text || e.trainee_id::text) % 7 = 0 THEN 'late' ELSE 'present' END
       FROM sessions s JOIN enrolments e ON e.program_id = s.program_id`,
  );
  await q(
    // Certificates are frozen at issue (issue 17): each carries what it vouches for.
    `INSERT INTO certificates (serial, verification_code, enrolment_id, trainee_id, program_id, issued_at,
                               holder_name, holder_name_latin, program_code, program_title, start_date, end_date,
                               time_zone, hours, completion, issuer_institution_id, issuer_name)
     SELECT 'SB-2025-' || lpad(row_number() OVER (ORDER BY e.id)::text, 6, '0'),
            translate(encode(sha256(e.id::text::bytea), 'base64'), '+/=', '-_'),
            e.id, e.trainee_id, e.program_id, now() - (random() * interval '300 days'),
            t.full_name, t.full_name_latin, p.code, p.title, p.start_date, p.end_date, p.timezone,
            coalesce((SELECT round(sum(extract(epoch FROM x.ends_at - x.starts_at)) / 3600, 2)
                        FROM sessions x WHERE x.program_id = p.id), 0),
            jsonb_build_object('minAttendanceRate', p.min_attendance_rate::float8), h.id, h.name
       FROM enrolments e JOIN trainees t ON t.id = e.trainee_id JOIN programs p ON p.id = e.program_id
       JOIN institutions h ON h.id = p.host_institution_id
      WHERE e.status = 'completed' ORDER BY e.id LIMIT $1`,
    [counts.certificates],
  );
  // Codes are 22 characters, like real ones.
  await q(`UPDATE certificates SET verification_code = left(verification_code, 22)`);
  await q(`SELECT setval('certificate_serial_seq', 1 + (SELECT count(*) FROM certificates))`);
  // Steady state, as autovacuum leaves a live database: statistics and the visibility map.
  await q('VACUUM ANALYZE');

  const [sizes] = await q(
    `SELECT (SELECT count(*)::int FROM institutions) AS institutions, (SELECT count(*)::int FROM trainees) AS trainees,
            (SELECT count(*)::int FROM programs) AS programs, (SELECT count(*)::int FROM enrolments) AS enrolments,
            (SELECT count(*)::int FROM sessions) AS sessions, (SELECT count(*)::int FROM attendance) AS attendance,
            (SELECT count(*)::int FROM certificates) AS certificates,
            (SELECT count(DISTINCT nationality)::int FROM trainees) AS nationalities`,
  );
  const [{ id: bigProgramId }] = await q(`SELECT id FROM programs WHERE code = 'BENCH-1'`);
  const [{ n: bigRoster }] = await q(`SELECT count(*)::int AS n FROM enrolments WHERE program_id = $1`, [bigProgramId]);
  const codes = (await q(`SELECT verification_code AS code FROM certificates ORDER BY random() LIMIT 2000`)).map(
    (r) => r.code,
  );
  return { sizes: { ...sizes, bigRoster }, bigProgramId, hostId, codes, seconds: (performance.now() - started) / 1000 };
}
