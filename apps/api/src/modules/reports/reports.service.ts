import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CountryCode,
  EnrolmentStatus,
  FunnelCounts,
  LocalizedText,
  ProgramKind,
  ProgramOutcome,
  ProgramReport,
  ProgramStatus,
  ReportOverview,
  SessionAttendance,
} from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import { signedIn, type RequestContext } from '../../common/auth/viewer';
import { ProblemException } from '../../common/problem/problem.exception';
import { ProgramsService } from '../programs/programs.service';
import { ReportPeriodQueryDto } from './dto/report-query.dto';
import { ReplicaReads } from '../../database/replicas/replica-reads';

/**
 * The one rule of the overview: a program belongs to the period when its dates
 * overlap it ($1 from, $2 to; either may be null), and every figure — programs,
 * trainees, enrolments, certificates, completion — counts the records of those
 * programs. (Certificates used to be counted by their issue date, so a period
 * showed certificates of programs it did not contain.)
 */
const PERIOD_PROGRAMS = `SELECT * FROM programs WHERE ($1::date IS NULL OR end_date >= $1::date) AND ($2::date IS NULL OR start_date <= $2::date)`;

const SEATED = `('confirmed', 'completed', 'not-completed')`;

interface FunnelRow {
  applied: number;
  confirmed: number;
  completed: number;
  certified: number;
}

const funnelSql = `count(*)::int AS applied,
  count(*) FILTER (WHERE e.status IN ${SEATED})::int AS confirmed,
  count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
  count(c.id) FILTER (WHERE c.status = 'issued')::int AS certified`;

const funnelOf = (row: FunnelRow): FunnelCounts => ({
  applied: row.applied,
  confirmed: row.confirmed,
  completed: row.completed,
  certified: row.certified,
});

/**
 * The international office's numbers, each an aggregate computed in
 * PostgreSQL (no rows are loaded into Node to be counted).
 */
/**
 * How long a computed overview may be served while the data version stands
 * still. The version moves with every committed write, but a write that had
 * advanced it before a computation started and committed after it could leave
 * that computation's figures marked current: this bounds how long.
 */
const OVERVIEW_MAX_AGE_MS = 60_000;
/** Periods remembered at once (all-time plus the dashboard's few). */
const OVERVIEW_CACHE_SIZE = 32;

interface CachedOverview {
  /** `report_data_version` when the computation started. */
  version: string;
  startedAt: number;
  report: Promise<ReportOverview>;
  json?: Promise<string>;
}

