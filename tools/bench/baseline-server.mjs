// The benchmark's baseline: the practical limit of Node + PostgreSQL on this
// machine. A bare node:http server on `pg` answering the four benchmarked
// requests with the same SQL as the API and the same JSON — no framework, no
// authentication, no validation, no logging. The benchmark checks that both
// servers answer each request with equal JSON before it times them.
//
// Deliberately a copy of the API's queries, not an import of them: it must not
// run any of the code whose cost it measures. Keep it in step with:
//   GET /verify/:code                    VerificationService.verify
//   GET /programs/:id/enrolments         EnrolmentsService.roster (admin), and the page's access-log entries
//                                        (AccessLog.record: who looked at whom, issue 23) — a write per page
//   GET /programs                        ProgramsService.list (trainee)
//   GET /reports/overview                ReportsService.overview (all time, kept per data version)
//
// Usage: node tools/bench/baseline-server.mjs <database-url> <port> <trainee-institution-id|""> <trainee-id|""> <admin-user-id>
import { createServer } from 'node:http';
import pg from 'pg';

const [url, port, traineeInstitution, traineeId, adminId] = process.argv.slice(2);
// Calendar dates stay 'YYYY-MM-DD' text, as TypeORM gives them.
pg.types.setTypeParser(1082, (value) => value);
const pool = new pg.Pool({ connectionString: url, max: 20 });
const iso = (d) => (d ? new Date(d).toISOString() : undefined);
const num = (v) => (v === null || v === undefined ? null : Number(v));
const decode = (cursor) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
const encode = (values) => Buffer.from(JSON.stringify(values)).toString('base64url');
const omitEmpty = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

async function verify(code) {
  const { rows } = await pool.query(
    `SELECT c.status, c.serial, c.issued_at, c.revoked_reason, c.revoked_at, c.holder_name, c.holder_name_latin,
            c.program_title, c.start_date, c.end_date, c.time_zone, c.hours, c.issuer_name, c.valid_until,
            r.serial AS replaced_by_serial
       FROM certificates c LEFT JOIN certificates r ON r.id = c.replaced_by
      WHERE c.verification_code = $1`,
    [code],
  );
  const c = rows[0];
  if (!c) return null;
  return omitEmpty({
    status: c.status,
    serial: c.serial,
    holderName: c.holder_name,
    holderNameLatin: c.holder_name_latin || undefined,
    programTitle: c.program_title,
    startDate: c.start_date,
    endDate: c.end_date,
    timeZone: c.time_zone,
    hours: Number(c.hours),
    issuedAt: iso(c.issued_at),
    issuer: c.issuer_name,
    validUntil: c.valid_until || undefined,
    revokedReason: c.revoked_reason || undefined,
    revokedAt: iso(c.revoked_at),
    replacedBy: c.replaced_by_serial ? { serial: c.replaced_by_serial } : undefined,
  });
}

async function roster(programId, limit, cursor) {
  const params = [programId, limit + 1];
  let after = '';
  if (cursor) {
    const [createdAt, id] = decode(cursor);
    params.push(createdAt, id);
    after = 'AND (e.created_at, e.id) > ($3, $4)';
  }
  const { rows } = await pool.query(
    `SELECT e.id, e.program_id, e.trainee_id, e.status, e.created_at, e.decided_at, e.decided_by, e.reason, e.score,
            e.remarks, t.full_name, t.full_name_latin, t.email, t.nationality, t.institution_id, i.code AS institution_code
       FROM enrolments e JOIN trainees t ON t.id = e.trainee_id LEFT JOIN institutions i ON i.id = t.institution_id
      WHERE e.program_id = $1 ${after}
      ORDER BY e.created_at, e.id LIMIT $2`,
    params,
  );
  const items = rows.slice(0, limit).map((r) =>
    omitEmpty({
      id: r.id,
      programId: r.program_id,
      traineeId: r.trainee_id,
      status: r.status,
      createdAt: iso(r.created_at),
      decidedAt: iso(r.decided_at),
      decidedBy: r.decided_by || undefined,
      reason: r.reason || undefined,
      fullName: r.full_name,
      fullNameLatin: r.full_name_latin || undefined,
      email: r.email,
      nationality: r.nationality,
      institutionId: r.institution_id || undefined,
      institutionCode: r.institution_code || undefined,
      score: num(r.score) ?? undefined,
      remarks: r.remarks || undefined,
    }),
  );
  // The API logs each roster page an admin reads (one INSERT of the page's people), before it answers.
  if (items.length > 0) {
    await pool.query(
      `INSERT INTO access_log_entries
              (actor_user_id, actor_role, actor_institution_id, subject_trainee_id, subject_user_id, resource, fields, request_id)
       SELECT $1, $2, $3, s.trainee_id, s.user_id, $6, ARRAY(SELECT jsonb_array_elements_text(s.fields)), $7
         FROM unnest($4::uuid[], $5::uuid[], $8::jsonb[]) AS s(trainee_id, user_id, fields)`,
      [
        adminId,
        'admin',
        null,
        items.map((item) => item.traineeId),
        items.map(() => null),
        'enrolment',
        null,
        items.map(() => '[]'),
      ],
    );
  }
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encode([last.createdAt, last.id]) : null };
}

