import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  type Enrolment as EnrolmentView,
  type EnrolmentQueueEntry,
  type CountryCode,
  type EnrolmentStatus,
  type LocalizedText,
  type MyEnrolment,
  type Page,
  type RosterEntry,
} from '@skillbridge/contracts';
import { DataSource, EntityManager, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { canSee, scopeQuery } from '../../common/auth/record-scope';
import { signedIn, type RequestContext, type Viewer } from '../../common/auth/viewer';
import { containsPattern } from '../../common/pagination/contains-pattern';
import { paginate, paginateRaw } from '../../common/pagination/keyset';
import { ProblemException } from '../../common/problem/problem.exception';
import { isUniqueViolation } from '../../database/errors';
import { AuditService, type AuditEntry } from '../audit/audit.service';
import { Notifier } from '../notifications/notifier';
import { Program } from '../programs/program.entity';
import { PROGRAM_SCOPE } from '../programs/program.scope';
import { ProgramsService } from '../programs/programs.service';
import { TRAINEE_SCOPE } from '../trainees/trainee.scope';
import { Trainee } from '../trainees/trainee.entity';
import { CreateEnrolmentDto } from './dto/create-enrolment.dto';
import { EnrolmentDecisionDto } from './dto/enrolment-decision.dto';
import { EnrolmentQueueQueryDto, MyEnrolmentsQueryDto, RosterQueryDto } from './dto/enrolment-queries.dto';
import { ENROLMENT_SCOPE } from './enrolment.scope';
import { Enrolment } from './enrolment.entity';
import { fillSeats, lockProgram, moveSeat, placeFor, poolOf, type LockedProgram } from './seats';

export function toEnrolmentView(e: Enrolment): EnrolmentView {
  return {
    id: e.id,
    programId: e.programId,
    traineeId: e.traineeId,
    status: e.status,
    createdAt: e.createdAt.toISOString(),
    ...(e.decidedAt ? { decidedAt: e.decidedAt.toISOString() } : {}),
    ...(e.decidedBy ? { decidedBy: e.decidedBy } : {}),
    ...(e.reason ? { reason: e.reason } : {}),
  };
}

/** The columns of roster lines (roster and review queue), read raw: no entities are built for a list. */
const ROSTER_COLUMNS = [
  'e.id AS id',
  'e.program_id AS program_id',
  'e.trainee_id AS trainee_id',
  'e.status AS status',
  'e.created_at AS created_at',
  'e.decided_at AS decided_at',
  'e.decided_by AS decided_by',
  'e.reason AS reason',
  'e.score AS score',
  'e.remarks AS remarks',
  't.full_name AS full_name',
  't.full_name_latin AS full_name_latin',
  't.email AS email',
  't.nationality AS nationality',
  't.institution_id AS institution_id',
  'i.code AS institution_code',
];

interface RosterRaw {
  id: string;
  program_id: string;
  trainee_id: string;
  status: EnrolmentStatus;
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  reason: string | null;
  score: string | null;
  remarks: string | null;
  full_name: string;
  full_name_latin: string | null;
  email: string;
  nationality: CountryCode;
  institution_id: string | null;
  institution_code: string | null;
}

function toRosterEntry(r: RosterRaw): RosterEntry {
  return {
    id: r.id,
    programId: r.program_id,
    traineeId: r.trainee_id,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    ...(r.decided_at ? { decidedAt: r.decided_at.toISOString() } : {}),
    ...(r.decided_by ? { decidedBy: r.decided_by } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    fullName: r.full_name,
    ...(r.full_name_latin ? { fullNameLatin: r.full_name_latin } : {}),
    email: r.email,
    nationality: r.nationality,
    ...(r.institution_id ? { institutionId: r.institution_id } : {}),
    ...(r.institution_code ? { institutionCode: r.institution_code } : {}),
    ...(r.score !== null ? { score: Number(r.score) } : {}),
    ...(r.remarks ? { remarks: r.remarks } : {}),
  };
}

/** Statuses an enrolment may be withdrawn or rejected from (a nominated one only by the host's admins). */
const ACTIVE: EnrolmentStatus[] = ['pending', 'nominated', 'confirmed', 'waitlisted'];
const REJECTABLE: EnrolmentStatus[] = ['pending', 'waitlisted'];
const HOST_REJECTABLE: EnrolmentStatus[] = [...REJECTABLE, 'nominated'];

/**
 * How the demo loader replays enrolments through create() (a request sets none of these): `pastWindow`, made
 * while the program's window was open (its 2024 programs); `manager`, in the loader's transaction, one for
 * hundreds of acts instead of a commit each; `createdAt`, the act's own time — in one transaction now() does not
 * move, and the order of registration (rosters, wait-lists) is the order of these times.
 */
export interface EnrolOptions {
  pastWindow?: boolean;
  manager?: EntityManager;
  createdAt?: Date;
}

/** What a decision on one enrolment may be. */
export type EnrolmentAction = 'approve' | 'reject' | 'withdraw' | 'accept';

function invalidTransition(from: EnrolmentStatus, to: EnrolmentStatus, field?: string): ProblemException {
  return ProblemException.conflict(ErrorCode.InvalidTransition, {
    params: { from, to },
    ...(field
      ? {
          errors: [
            {
              field,
              code: ErrorCode.InvalidTransition,
              messageKey: 'errors.INVALID_TRANSITION.detail',
              params: { from, to },
            },
          ],
        }
      : {}),
  });
}

@Injectable()
export class EnrolmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
  ) {}

  // ---- enrolling -------------------------------------------------------------------------------

  /**
   * Enrols a trainee: the trainee themself (pending: their partner
   * institution reviews them, or the admins when they belong to none; only an
   * account with a verified e-mail may apply), or an admin or the trainee's
   * own partner (decided at once: a seat or the wait-list).
   */
  async create(
    programId: string,
    dto: CreateEnrolmentDto,
    ctx: RequestContext,
    options: EnrolOptions = {},
  ): Promise<EnrolmentView> {
    const viewer = signedIn(ctx);
    await this.programs.findVisible(programId, viewer);
    const work = async (manager: EntityManager): Promise<EnrolmentView> => {
      const program = await lockProgram(manager, programId);
      if (!program) throw ProblemException.notFound();
      const trainee = await this.enrollee(manager, dto, viewer);
      if (program.status !== 'published') {
        throw new ProblemException(400, ErrorCode.ProgramNotOpen, { params: { status: program.status } });
      }
      if (viewer.role !== 'admin' && !options.pastWindow) this.assertWindowOpen(program);

      const existing = await manager.findOne(Enrolment, {
        where: { programId, traineeId: trainee.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing && existing.status !== 'withdrawn') {
        throw ProblemException.conflict(ErrorCode.AlreadyEnrolled, { params: { status: existing.status } });
      }
      // A trainee's own application waits for their partner's review. Someone of no partner institution takes a
      // seat (or the wait-list) at once — the public catalog's one flow — unless the host reviews everyone.
      // A partner enrolling its own trainee nominates them when the host reviews; an admin places at once.
      const status: EnrolmentStatus =
        viewer.role === 'trainee'
          ? trainee.institutionId || program.hostReview
            ? 'pending'
            : await placeFor(manager, program, trainee.institutionId)
          : viewer.role === 'partner' && program.hostReview
            ? 'nominated'
            : await placeFor(manager, program, trainee.institutionId);
      const now = new Date();
      const enrolment =
        existing ??
        manager.create(Enrolment, {
          programId,
          traineeId: trainee.id,
          ...(options.createdAt ? { createdAt: options.createdAt } : {}),
        });
      Object.assign(enrolment, {
        status,
        waitlistedAt: status === 'waitlisted' ? now : null,
        decidedAt: status === 'pending' ? null : now,
        decidedBy: status === 'pending' ? null : viewer.userId,
        reason: null,
      });
      const saved = await manager.save(enrolment);
      await moveSeat(manager, program, null, status);
      await this.audit.record(manager, ctx, {
        action: 'enrolment.create',
        entityType: 'enrolment',
        entityId: saved.id,
        details: { programId, traineeId: trainee.id, status, reenrolment: existing !== null },
      });
      if (status === 'pending') await this.notifier.applicationsReceived(manager, [saved.id]);
      else if (status === 'nominated') await this.notifier.enrolmentsNominated(manager, [saved.id]);
      else await this.notifier.enrolmentsDecided(manager, [saved.id]);
      return toEnrolmentView(saved);
    };
    try {
      return options.manager ? await work(options.manager) : await this.dataSource.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_enrolments_program_trainee')) {
        throw ProblemException.conflict(ErrorCode.AlreadyEnrolled, { params: { status: 'pending' } });
      }
      throw error;
    }
  }

  /** Who is being enrolled: the trainee themself, or the trainee an admin or their partner names. */
  private async enrollee(manager: EntityManager, dto: CreateEnrolmentDto, viewer: Viewer): Promise<Trainee> {
    if (viewer.role === 'trainee') {
      if (!viewer.emailVerified) throw new ProblemException(403, ErrorCode.EmailNotVerified);
      if (dto.traineeId && dto.traineeId !== viewer.traineeId) {
        throw ProblemException.invalidField('traineeId', 'SELF_ONLY', 'validation.selfOnly');
      }
      const self = viewer.traineeId ? await manager.findOneBy(Trainee, { id: viewer.traineeId }) : null;
      if (!self) throw ProblemException.invalidField('traineeId', 'NO_TRAINEE_PROFILE', 'validation.noTraineeProfile');
      return self;
    }
    if (!dto.traineeId) throw ProblemException.invalidField('traineeId', 'IS_DEFINED', 'validation.isDefined');
    const trainee = await manager.findOneBy(Trainee, { id: dto.traineeId });
    if (!trainee || !canSee(TRAINEE_SCOPE, viewer, trainee)) {
      throw ProblemException.invalidField('traineeId', 'UNKNOWN_TRAINEE', 'validation.unknownTrainee');
    }
    // An erased person stays erased: no new enrolment brings their record back to life (issue 23).
    if (trainee.anonymizedAt) throw ProblemException.conflict(ErrorCode.PersonErased);
    return trainee;
  }

  private assertWindowOpen(program: LockedProgram): void {
    const now = Date.now();
    const opens = program.enrolmentOpensAt;
    const closes = program.enrolmentClosesAt;
    if ((opens && now < new Date(opens).getTime()) || (closes && now >= new Date(closes).getTime())) {
      throw new ProblemException(400, ErrorCode.EnrolmentClosed, {
        params: {
          opens: opens ? new Date(opens).toISOString() : '—',
          closes: closes ? new Date(closes).toISOString() : '—',
        },
      });
    }
  }

  // ---- decisions -------------------------------------------------------------------------------

  /** Locks the program and then the enrolment (always in that order), if the caller may see it. */
  private async lockVisible(
    manager: EntityManager,
    id: string,
    viewer: Viewer,
  ): Promise<{ enrolment: Enrolment; program: LockedProgram }> {
    const peek = await scopeQuery(
      ENROLMENT_SCOPE,
      viewer,
      manager.getRepository(Enrolment).createQueryBuilder('e').where('e.id = :id', { id }),
    ).getOne();
    if (!peek) throw ProblemException.notFound();
    const program = await lockProgram(manager, peek.programId);
    const enrolment = await manager.findOne(Enrolment, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!program || !enrolment) throw ProblemException.notFound();
    return { enrolment, program };
  }

  /**
   * One decision on a locked enrolment. `approve` of a pending application places it (a seat or its pool's
   * wait-list) — or, by the partner of a program whose host reviews, nominates it; `accept` (admins) places a
   * nominated one; `reject` declines (a nominated one only by admins); `withdraw` leaves, and a seat left goes on
   * by the pools' rules (fillSeats).
   */
  private async applyDecision(
    manager: EntityManager,
    enrolment: Enrolment,
    program: LockedProgram,
    action: EnrolmentAction,
    viewer: Viewer,
    reason: string | null,
    field?: string,
  ): Promise<AuditEntry[]> {
    const from = enrolment.status;
    const institutionId = await this.institutionOf(manager, enrolment.traineeId);
    const assertOpen = () => {
      if (program.status !== 'published') {
        throw new ProblemException(409, ErrorCode.ProgramNotOpen, { params: { status: program.status } });
      }
    };
    let to: EnrolmentStatus;
    let audited: string = action;
    if (action === 'approve') {
      const nominates = viewer.role === 'partner' && program.hostReview;
      if (from !== 'pending') throw invalidTransition(from, nominates ? 'nominated' : 'confirmed', field);
      assertOpen();
      to = nominates ? 'nominated' : await placeFor(manager, program, institutionId);
      if (nominates) audited = 'nominate';
    } else if (action === 'accept') {
      if (from !== 'nominated') throw invalidTransition(from, 'confirmed', field);
      assertOpen();
      to = await placeFor(manager, program, institutionId);
    } else if (action === 'reject') {
      if (!(viewer.role === 'admin' ? HOST_REJECTABLE : REJECTABLE).includes(from)) {
        throw invalidTransition(from, 'rejected', field);
      }
      to = 'rejected';
    } else {
      if (!ACTIVE.includes(from)) throw invalidTransition(from, 'withdrawn', field);
      to = 'withdrawn';
    }
    const now = new Date();
    enrolment.status = to;
    enrolment.decidedAt = now;
    enrolment.decidedBy = viewer.userId;
    enrolment.reason = reason;
    if (to === 'waitlisted') enrolment.waitlistedAt = now;
    await manager.save(enrolment);
    await moveSeat(manager, program, from, to);
    // A trainee who leaves the camp leaves their bed too: the room takes someone else.
    const released =
      from === 'confirmed'
        ? (
            (await manager.query(`DELETE FROM room_assignments WHERE enrolment_id = $1 RETURNING room_id`, [
              enrolment.id,
            ])) as [{ room_id: string }[], number]
          )[0]
        : [];
    const entries: AuditEntry[] = [
      {
        action: `enrolment.${audited}`,
        entityType: 'enrolment',
        entityId: enrolment.id,
        details: {
          programId: program.id,
          from,
          to,
          ...(reason ? { reason } : {}),
          ...(released.length ? { roomReleased: released[0].room_id } : {}),
        },
      },
    ];
    if (from === 'confirmed') {
      for (const promoted of await fillSeats(manager, program, poolOf(program, institutionId))) {
        entries.push({
          action: 'enrolment.promote',
          entityType: 'enrolment',
          entityId: promoted,
          details: { programId: program.id, from: 'waitlisted', to: 'confirmed', after: enrolment.id },
        });
      }
    }
    return entries;
  }

  private async institutionOf(manager: EntityManager, traineeId: string): Promise<string | null> {
    const rows = (await manager.query(`SELECT institution_id FROM trainees WHERE id = $1`, [traineeId])) as {
      institution_id: string | null;
    }[];
    return rows[0]?.institution_id ?? null;
  }

  /** Tells the trainees of decided and promoted enrolments, in the decision's transaction. */
  private async notify(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
    const ids = (actions: string[]) =>
      entries.filter((e) => actions.includes(e.action)).map((e) => e.entityId as string);
    await this.notifier.enrolmentsDecided(manager, ids(['enrolment.approve', 'enrolment.reject', 'enrolment.accept']));
    await this.notifier.enrolmentsDecided(manager, ids(['enrolment.promote']), true);
    await this.notifier.enrolmentsNominated(manager, ids(['enrolment.nominate']));
    // The partner whose nominee the host accepted or declined hears it too (the trainee heard it above).
    const declined = entries.filter((e) => e.action === 'enrolment.reject' && e.details?.['from'] === 'nominated');
    await this.notifier.nominationsDecided(manager, [
      ...ids(['enrolment.accept']),
      ...declined.map((e) => e.entityId as string),
    ]);
  }

  async decide(
    id: string,
    action: EnrolmentAction,
    reason: string | null,
    ctx: RequestContext,
  ): Promise<EnrolmentView> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      const { enrolment, program } = await this.lockVisible(manager, id, viewer);
      const entries = await this.applyDecision(manager, enrolment, program, action, viewer, reason);
      await this.audit.recordMany(manager, ctx, entries);
      await this.notify(manager, entries);
      return toEnrolmentView(enrolment);
    });
  }

  /**
   * Approves or rejects many applications at once, all or none: one that the
   * caller may not see, or that is not in a state to be decided, refuses the
   * whole request, naming it. Programs are locked in id order, so two bulk
   * decisions never wait on each other in a circle.
   */
  async decideMany(dto: EnrolmentDecisionDto, ctx: RequestContext): Promise<EnrolmentView[]> {
    const viewer = signedIn(ctx);
    // Accepting nominations is the host's word: admins only, as on POST /enrolments/:id/accept.
    if (dto.action === 'accept' && viewer.role !== 'admin') throw new ProblemException(403, ErrorCode.Forbidden);
    const reason = dto.action === 'reject' ? (dto.reason ?? null) : null;
    if (dto.action === 'reject' && !reason) {
      throw ProblemException.invalidField('reason', 'IS_NOT_EMPTY', 'validation.isNotEmpty');
    }
    return this.dataSource.transaction(async (manager) => {
      const visible = await scopeQuery(
        ENROLMENT_SCOPE,
        viewer,
        manager.getRepository(Enrolment).createQueryBuilder('e').where('e.id IN (:...ids)', { ids: dto.enrolmentIds }),
      ).getMany();
      const programOf = new Map(visible.map((e) => [e.id, e.programId]));
      const unknown = dto.enrolmentIds.map((id, index) => ({ id, index })).filter(({ id }) => !programOf.has(id));
      if (unknown.length) {
        throw ProblemException.validation(
          unknown.map(({ index }) => ({
            field: `enrolmentIds[${index}]`,
            code: 'UNKNOWN_ENROLMENT',
            messageKey: 'validation.unknownEnrolment',
          })),
        );
      }
      const programs = new Map<string, LockedProgram>();
      for (const programId of [...new Set(programOf.values())].sort()) {
        const locked = await lockProgram(manager, programId);
        if (locked) programs.set(programId, locked);
      }
      const locked = await manager.find(Enrolment, {
        where: { id: In(dto.enrolmentIds) },
        order: { createdAt: 'ASC', id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const indexOf = new Map(dto.enrolmentIds.map((id, index) => [id, index]));
      const entries: AuditEntry[] = [];
      for (const enrolment of locked) {
        const program = programs.get(enrolment.programId);
        if (!program) throw ProblemException.notFound();
        entries.push(
          ...(await this.applyDecision(
            manager,
            enrolment,
            program,
            dto.action,
            viewer,
            reason,
            `enrolmentIds[${indexOf.get(enrolment.id)}]`,
          )),
        );
      }
      await this.audit.recordMany(manager, ctx, entries);
      await this.notify(manager, entries);
      const byId = new Map(locked.map((e) => [e.id, e]));
      return dto.enrolmentIds.map((id) => toEnrolmentView(byId.get(id) as Enrolment));
    });
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** Roster lines the viewer may see: enrolment, trainee and the trainee's institution code, read raw. */
  private rosterQuery(viewer: Viewer): SelectQueryBuilder<ObjectLiteral> {
    const qb = this.dataSource
      .createQueryBuilder()
      .from(Enrolment, 'e')
      .innerJoin('e.trainee', 't')
      .leftJoin('t.institution', 'i')
      .select(ROSTER_COLUMNS);
    return scopeQuery(ENROLMENT_SCOPE, viewer, qb);
  }

  private filter<Q extends SelectQueryBuilder<ObjectLiteral>>(
    qb: Q,
    query: { status?: string; institutionId?: string; nationality?: string; q?: string },
  ) {
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.institutionId) qb.andWhere('t.institution_id = :institutionId', { institutionId: query.institutionId });
    if (query.nationality) qb.andWhere('t.nationality = :nationality', { nationality: query.nationality });
    if (query.q) {
      qb.andWhere('(t.full_name ILIKE :pattern OR t.full_name_latin ILIKE :pattern OR t.email ILIKE :pattern)', {
        pattern: containsPattern(query.q),
      });
    }
    return qb;
  }

  /** The program's roster as the caller may see it (404 when they may not see the program). */
  async roster(programId: string, query: RosterQueryDto, ctx: RequestContext): Promise<Page<RosterEntry>> {
    const viewer = signedIn(ctx);
    // Whoever sees every program needs the program checked only when the page comes back empty (404 or an
    // empty roster): one round trip for the usual page instead of two.
    const seesAll = PROGRAM_SCOPE[viewer.role] === 'all';
    if (!seesAll) await this.programs.findVisible(programId, viewer);
    const qb = this.filter(this.rosterQuery(viewer), query).andWhere('e.program_id = :programId', { programId });
    const page = await paginateRaw<RosterRaw>(qb, {
      keys: [
        { expression: 'e.created_at', column: 'created_at', type: 'timestamp' },
        { expression: 'e.id', column: 'id', type: 'uuid' },
      ],
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    if (seesAll && page.items.length === 0) await this.programs.findVisible(programId, viewer);
    return { items: page.items.map(toRosterEntry), nextCursor: page.nextCursor };
  }

  /** The whole roster, a thousand lines at a time, for exports that stream. */
  async *rosterBatches(
    programId: string,
    query: RosterQueryDto,
    ctx: RequestContext,
  ): AsyncGenerator<RosterEntry[], void, undefined> {
    let cursor: string | undefined;
    do {
      const page = await this.roster(
        programId,
        Object.assign(new RosterQueryDto(), query, { limit: 1000, cursor }),
        ctx,
      );
      if (page.items.length) yield page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** Applications across programs, oldest first: the partner's review queue. */
  async queue(query: EnrolmentQueueQueryDto, ctx: RequestContext): Promise<Page<EnrolmentQueueEntry>> {
    const qb = this.filter(this.rosterQuery(signedIn(ctx)), query)
      .innerJoin('e.program', 'p')
      .addSelect('p.code', 'program_code')
      .addSelect('p.title', 'program_title');
    if (query.programId) qb.andWhere('e.program_id = :programId', { programId: query.programId });
    const page = await paginateRaw<RosterRaw & { program_code: string; program_title: LocalizedText }>(qb, {
      keys: [
        { expression: 'e.created_at', column: 'created_at', type: 'timestamp' },
        { expression: 'e.id', column: 'id', type: 'uuid' },
      ],
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return {
      items: page.items.map((e) => ({
        ...toRosterEntry(e),
        programCode: e.program_code,
        programTitle: e.program_title,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** The trainee's own enrolments, newest first, with their place on any wait-list. */
  async mine(query: MyEnrolmentsQueryDto, ctx: RequestContext): Promise<Page<MyEnrolment>> {
    const viewer = signedIn(ctx);
    const qb = this.dataSource
      .getRepository(Enrolment)
      .createQueryBuilder('e')
      .innerJoinAndSelect('e.program', 'p')
      .where('e.trainee_id = :traineeId', { traineeId: viewer.traineeId });
    const page = await paginate(qb, {
      keys: [
        { expression: 'e.created_at', property: 'createdAt', type: 'timestamp' },
        { expression: 'e.id', property: 'id', type: 'uuid' },
      ],
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const waiting = page.items.filter((e) => e.status === 'waitlisted').map((e) => e.id);
    const positions = new Map<string, number>(
      waiting.length
        ? // The place on the trainee's own pool's wait-list: their partner's quota's, or the open pool's.
          (
            (await this.dataSource.query(
              `SELECT e.id, (SELECT count(*)::int FROM enrolments w
                               JOIN trainees wt ON wt.id = w.trainee_id
                               LEFT JOIN program_quotas wq
                                      ON wq.program_id = w.program_id AND wq.institution_id = wt.institution_id
                              WHERE w.program_id = e.program_id AND w.status = 'waitlisted'
                                AND wq.institution_id IS NOT DISTINCT FROM eq.institution_id
                                AND (w.waitlisted_at, w.id) <= (e.waitlisted_at, e.id)) AS position
                 FROM enrolments e
                 JOIN trainees et ON et.id = e.trainee_id
                 LEFT JOIN program_quotas eq ON eq.program_id = e.program_id AND eq.institution_id = et.institution_id
                WHERE e.id = ANY($1::uuid[])`,
              [waiting],
            )) as { id: string; position: number }[]
          ).map((r) => [r.id, r.position])
        : [],
    );
    return {
      items: page.items.map((e) => {
        const p = e.program as Program;
        const position = positions.get(e.id);
        return {
          ...toEnrolmentView(e),
          program: {
            id: p.id,
            code: p.code,
            kind: p.kind,
            title: p.title,
            deliveryMode: p.deliveryMode,
            timezone: p.timezone,
            startDate: p.startDate,
            endDate: p.endDate,
            status: p.status,
          },
          ...(position !== undefined ? { waitlistPosition: position } : {}),
        };
      }),
      nextCursor: page.nextCursor,
    };
  }
}