@Injectable()
export class ReportsService {
  private readonly overviews = new Map<string, CachedOverview>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReplicaReads,
    private readonly programs: ProgramsService,
  ) {}

  /**
   * The office overview. Computing it reads every enrolment (a fifth of a
   * second at 200,000), so each answer is kept with the data version it was
   * computed at (the `report_data_version` sequence, which every write to a
   * reported table advances) and served again until the data changes — for
   * a minute at most. Concurrent requests for the same figures share one
   * computation.
   */
  async overview(query: ReportPeriodQueryDto): Promise<ReportOverview> {
    return (await this.cachedOverview(query)).report;
  }

  /** The overview as JSON text, serialized once per computation. */
  async overviewJson(query: ReportPeriodQueryDto): Promise<string> {
    const entry = await this.cachedOverview(query);
    entry.json ??= entry.report.then((report) => JSON.stringify(report));
    return entry.json;
  }

  private async cachedOverview(query: ReportPeriodQueryDto): Promise<CachedOverview> {
    if (query.from && query.to && query.to < query.from) {
      throw ProblemException.invalidField('to', 'ENDS_BEFORE_START', 'validation.endBeforeStart');
    }
    const key = `${query.from ?? ''}/${query.to ?? ''}`;
    const [{ version }] = (await this.reads.query(
      `SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS version FROM report_data_version`,
    )) as { version: string }[];
    const cached = this.overviews.get(key);
    if (cached && cached.version === version && Date.now() - cached.startedAt < OVERVIEW_MAX_AGE_MS) return cached;
    const entry: CachedOverview = { version, startedAt: Date.now(), report: this.computeOverview(query) };
    this.overviews.delete(key);
    if (this.overviews.size >= OVERVIEW_CACHE_SIZE) this.overviews.delete(this.overviews.keys().next().value as string);
    this.overviews.set(key, entry);
    // A failed computation is not kept.
    entry.report.catch(() => {
      if (this.overviews.get(key) === entry) this.overviews.delete(key);
    });
    return entry;
  }

  private async computeOverview(query: ReportPeriodQueryDto): Promise<ReportOverview> {
    const period = [query.from ?? null, query.to ?? null];
    const q = <T>(sql: string) => this.reads.query(sql, period) as Promise<T[]>;
    // Without a period every enrolment counts: no join to programs needed, and index-only scans serve the counts.
    const allTime = !query.from && !query.to;
    const periodEnrolments = allTime
      ? `enrolments e WHERE $1::date IS NULL AND $2::date IS NULL`
      : `enrolments e JOIN (${PERIOD_PROGRAMS}) p ON p.id = e.program_id WHERE TRUE`;
    const periodCertificates = allTime
      ? `certificates c WHERE $1::date IS NULL AND $2::date IS NULL`
      : `certificates c JOIN (${PERIOD_PROGRAMS}) p ON p.id = c.program_id WHERE TRUE`;
    // Each trainee counts once however many programs they took; EXISTS (a semi-join) is far cheaper here than
    // count(DISTINCT …) over the enrolments, and one trainee has one nationality and one institution, so both
    // breakdowns (and the total) come from the same rows.
    const [kinds, statuses, people, programs, months] = await Promise.all([
      q<{ kind: ProgramKind; status: ProgramStatus; count: number }>(
        `SELECT kind, status, count(*)::int AS count FROM (${PERIOD_PROGRAMS}) p GROUP BY kind, status ORDER BY kind, status`,
      ),
      q<{ key: EnrolmentStatus; count: number }>(
        `SELECT e.status AS key, count(*)::int AS count FROM ${periodEnrolments}
          GROUP BY e.status ORDER BY count DESC`,
      ),
      q<{ nationality: CountryCode; institutionId: string | null; count: number }>(
        `SELECT t.nationality, t.institution_id AS "institutionId", count(*)::int AS count
           FROM trainees t
          WHERE EXISTS (SELECT 1 FROM ${periodEnrolments} AND e.trainee_id = t.id)
          GROUP BY t.nationality, t.institution_id`,
      ),
      q<ProgramOutcome & { completionRate: number | null }>(
        // The 500 latest programs first, then their counts through the (program, status) index: no pass over
        // every enrolment of every program.
        `SELECT p.id AS "programId", p.code, p.title, p.kind, p.status, p.start_date AS "startDate", p.end_date AS "endDate",
                p.capacity, p.confirmed_count AS confirmed, e.completed, e.not_completed AS "notCompleted",
                CASE WHEN e.completed + e.not_completed > 0
                     THEN e.completed::float / (e.completed + e.not_completed) END AS "completionRate",
                c.count AS certificates
           FROM (${PERIOD_PROGRAMS} ORDER BY start_date DESC, id LIMIT 500) p
           CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed,
                                      count(*) FILTER (WHERE status = 'not-completed')::int AS not_completed
                                 FROM enrolments WHERE program_id = p.id) e
           CROSS JOIN LATERAL (SELECT count(*)::int AS count FROM certificates
                                WHERE program_id = p.id AND status = 'issued') c
          ORDER BY p.start_date DESC, p.id`,
      ),
      // The period's programs' certificates by the month they were issued: valid ones and revoked ones apart.
      q<{ month: string; issued: number; revoked: number }>(
        `SELECT to_char(m, 'YYYY-MM') AS month, issued, revoked
           FROM (SELECT date_trunc('month', c.issued_at AT TIME ZONE 'UTC') AS m,
                        count(*) FILTER (WHERE c.status = 'issued')::int AS issued,
                        count(*) FILTER (WHERE c.status = 'revoked')::int AS revoked
                   FROM ${periodCertificates} GROUP BY 1) x
          ORDER BY m`,
      ),
    ]);
    const sum = <T>(rows: T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);
    const byKey = (key: (row: (typeof people)[number]) => string) => {
      const totals = new Map<string, number>();
      for (const row of people) totals.set(key(row), (totals.get(key(row)) ?? 0) + row.count);
      return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    };
    const institutionIds = byKey((row) => row.institutionId ?? '');
    const named = new Map(
      (
        (await this.reads.query('SELECT id, code, name FROM institutions WHERE id = ANY($1::uuid[])', [
          institutionIds.map(([id]) => id).filter(Boolean),
        ])) as { id: string; code: string; name: LocalizedText }[]
      ).map((i) => [i.id, i]),
    );
    const completed = statuses.find((s) => s.key === 'completed')?.count ?? 0;
    const decided = completed + (statuses.find((s) => s.key === 'not-completed')?.count ?? 0);
    const totals = {
      programs: sum(kinds, (row) => row.count),
      trainees: sum(people, (row) => row.count),
      enrolments: sum(statuses, (row) => row.count),
      // Valid (not revoked) certificates: the same as the programs' own `certificates`, added up.
      certificates: sum(months, (row) => row.issued),
    };
    const nationalities = byKey((row) => row.nationality).map(([key, count]) => ({ key: key as CountryCode, count }));
    const institutions = institutionIds.map(([id, count]) => ({
      institutionId: id || null,
      institutionCode: named.get(id)?.code ?? null,
      institutionName: named.get(id)?.name ?? null,
      count,
    }));
    return {
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      totals: {
        ...totals,
        ...(decided > 0 ? { completionRate: completed / decided } : {}),
      },
      programsByKindAndStatus: kinds,
      traineesByNationality: nationalities,
      traineesByInstitution: institutions.map((i) => ({
        ...(i.institutionId ? { institutionId: i.institutionId } : {}),
        ...(i.institutionCode ? { institutionCode: i.institutionCode } : {}),
        ...(i.institutionName ? { institutionName: i.institutionName } : {}),
        count: i.count,
      })),
      enrolmentsByStatus: statuses,
      programs: programs.map(({ completionRate, ...p }) => ({
        ...p,
        ...(completionRate !== null ? { completionRate } : {}),
      })),
      certificatesByMonth: months,
    };
  }

  /**
   * One program's report. Admins see everyone; a partner (who must be able
   * to see the program) sees the same figures for its own institution's
   * people only.
   */
  async program(programId: string, ctx: RequestContext): Promise<ProgramReport> {
    const viewer = signedIn(ctx);
    const program = await this.programs.findVisible(programId, viewer);
    const scoped = viewer.role === 'partner';
    const params = [programId, scoped ? viewer.institutionId : null];
    const inScope = `($2::uuid IS NULL OR t.institution_id = $2::uuid)`;
    const q = <T>(sql: string) => this.reads.query(sql, params) as Promise<T[]>;
    const [[funnel], institutions, nationalities, sessions, [seated], days] = await Promise.all([
      q<FunnelRow>(
        `SELECT ${funnelSql} FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
           LEFT JOIN certificates c ON c.enrolment_id = e.id
          WHERE e.program_id = $1 AND ${inScope}`,
      ),
      q<
        FunnelRow & {
          institutionId: string | null;
          institutionCode: string | null;
          institutionName: LocalizedText | null;
        }
      >(
        `SELECT i.id AS "institutionId", i.code AS "institutionCode", i.name AS "institutionName", ${funnelSql}
           FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
           LEFT JOIN institutions i ON i.id = t.institution_id
           LEFT JOIN certificates c ON c.enrolment_id = e.id
          WHERE e.program_id = $1 AND ${inScope}
          GROUP BY i.id ORDER BY applied DESC, i.code NULLS LAST`,
      ),
      q<FunnelRow & { nationality: CountryCode }>(
        `SELECT t.nationality, ${funnelSql}
           FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
           LEFT JOIN certificates c ON c.enrolment_id = e.id
          WHERE e.program_id = $1 AND ${inScope}
          GROUP BY t.nationality ORDER BY applied DESC, t.nationality`,
      ),
      q<{
        sessionId: string;
        title: LocalizedText;
        startsAt: Date;
        present: number;
        late: number;
        absent: number;
        excused: number;
      }>(
        `SELECT s.id AS "sessionId", s.title, s.starts_at AS "startsAt",
                count(a.status) FILTER (WHERE a.status = 'present')::int AS present,
                count(a.status) FILTER (WHERE a.status = 'late')::int AS late,
                count(a.status) FILTER (WHERE a.status = 'absent')::int AS absent,
                count(a.status) FILTER (WHERE a.status = 'excused')::int AS excused
           FROM sessions s
           LEFT JOIN (attendance a JOIN trainees t ON t.id = a.trainee_id AND ${inScope}) ON a.session_id = s.id
          WHERE s.program_id = $1
          GROUP BY s.id ORDER BY s.starts_at, s.id`,
      ),
      q<{ count: number }>(
        `SELECT count(*)::int AS count FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
          WHERE e.program_id = $1 AND e.status IN ${SEATED} AND ${inScope}`,
      ),
      this.reads.query(
        `WITH tz AS (SELECT timezone FROM programs WHERE id = $1),
              events AS (
                SELECT (e.created_at AT TIME ZONE (SELECT timezone FROM tz))::date AS day, 1 AS applied, 0 AS confirmed
                  FROM enrolments e JOIN trainees t ON t.id = e.trainee_id WHERE e.program_id = $1 AND ${inScope}
                UNION ALL
                SELECT (e.decided_at AT TIME ZONE (SELECT timezone FROM tz))::date, 0, 1
                  FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
                 WHERE e.program_id = $1 AND e.status IN ${SEATED} AND e.decided_at IS NOT NULL AND ${inScope})
         SELECT to_char(day, 'YYYY-MM-DD') AS date,
                (sum(sum(applied)) OVER (ORDER BY day))::int AS applied,
                (sum(sum(confirmed)) OVER (ORDER BY day))::int AS confirmed
           FROM events GROUP BY day ORDER BY day`,
        params,
      ) as Promise<{ date: string; applied: number; confirmed: number }[]>,
    ]);
    const attendanceBySession: SessionAttendance[] = sessions.map((s) => {
      const marked = s.present + s.late + s.absent + s.excused;
      const counted = marked - s.excused;
      return {
        sessionId: s.sessionId,
        title: s.title,
        startsAt: new Date(s.startsAt).toISOString(),
        present: s.present,
        late: s.late,
        absent: s.absent,
        excused: s.excused,
        unmarked: Math.max(0, seated.count - marked),
        ...(counted > 0 ? { rate: (s.present + s.late) / counted } : {}),
      };
    });
    return {
      programId,
      code: program.code,
      title: program.title,
      timezone: program.timezone,
      capacity: program.capacity,
      scopedToInstitution: scoped,
      funnel: funnelOf(funnel),
      seatsOverTime: days,
      attendanceBySession,
      byInstitution: institutions.map((i) => ({
        ...funnelOf(i),
        ...(i.institutionId ? { institutionId: i.institutionId } : {}),
        ...(i.institutionCode ? { institutionCode: i.institutionCode } : {}),
        ...(i.institutionName ? { institutionName: i.institutionName } : {}),
      })),
      byNationality: nationalities.map((n) => ({ ...funnelOf(n), nationality: n.nationality })),
    };
  }
}