async function programs(limit) {
  const { rows } = await pool.query(
    `SELECT p.id, p.code, p.kind, p.title, p.summary, p.delivery_mode, p.timezone, p.start_date, p.end_date, p.venue,
            CASE WHEN p.meeting_url IS NULL THEN NULL
                 WHEN EXISTS (SELECT 1 FROM enrolments e WHERE e.program_id = p.id
                                 AND e.trainee_id = CAST($3 AS uuid) AND e.status = 'confirmed')
                 THEN p.meeting_url END AS meeting_url,
            p.capacity, p.enrolment_opens_at, p.enrolment_closes_at, p.host_institution_id,
            p.min_attendance_rate::float8 AS min_attendance_rate, p.passing_score::float8 AS passing_score, p.status,
            p.min_minutes_present_rate::float8 AS min_minutes_present_rate, p.grace_minutes,
            p.confirmed_count, p.waitlisted_count, p.pending_count, p.nominated_count, p.host_review,
            p.created_at, p.updated_at, array_to_json(p.partner_institution_ids) AS partner_ids,
            (SELECT coalesce(json_agg(json_build_object('institutionId', q.institution_id, 'seats', q.seats)
                                      ORDER BY q.institution_id), '[]')
               FROM program_quotas q WHERE q.program_id = p.id) AS partner_quotas
       FROM programs p
      WHERE p.status IN ('published', 'completed')
        AND (cardinality(p.partner_institution_ids) = 0 OR p.partner_institution_ids @> ARRAY[CAST($2 AS uuid)])
      ORDER BY p.start_date DESC, p.id DESC LIMIT $1`,
    [limit + 1, traineeInstitution || null, traineeId || null],
  );
  const page = rows.slice(0, limit);
  const items = page.map((p) =>
    omitEmpty({
      id: p.id,
      code: p.code,
      kind: p.kind,
      title: p.title,
      summary: p.summary ?? undefined,
      deliveryMode: p.delivery_mode,
      timezone: p.timezone,
      startDate: p.start_date,
      endDate: p.end_date,
      venue: p.venue || undefined,
      meetingUrl: p.meeting_url || undefined,
      capacity: p.capacity,
      enrolmentOpensAt: iso(p.enrolment_opens_at),
      enrolmentClosesAt: iso(p.enrolment_closes_at),
      hostInstitutionId: p.host_institution_id,
      partnerInstitutionIds: p.partner_ids,
      completionRule: omitEmpty({ minAttendanceRate: num(p.min_attendance_rate), passingScore: num(p.passing_score) }),
      attendanceRule: { minMinutesPresentRate: num(p.min_minutes_present_rate), graceMinutes: p.grace_minutes },
      status: p.status,
      seats: {
        capacity: p.capacity,
        available: p.status === 'published' ? Math.max(p.capacity - p.confirmed_count, 0) : 0,
        scope: 'program',
        confirmed: p.confirmed_count,
        waitlisted: p.waitlisted_count,
        pending: p.pending_count,
        nominated: p.nominated_count,
      },
      partnerQuotas: p.partner_quotas,
      hostReview: p.host_review,
      createdAt: iso(p.created_at),
      updatedAt: iso(p.updated_at),
    }),
  );
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encode([last.startDate, last.id]) : null };
}

