import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDays,
  DEFAULT_ATTENDANCE_RULE,
  ErrorCode,
  PROGRAM_MAX_DAYS,
  startOfZonedDay,
  type EnrolmentStatus,
  type Page,
  type PartnerQuota,
  type InstitutionSeats,
  type Program as ProgramView,
  type ProgramStatus,
  type Seats,
} from '@skillbridge/contracts';
import { DataSource, EntityManager, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { scopeQuery } from '../../common/auth/record-scope';
import { signedIn, type RequestContext, type Viewer } from '../../common/auth/viewer';
import { containsPattern } from '../../common/pagination/contains-pattern';
import { paginateRaw } from '../../common/pagination/keyset';
import { FieldProblem, ProblemException } from '../../common/problem/problem.exception';
import { isUniqueViolation } from '../../database/errors';
import { fillSeats, lockProgram } from '../enrolments/seats';
import { AuditService } from '../audit/audit.service';
import { Institution } from '../institutions/institution.entity';
import { CreateProgramDto } from './dto/create-program.dto';
import { ProgramListQueryDto } from './dto/program-list-query.dto';
import { Notifier } from '../notifications/notifier';
import { UpdateProgramDto } from './dto/update-program.dto';
import { ProgramPartner } from './program-partner.entity';
import { ProgramQuota } from './program-quota.entity';
import { Program } from './program.entity';
import { meetingUrlSql } from './meeting-link.scope';
import { PROGRAM_SCOPE } from './program.scope';
import { ReplicaReads } from '../../database/replicas/replica-reads';

const DAY_MS = 86_400_000;
/** Enrolment may open at most this long before a program starts. */
const WINDOW_LEAD_DAYS = 730;
const EDITABLE: ProgramStatus[] = ['draft', 'published'];

/** A partner's own institution's enrolments in a program, by status (see OWN_SEATS_SQL). */
export type OwnSeatCounts = Pick<Seats, 'confirmed' | 'waitlisted' | 'pending' | 'nominated'>;

/**
 * The seats as the viewer may know them: the program's counters, or — with `own` — the viewer's institution's
 * counts beside the program's capacity and free seats only (partner staff never learn other institutions' numbers).
 */
function seatsOf(program: Omit<Program, 'hostInstitution'>, own?: OwnSeatCounts | null): Seats {
  const available = program.status === 'published' ? Math.max(program.capacity - program.confirmedCount, 0) : 0;
  if (own) {
    return {
      capacity: program.capacity,
      available,
      scope: 'institution',
      confirmed: own.confirmed,
      waitlisted: own.waitlisted,
      pending: own.pending,
      nominated: own.nominated,
    };
  }
  return {
    capacity: program.capacity,
    available,
    scope: 'program',
    confirmed: program.confirmedCount,
    waitlisted: program.waitlistedCount,
    pending: program.pendingCount,
    nominated: program.nominatedCount,
  };
}

export function toProgramView(
  program: Omit<Program, 'hostInstitution'>,
  partnerInstitutionIds: string[],
  partnerQuotas: PartnerQuota[],
  ownSeats?: OwnSeatCounts | null,
): ProgramView {
  return {
    id: program.id,
    code: program.code,
    kind: program.kind,
    title: program.title,
    ...(program.summary ? { summary: program.summary } : {}),
    deliveryMode: program.deliveryMode,
    timezone: program.timezone,
    startDate: program.startDate,
    endDate: program.endDate,
    ...(program.venue ? { venue: program.venue } : {}),
    ...(program.meetingUrl ? { meetingUrl: program.meetingUrl } : {}),
    capacity: program.capacity,
    ...(program.enrolmentOpensAt ? { enrolmentOpensAt: program.enrolmentOpensAt.toISOString() } : {}),
    ...(program.enrolmentClosesAt ? { enrolmentClosesAt: program.enrolmentClosesAt.toISOString() } : {}),
    hostInstitutionId: program.hostInstitutionId,
    partnerInstitutionIds,
    completionRule: {
      minAttendanceRate: program.minAttendanceRate,
      ...(program.passingScore !== null ? { passingScore: program.passingScore } : {}),
      ...(program.certificateValidityMonths !== null
        ? { certificateValidityMonths: program.certificateValidityMonths }
        : {}),
    },
    attendanceRule: { minMinutesPresentRate: program.minMinutesPresentRate, graceMinutes: program.graceMinutes },
    status: program.status,
    seats: seatsOf(program, ownSeats),
    partnerQuotas,
    hostReview: program.hostReview,
    createdAt: program.createdAt.toISOString(),
    updatedAt: program.updatedAt.toISOString(),
  };
}

/**
 * The list's columns, read raw under the entity's property names (no entities are built), with the
 * partner institutions from the row's own copy: one round trip per page.
 */
const LIST_COLUMNS: [string, keyof ProgramListRow][] = [
  ['p.id', 'id'],
  ['p.code', 'code'],
  ['p.kind', 'kind'],
  ['p.title', 'title'],
  ['p.summary', 'summary'],
  ['p.delivery_mode', 'deliveryMode'],
  ['p.timezone', 'timezone'],
  ['p.start_date', 'startDate'],
  ['p.end_date', 'endDate'],
  ['p.venue', 'venue'],
  ['p.capacity', 'capacity'],
  ['p.enrolment_opens_at', 'enrolmentOpensAt'],
  ['p.enrolment_closes_at', 'enrolmentClosesAt'],
  ['p.host_institution_id', 'hostInstitutionId'],
  ['p.min_attendance_rate::float8', 'minAttendanceRate'],
  ['p.passing_score::float8', 'passingScore'],
  ['p.certificate_validity_months', 'certificateValidityMonths'],
  ['p.min_minutes_present_rate::float8', 'minMinutesPresentRate'],
  ['p.grace_minutes', 'graceMinutes'],
  ['p.status', 'status'],
  ['p.confirmed_count', 'confirmedCount'],
  ['p.waitlisted_count', 'waitlistedCount'],
  ['p.pending_count', 'pendingCount'],
  ['p.nominated_count', 'nominatedCount'],
  ['p.host_review', 'hostReview'],
  ['p.created_at', 'createdAt'],
  ['p.updated_at', 'updatedAt'],
  // As JSON: pg parses JSON natively, but a uuid[] character by character (7 % of a list's CPU).
  ['array_to_json(p.partner_institution_ids)', 'partnerInstitutionIds'],
  [
    `(SELECT coalesce(json_agg(json_build_object('institutionId', q.institution_id, 'seats', q.seats) ` +
      `ORDER BY q.institution_id), '[]') FROM program_quotas q WHERE q.program_id = p.id)`,
    'partnerQuotas',
  ],
];

type ProgramListRow = Omit<Program, 'hostInstitution' | 'partnerInstitutionIds'> & {
  partnerInstitutionIds: string[];
  partnerQuotas: PartnerQuota[];
  /** Only for partner staff: their own institution's counts, which replace the program's. */
  ownSeats?: OwnSeatCounts | null;
};

/**
 * A partner's own institution's enrolments in the row's program, by status, as JSON (one index range scan of
 * IDX_enrolments_program_status per program): what a partner's `seats` counts instead of the program's.
 */
const OWN_SEATS_SQL =
  `(SELECT json_build_object(` +
  `'confirmed', count(*) FILTER (WHERE e.status = 'confirmed'), ` +
  `'waitlisted', count(*) FILTER (WHERE e.status = 'waitlisted'), ` +
  `'pending', count(*) FILTER (WHERE e.status = 'pending'), ` +
  `'nominated', count(*) FILTER (WHERE e.status = 'nominated')) ` +
  `FROM enrolments e JOIN trainees st ON st.id = e.trainee_id ` +
  `WHERE e.program_id = p.id AND st.institution_id = CAST(:seatsInstitutionId AS uuid))`;

/**
 * The programs the viewer may see, read raw with LIST_COLUMNS and the meeting
 * link as the viewer may see it (NULL otherwise), decided in the same query.
 */
function visibleProgramRows(dataSource: DataSource, viewer: Viewer): SelectQueryBuilder<ObjectLiteral> {
  const qb = dataSource.createQueryBuilder().from(Program, 'p');
  for (const [expression, alias] of LIST_COLUMNS) qb.addSelect(expression, alias);
  const meetingUrl = meetingUrlSql(viewer, 'p.meeting_url', { programId: 'p.id' }, ':meetingLinkViewer');
  qb.addSelect(meetingUrl.sql, 'meetingUrl');
  if (meetingUrl.param !== null) qb.setParameter('meetingLinkViewer', meetingUrl.param);
  if (viewer.role === 'partner') {
    // A partner without an institution (never made so) counts nobody: NULL matches no trainee.
    qb.addSelect(OWN_SEATS_SQL, 'ownSeats').setParameter('seatsInstitutionId', viewer.institutionId);
  }
  return scopeQuery(PROGRAM_SCOPE, viewer, qb);
}

/** The quotas the viewer may know: partner staff only their own institution's (never another partner's seats). */
function quotasFor(viewer: Viewer, quotas: PartnerQuota[]): PartnerQuota[] {
  return viewer.role === 'partner' ? quotas.filter((q) => q.institutionId === viewer.institutionId) : quotas;
}

const problem = (field: string, code: string, key: string, params?: FieldProblem['params']): FieldProblem => ({
  field,
  code,
  messageKey: `validation.${key}`,
  params,
});

/** The instants a program's calendar dates span in its own time zone. */
export function programSpan(program: Pick<Program, 'startDate' | 'endDate' | 'timezone'>): { from: Date; until: Date } {
  return {
    from: startOfZonedDay(program.startDate, program.timezone),
    until: startOfZonedDay(addDays(program.endDate, 1), program.timezone),
  };
}

@Injectable()
export class ProgramsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReplicaReads,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
  ) {}

  /** A program the viewer may see, or 404 — the same rule as the lists. */
  async findVisible(id: string, viewer: Viewer, manager: EntityManager = this.dataSource.manager): Promise<Program> {
    const query = manager.getRepository(Program).createQueryBuilder('p').where('p.id = :id', { id });
    const program = await scopeQuery(PROGRAM_SCOPE, viewer, query).getOne();
    if (!program) throw ProblemException.notFound();
    return program;
  }

  private async partnersOf(manager: EntityManager, programIds: string[]): Promise<Map<string, string[]>> {
    const rows = programIds.length
      ? await manager.find(ProgramPartner, { where: { programId: In(programIds) }, order: { institutionId: 'ASC' } })
      : [];
    const map = new Map<string, string[]>(programIds.map((id) => [id, []]));
    for (const row of rows) map.get(row.programId)?.push(row.institutionId);
    return map;
  }

  /** The program's quotas, by institution id. */
  async quotasOf(manager: EntityManager, programId: string): Promise<PartnerQuota[]> {
    return (await manager.find(ProgramQuota, { where: { programId }, order: { institutionId: 'ASC' } })).map(
      ({ institutionId, seats }) => ({ institutionId, seats }),
    );
  }

  /** The answer of an admin's write: admins may see every meeting link (meetingLinkVisibleSql). */
  private async view(manager: EntityManager, program: Program): Promise<ProgramView> {
    return toProgramView(
      program,
      (await this.partnersOf(manager, [program.id])).get(program.id) ?? [],
      await this.quotasOf(manager, program.id),
    );
  }

  /** The viewer's programs, each with its meeting link only for those who may have it (meetingLinkVisibleSql). */
  async list(query: ProgramListQueryDto, ctx: RequestContext): Promise<Page<ProgramView>> {
    const qb = visibleProgramRows(this.dataSource, signedIn(ctx));
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.from) qb.andWhere('p.end_date >= :from', { from: query.from });
    if (query.to) qb.andWhere('p.start_date <= :to', { to: query.to });
    if (query.q) {
      const pattern = containsPattern(query.q);
      qb.andWhere(
        '(p.code ILIKE :pattern OR EXISTS (SELECT 1 FROM jsonb_each_text(p.title) AS t WHERE t.value ILIKE :pattern))',
        { pattern },
      );
    }
    const page = await paginateRaw<ProgramListRow>(qb, {
      keys: [
        { expression: 'p.start_date', column: 'startDate', type: 'date' },
        { expression: 'p.id', column: 'id', type: 'uuid' },
      ],
      direction: query.order === 'asc' ? 'ASC' : 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const viewer = signedIn(ctx);
    return {
      items: page.items.map((p) =>
        toProgramView(p, p.partnerInstitutionIds, quotasFor(viewer, p.partnerQuotas), p.ownSeats),
      ),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * One program as in the list: 404 unless the viewer may see it; the meeting link only if they may have it.
   * Seats per institution too (admins every line, partner staff their own), and for partner staff `available`
   * is what their own people can still get.
   */
  async get(id: string, ctx: RequestContext): Promise<ProgramView> {
    const viewer = signedIn(ctx);
    const row = (await visibleProgramRows(this.dataSource, viewer).andWhere('p.id = :id', { id }).getRawOne()) as
      ProgramListRow | undefined;
    if (!row) throw ProblemException.notFound();
    const view = toProgramView(row, row.partnerInstitutionIds, quotasFor(viewer, row.partnerQuotas), row.ownSeats);
    if (viewer.role === 'admin') {
      view.seats.byInstitution = await this.seatsByInstitution(id, null);
    } else if (viewer.role === 'partner' && viewer.institutionId) {
      view.seats.byInstitution = await this.seatsByInstitution(id, viewer.institutionId);
      view.seats.available = await this.availableTo(row, viewer.institutionId);
    }
    return view;
  }

  /**
   * Seat counts per institution: a line for each institution with a quota or with people in the program (pending,
   * nominated, wait-listed or confirmed) — or, with `only`, that institution's line alone (always there).
   */
  private async seatsByInstitution(programId: string, only: string | null): Promise<InstitutionSeats[]> {
    const rows = (await this.reads.query(
      `WITH counts AS (
         SELECT t.institution_id,
                count(*) FILTER (WHERE e.status = 'confirmed')::int AS confirmed,
                count(*) FILTER (WHERE e.status = 'waitlisted')::int AS waitlisted,
                count(*) FILTER (WHERE e.status = 'pending')::int AS pending,
                count(*) FILTER (WHERE e.status = 'nominated')::int AS nominated
           FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
          WHERE e.program_id = $1 AND t.institution_id IS NOT NULL
            AND e.status IN ('confirmed', 'waitlisted', 'pending', 'nominated')
            AND ($2::uuid IS NULL OR t.institution_id = $2::uuid)
          GROUP BY t.institution_id
       ), quotas AS (
         SELECT institution_id, seats FROM program_quotas
          WHERE program_id = $1 AND ($2::uuid IS NULL OR institution_id = $2::uuid)
       ), lines AS (
         SELECT institution_id FROM counts UNION SELECT institution_id FROM quotas
         UNION SELECT $2::uuid WHERE $2::uuid IS NOT NULL
       )
       SELECT l.institution_id AS "institutionId", q.seats AS quota, coalesce(c.confirmed, 0) AS confirmed,
              coalesce(c.waitlisted, 0) AS waitlisted, coalesce(c.pending, 0) AS pending,
              coalesce(c.nominated, 0) AS nominated
         FROM lines l
         LEFT JOIN counts c ON c.institution_id = l.institution_id
         LEFT JOIN quotas q ON q.institution_id = l.institution_id
        ORDER BY l.institution_id`,
      [programId, only],
    )) as (InstitutionSeats & { quota: number | null })[];
    return rows.map(({ quota, ...line }) => ({ ...line, ...(quota !== null ? { quota } : {}) }));
  }

  /**
   * The seats a partner's people can still get: the rest of its quota, or of the open seats when it has none —
   * either bounded by the program's free seats (0 unless published).
   */
  private async availableTo(program: ProgramListRow, institutionId: string): Promise<number> {
    if (program.status !== 'published') return 0;
    const free = Math.max(program.capacity - program.confirmedCount, 0);
    const [{ rest }] = (await this.reads.query(
      `SELECT CASE WHEN EXISTS (SELECT 1 FROM program_quotas WHERE program_id = $1 AND institution_id = $2)
                   THEN (SELECT seats FROM program_quotas WHERE program_id = $1 AND institution_id = $2)
                        - (SELECT count(*) FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
                            WHERE e.program_id = $1 AND e.status = 'confirmed' AND t.institution_id = $2)
                   ELSE $3::int - (SELECT coalesce(sum(seats), 0) FROM program_quotas WHERE program_id = $1)
                        - (SELECT count(*) FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
                            WHERE e.program_id = $1 AND e.status = 'confirmed'
                              AND (t.institution_id IS NULL OR t.institution_id NOT IN
                                     (SELECT institution_id FROM program_quotas WHERE program_id = $1)))
              END::int AS rest`,
      [program.id, institutionId, program.capacity],
    )) as { rest: number }[];
    return Math.max(Math.min(rest, free), 0);
  }

  /** Field problems of the program's own dates, window and institutions (after an update is applied). */
  private async problems(
    manager: EntityManager,
    program: Program,
    partnerIds: string[] | undefined,
  ): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (program.endDate < program.startDate) {
      problems.push(problem('endDate', 'END_BEFORE_START', 'endBeforeStart'));
    } else if ((Date.parse(program.endDate) - Date.parse(program.startDate)) / DAY_MS + 1 > PROGRAM_MAX_DAYS) {
      problems.push(problem('endDate', 'PROGRAM_TOO_LONG', 'programTooLong', { max: PROGRAM_MAX_DAYS }));
    } else {
      const { from, until } = programSpan(program);
      const opens = program.enrolmentOpensAt;
      const closes = program.enrolmentClosesAt;
      if (opens && closes && opens >= closes)
        problems.push(problem('enrolmentClosesAt', 'WINDOW_ORDER', 'windowOrder'));
      if (closes && closes > until) problems.push(problem('enrolmentClosesAt', 'WINDOW_AFTER_END', 'windowAfterEnd'));
      if (opens && opens.getTime() < from.getTime() - WINDOW_LEAD_DAYS * DAY_MS) {
        problems.push(problem('enrolmentOpensAt', 'WINDOW_TOO_EARLY', 'windowTooEarly', { days: WINDOW_LEAD_DAYS }));
      }
      if (opens && opens >= until) problems.push(problem('enrolmentOpensAt', 'WINDOW_AFTER_END', 'windowAfterEnd'));
    }

    const ids = [program.hostInstitutionId, ...(partnerIds ?? [])];
    const kinds = new Map(
      (await manager.find(Institution, { where: { id: In(ids) }, select: { id: true, kind: true } })).map((i) => [
        i.id,
        i.kind,
      ]),
    );
    const hostKind = kinds.get(program.hostInstitutionId);
    if (!hostKind) problems.push(problem('hostInstitutionId', 'UNKNOWN_INSTITUTION', 'unknownInstitution'));
    else if (hostKind !== 'host')
      problems.push(problem('hostInstitutionId', 'INSTITUTION_KIND', 'institutionKind', { kind: 'host' }));
    (partnerIds ?? []).forEach((id, index) => {
      const kind = kinds.get(id);
      const field = `partnerInstitutionIds[${index}]`;
      if (!kind) problems.push(problem(field, 'UNKNOWN_INSTITUTION', 'unknownInstitution'));
      else if (kind !== 'partner')
        problems.push(problem(field, 'INSTITUTION_KIND', 'institutionKind', { kind: 'partner' }));
    });
    return problems;
  }

  private apply(program: Program, dto: UpdateProgramDto): void {
    const {
      completionRule,
      attendanceRule,
      enrolmentOpensAt,
      enrolmentClosesAt,
      partnerInstitutionIds: _partners,
      partnerQuotas: _quotas,
      hostReview,
      ...plain
    } = dto;
    Object.assign(program, plain);
    // `null` on a switch means "off", as on every cleared optional field.
    if (hostReview !== undefined) program.hostReview = hostReview === true;
    if (enrolmentOpensAt !== undefined) program.enrolmentOpensAt = enrolmentOpensAt ? new Date(enrolmentOpensAt) : null;
    if (enrolmentClosesAt !== undefined)
      program.enrolmentClosesAt = enrolmentClosesAt ? new Date(enrolmentClosesAt) : null;
    if (completionRule) {
      program.minAttendanceRate = completionRule.minAttendanceRate;
      program.passingScore = completionRule.passingScore ?? null;
      program.certificateValidityMonths = completionRule.certificateValidityMonths ?? null;
    }
    if (attendanceRule) {
      program.minMinutesPresentRate = attendanceRule.minMinutesPresentRate;
      program.graceMinutes = attendanceRule.graceMinutes;
    }
  }

  async create(dto: CreateProgramDto, ctx: RequestContext): Promise<ProgramView> {
    return this.write(async (manager) => {
      const program = manager.create(Program, {
        status: 'draft',
        minAttendanceRate: 0.75,
        passingScore: null,
        certificateValidityMonths: null,
        minMinutesPresentRate: DEFAULT_ATTENDANCE_RULE.minMinutesPresentRate,
        graceMinutes: DEFAULT_ATTENDANCE_RULE.graceMinutes,
      });
      this.apply(program, dto);
      const problems = [
        ...(await this.problems(manager, program, dto.partnerInstitutionIds ?? [])),
        ...(await this.quotaProblems(manager, program, dto.partnerInstitutionIds ?? [], dto.partnerQuotas ?? [], {
          quotasGiven: true,
        })),
      ];
      if (problems.length) throw ProblemException.validation(problems);
      const { id } = await manager.save(program);
      // Reloaded: the seat counters are the database's to set.
      const saved = await manager.findOneByOrFail(Program, { id });
      await this.setPartners(manager, saved.id, dto.partnerInstitutionIds ?? []);
      await this.setQuotas(manager, saved.id, dto.partnerQuotas ?? []);
      await this.audit.record(manager, ctx, {
        action: 'program.create',
        entityType: 'program',
        entityId: saved.id,
        details: { ...dto },
      });
      return this.view(manager, saved);
    });
  }

  async update(id: string, dto: UpdateProgramDto, ctx: RequestContext): Promise<ProgramView> {
    return this.write(async (manager) => {
      const program = await manager.findOne(Program, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!program) throw ProblemException.notFound();
      if (!EDITABLE.includes(program.status)) {
        throw ProblemException.conflict(ErrorCode.ProgramNotEditable, { params: { status: program.status } });
      }
      this.apply(program, dto);
      // `null` clears the quotas, as it clears every optional field.
      const quotas = dto.partnerQuotas === null ? [] : dto.partnerQuotas;
      const problems = [
        ...(await this.problems(manager, program, dto.partnerInstitutionIds)),
        ...(await this.quotaProblems(
          manager,
          program,
          dto.partnerInstitutionIds ?? (await this.partnersOf(manager, [id])).get(id) ?? [],
          quotas ?? (await this.quotasOf(manager, id)),
          { quotasGiven: quotas !== undefined },
        )),
      ];
      if (problems.length) throw ProblemException.validation(problems);
      if (quotas) await this.assertQuotasHoldConfirmed(manager, id, quotas);
      if (program.capacity < program.confirmedCount) {
        throw ProblemException.conflict(ErrorCode.CapacityBelowConfirmed, {
          params: { confirmed: program.confirmedCount },
          errors: [
            {
              field: 'capacity',
              code: ErrorCode.CapacityBelowConfirmed,
              messageKey: 'errors.CAPACITY_BELOW_CONFIRMED.detail',
              params: { confirmed: program.confirmedCount },
            },
          ],
        });
      }
      await this.assertSessionsInside(manager, program);
      await manager.save(program);
      if (quotas) await this.setQuotas(manager, id, quotas);
      // More seats (or quotas moved): each pool's wait-list moves up at once, oldest first.
      const locked = await lockProgram(manager, id);
      const promoted = locked ? await fillSeats(manager, locked) : [];
      await this.notifier.enrolmentsDecided(manager, promoted, true);
      const saved = await manager.findOneByOrFail(Program, { id });
      if (dto.partnerInstitutionIds) await this.setPartners(manager, id, dto.partnerInstitutionIds);
      await this.audit.record(manager, ctx, {
        action: 'program.update',
        entityType: 'program',
        entityId: id,
        details: { ...dto },
      });
      await this.audit.recordMany(
        manager,
        ctx,
        promoted.map((enrolmentId) => ({
          action: 'enrolment.promote',
          entityType: 'enrolment',
          entityId: enrolmentId,
          details: { programId: id, from: 'waitlisted', to: 'confirmed', reason: 'capacity' },
        })),
      );
      return this.view(manager, saved);
    });
  }

  /** New dates or a new time zone must still contain every session of the program. */
  private async assertSessionsInside(manager: EntityManager, program: Program): Promise<void> {
    const { from, until } = programSpan(program);
    const [{ outside }] = (await manager.query(
      `SELECT count(*)::int AS outside FROM sessions WHERE program_id = $1 AND (starts_at < $2 OR ends_at > $3)`,
      [program.id, from, until],
    )) as { outside: number }[];
    if (outside > 0) {
      throw ProblemException.conflict(ErrorCode.SessionsOutsideDates, {
        params: { count: outside },
        errors: [
          {
            field: 'startDate',
            code: ErrorCode.SessionsOutsideDates,
            messageKey: 'errors.SESSIONS_OUTSIDE_DATES.detail',
            params: { count: outside },
          },
        ],
      });
    }
  }

  /**
   * The quotas' own rules: their sum within the capacity, each a partner institution, and one of the program's
   * partners when it names any. Problems name the quotas when the request gave them, else the capacity or the
   * partner list that broke them.
   */
  private async quotaProblems(
    manager: EntityManager,
    program: Program,
    partnerIds: string[],
    quotas: PartnerQuota[],
    { quotasGiven }: { quotasGiven: boolean },
  ): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    const sum = quotas.reduce((total, quota) => total + quota.seats, 0);
    if (sum > program.capacity) {
      problems.push(
        problem(quotasGiven ? 'partnerQuotas' : 'capacity', 'QUOTA_SUM_EXCEEDS_CAPACITY', 'quotaSumExceedsCapacity', {
          sum,
          capacity: program.capacity,
        }),
      );
    }
    const kinds = new Map(
      (quotas.length
        ? await manager.find(Institution, {
            where: { id: In(quotas.map((q) => q.institutionId)) },
            select: { id: true, kind: true },
          })
        : []
      ).map((i) => [i.id, i.kind]),
    );
    quotas.forEach((quota, index) => {
      const field = quotasGiven ? `partnerQuotas[${index}].institutionId` : 'partnerInstitutionIds';
      const kind = kinds.get(quota.institutionId);
      if (!kind) problems.push(problem(field, 'UNKNOWN_INSTITUTION', 'unknownInstitution'));
      else if (kind !== 'partner')
        problems.push(problem(field, 'INSTITUTION_KIND', 'institutionKind', { kind: 'partner' }));
      else if (partnerIds.length && !partnerIds.includes(quota.institutionId)) {
        problems.push(problem(field, 'QUOTA_NOT_PARTNER', 'quotaNotPartner'));
      }
    });
    return problems;
  }

  /** A quota may not drop below the people of its institution already confirmed (409 naming the quota's seats). */
  private async assertQuotasHoldConfirmed(
    manager: EntityManager,
    programId: string,
    quotas: PartnerQuota[],
  ): Promise<void> {
    if (!quotas.length) return;
    const confirmed = new Map(
      (
        (await manager.query(
          `SELECT t.institution_id AS "institutionId", count(*)::int AS confirmed
             FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
            WHERE e.program_id = $1 AND e.status = 'confirmed' AND t.institution_id = ANY($2::uuid[])
            GROUP BY t.institution_id`,
          [programId, quotas.map((q) => q.institutionId)],
        )) as { institutionId: string; confirmed: number }[]
      ).map((r) => [r.institutionId, r.confirmed]),
    );
    const errors = quotas
      .map((quota, index) => ({ quota, index, confirmed: confirmed.get(quota.institutionId) ?? 0 }))
      .filter(({ quota, confirmed: count }) => quota.seats < count)
      .map(({ index, confirmed: count }) => ({
        field: `partnerQuotas[${index}].seats`,
        code: ErrorCode.QuotaBelowConfirmed,
        messageKey: 'errors.QUOTA_BELOW_CONFIRMED.detail',
        params: { confirmed: count },
      }));
    if (errors.length) {
      throw ProblemException.conflict(ErrorCode.QuotaBelowConfirmed, { params: errors[0].params, errors });
    }
  }

  private async setQuotas(manager: EntityManager, programId: string, quotas: PartnerQuota[]): Promise<void> {
    await manager.delete(ProgramQuota, { programId });
    if (quotas.length) {
      await manager.insert(
        ProgramQuota,
        quotas.map(({ institutionId, seats }) => ({ programId, institutionId, seats })),
      );
    }
  }

  private async setPartners(manager: EntityManager, programId: string, institutionIds: string[]): Promise<void> {
    await manager.delete(ProgramPartner, { programId });
    if (institutionIds.length) {
      await manager.insert(
        ProgramPartner,
        institutionIds.map((institutionId) => ({ programId, institutionId })),
      );
    }
  }

  async transition(id: string, to: 'published' | 'cancelled', ctx: RequestContext): Promise<ProgramView> {
    const allowedFrom: Record<typeof to, ProgramStatus[]> = { published: ['draft'], cancelled: ['draft', 'published'] };
    return this.dataSource.transaction(async (manager) => {
      const program = await manager.findOne(Program, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!program) throw ProblemException.notFound();
      if (!allowedFrom[to].includes(program.status)) {
        throw ProblemException.conflict(ErrorCode.InvalidTransition, { params: { from: program.status, to } });
      }
      const from = program.status;
      program.status = to;
      await manager.save(program);
      const ended = to === 'cancelled' ? await this.sessionsCancelledWith(manager, id, from, ctx) : [];
      const action = to === 'published' ? 'program.publish' : 'program.cancel';
      await this.audit.record(manager, ctx, {
        action,
        entityType: 'program',
        entityId: id,
        details: { from, to, ...(to === 'cancelled' ? { enrolmentsCancelled: ended.length } : {}) },
      });
      await this.audit.recordMany(
        manager,
        ctx,
        ended.map((e) => ({
          action: 'enrolment.cancel',
          entityType: 'enrolment',
          entityId: e.id,
          details: {
            programId: id,
            from: e.from,
            to: 'cancelled',
            reason: 'program-cancelled',
            ...(e.roomId ? { roomReleased: e.roomId } : {}),
          },
        })),
      );
      // Reloaded: the seat counters are the database's to set.
      return this.view(manager, await manager.findOneByOrFail(Program, { id }));
    });
  }

  /**
   * A cancelled program's sessions are cancelled with it: each event's SEQUENCE rises, so calendars replace
   * their copy with the cancelled one; its instructors' time is free again (session_instructors.during, whose
   * trigger reads the program's status). Every enrolment still under way (pending, nominated, confirmed,
   * wait-listed) ends `cancelled` under the program's row lock (taken by `transition`): the counters go to zero
   * and nobody is promoted — there is nothing left to take part in — and their beds in the camp's rooms are
   * released. If it was published, everyone concerned is told (Notifier.programCancelled). Returns the
   * cancelled enrolments with the status each had, for their audit events.
   */
  private async sessionsCancelledWith(
    manager: EntityManager,
    programId: string,
    from: ProgramStatus,
    ctx: RequestContext,
  ): Promise<{ id: string; from: EnrolmentStatus; roomId: string | null }[]> {
    await manager.query(`UPDATE sessions SET sequence = sequence + 1, updated_at = now() WHERE program_id = $1`, [
      programId,
    ]);
    await manager.query(
      `UPDATE session_instructors SET during = during
        WHERE session_id IN (SELECT id FROM sessions WHERE program_id = $1)`,
      [programId],
    );
    const [ended] = (await manager.query(
      `WITH active AS (
         SELECT id, status FROM enrolments
          WHERE program_id = $1 AND status IN ('pending', 'nominated', 'confirmed', 'waitlisted')
          FOR UPDATE
       ), released AS (
         DELETE FROM room_assignments ra USING active a WHERE ra.enrolment_id = a.id
         RETURNING ra.enrolment_id, ra.room_id
       )
       UPDATE enrolments e
          SET status = 'cancelled', decided_at = now(), decided_by = $2, updated_at = now()
         FROM active a LEFT JOIN released r ON r.enrolment_id = a.id
        WHERE e.id = a.id
       RETURNING e.id, a.status AS "from", r.room_id AS "roomId"`,
      [programId, ctx.viewer?.userId ?? null],
    )) as [{ id: string; from: EnrolmentStatus; roomId: string | null }[], number];
    await manager.query(
      `UPDATE programs SET confirmed_count = 0, waitlisted_count = 0, pending_count = 0, nominated_count = 0
        WHERE id = $1`,
      [programId],
    );
    if (from === 'published') {
      await this.notifier.programCancelled(
        manager,
        programId,
        ended.map((e) => e.id),
      );
    }
    return ended;
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_programs_code')) {
        throw ProblemException.conflict(ErrorCode.ProgramCodeExists, {
          errors: [
            { field: 'code', code: ErrorCode.ProgramCodeExists, messageKey: 'errors.PROGRAM_CODE_EXISTS.detail' },
          ],
        });
      }
      throw error;
    }
  }
}