async function overview() {
  const q = async (sql, params = [null, null]) => (await pool.query(sql, params)).rows;
  const programsSql =
    'SELECT * FROM programs WHERE ($1::date IS NULL OR end_date >= $1::date) AND ($2::date IS NULL OR start_date <= $2::date)';
  const enrolmentsSql = 'enrolments e WHERE $1::date IS NULL AND $2::date IS NULL';
  const [kinds, statuses, people, programRows, months] = await Promise.all([
    q(
      `SELECT kind, status, count(*)::int AS count FROM (${programsSql}) p GROUP BY kind, status ORDER BY kind, status`,
    ),
    q(`SELECT e.status AS key, count(*)::int AS count FROM ${enrolmentsSql} GROUP BY e.status ORDER BY count DESC`),
    q(`SELECT t.nationality, t.institution_id AS "institutionId", count(*)::int AS count FROM trainees t
        WHERE EXISTS (SELECT 1 FROM ${enrolmentsSql} AND e.trainee_id = t.id) GROUP BY t.nationality, t.institution_id`),
    q(`SELECT p.id AS "programId", p.code, p.title, p.kind, p.status, p.start_date AS "startDate", p.end_date AS "endDate",
              p.capacity, p.confirmed_count AS confirmed, e.completed, e.not_completed AS "notCompleted",
              CASE WHEN e.completed + e.not_completed > 0 THEN e.completed::float / (e.completed + e.not_completed) END AS "completionRate",
              c.count AS certificates
         FROM (${programsSql} ORDER BY start_date DESC, id LIMIT 500) p
         CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed,
                                    count(*) FILTER (WHERE status = 'not-completed')::int AS not_completed
                               FROM enrolments WHERE program_id = p.id) e
         CROSS JOIN LATERAL (SELECT count(*)::int AS count FROM certificates WHERE program_id = p.id AND status = 'issued') c
        ORDER BY p.start_date DESC, p.id`),
    q(`SELECT to_char(m, 'YYYY-MM') AS month, issued, revoked
         FROM (SELECT date_trunc('month', c.issued_at AT TIME ZONE 'UTC') AS m, count(*)::int AS issued,
                      count(*) FILTER (WHERE c.status = 'revoked')::int AS revoked
                 FROM certificates c WHERE ($1::date IS NULL OR c.issued_at >= $1::date) AND ($2::date IS NULL OR c.issued_at < $2::date + 1)
                GROUP BY 1) x ORDER BY m`),
  ]);
  const sum = (rows, value) => rows.reduce((total, row) => total + value(row), 0);
  const byKey = (key) => {
    const totals = new Map();
    for (const row of people) totals.set(key(row), (totals.get(key(row)) ?? 0) + row.count);
    return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  const institutionIds = byKey((row) => row.institutionId ?? '');
  const named = new Map(
    (
      await q('SELECT id, code, name FROM institutions WHERE id = ANY($1::uuid[])', [
        institutionIds.map(([id]) => id).filter(Boolean),
      ])
    ).map((i) => [i.id, i]),
  );
  const completed = statuses.find((s) => s.key === 'completed')?.count ?? 0;
  const decided = completed + (statuses.find((s) => s.key === 'not-completed')?.count ?? 0);
  return {
    totals: omitEmpty({
      programs: sum(kinds, (r) => r.count),
      trainees: sum(people, (r) => r.count),
      enrolments: sum(statuses, (r) => r.count),
      certificates: sum(months, (r) => r.issued),
      completionRate: decided > 0 ? completed / decided : undefined,
    }),
    programsByKindAndStatus: kinds,
    traineesByNationality: byKey((row) => row.nationality).map(([key, count]) => ({ key, count })),
    traineesByInstitution: institutionIds.map(([id, count]) =>
      omitEmpty({
        institutionId: id || undefined,
        institutionCode: named.get(id)?.code,
        institutionName: named.get(id)?.name,
        count,
      }),
    ),
    enrolmentsByStatus: statuses,
    programs: programRows.map(({ completionRate, ...p }) =>
      omitEmpty({ ...p, completionRate: completionRate ?? undefined }),
    ),
    certificatesByMonth: months,
  };
}

// Like the API, the overview is computed and serialized once per data version (see ReportsService.overview).
let overviewCache = null;
async function cachedOverviewJson() {
  const { rows } = await pool.query(
    'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS version FROM report_data_version',
  );
  if (overviewCache?.version !== rows[0].version) {
    overviewCache = { version: rows[0].version, json: overview().then((report) => JSON.stringify(report)) };
  }
  return overviewCache.json;
}

function send(res, status, body) {
  const json = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

const server = createServer(async (req, res) => {
  try {
    const u = new URL(req.url, 'http://localhost');
    const path = u.pathname.replace(/^\/api\/v1/, '');
    const limit = Number(u.searchParams.get('limit') ?? 50);
    let m;
    if ((m = path.match(/^\/verify\/([\w-]+)$/))) {
      const body = await verify(m[1]);
      return body ? send(res, 200, body) : send(res, 404, { status: 404 });
    }
    if ((m = path.match(/^\/programs\/([\w-]+)\/enrolments$/))) {
      return send(res, 200, await roster(m[1], limit, u.searchParams.get('cursor')));
    }
    if (path === '/programs') return send(res, 200, await programs(limit));
    if (path === '/reports/overview') return send(res, 200, await cachedOverviewJson());
    send(res, 404, { status: 404 });
  } catch (error) {
    send(res, 500, { status: 500, detail: String(error) });
  }
});
server.listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
