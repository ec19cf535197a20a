import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  LOGISTICS_ITEMS,
  Role,
  type EnrolmentLogistics,
  type LogisticsConsent,
  type LogisticsItem,
  type LogisticsSettings,
  type LogisticsStatusEntry,
  type MyLogisticsEntry,
  type Page,
  type SensitivePurpose,
} from '@skillbridge/contracts';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { scopeQuery } from '../../common/auth/record-scope';
import { signedIn, type RequestContext, type Viewer } from '../../common/auth/viewer';
import { Secrets } from '../../common/crypto/secrets';
import { paginateRaw } from '../../common/pagination/keyset';
import { ProblemException, type FieldProblem } from '../../common/problem/problem.exception';
import { AuditService, type AuditEntry } from '../audit/audit.service';
import { Enrolment } from '../enrolments/enrolment.entity';
import { ENROLMENT_SCOPE } from '../enrolments/enrolment.scope';
import { AccessLog, returnedFields } from '../privacy/access-log.service';
import { Program } from '../programs/program.entity';
import { ProgramsService } from '../programs/programs.service';
import { missingArraySql, missingItems, missingSql, passportWarnings } from './completeness';
import type { UpdateEnrolmentLogisticsDto } from './dto/enrolment-logistics.dto';
import type { LogisticsSettingsDto } from './dto/logistics-settings.dto';
import type { LogisticsStatusQueryDto } from './dto/logistics-status-query.dto';
import { EnrolmentLogisticsRecord } from './enrolment-logistics.entity';
import { LogisticsConsentRecord } from './logistics-consent.entity';
import { ProgramLogisticsSettings } from './logistics-settings.entity';
import { RoomAssignment } from './room-assignment.entity';
import { openDietary, openPassport, sealDietary, sealPassport } from './sealed-details';

/**
 * The enrolments logistics concern: applications waiting for review and
 * confirmed seats. Pending applicants are asked early — visas take weeks —
 * and a rejection simply drops them from the lists.
 */
export const LOGISTICS_STATUSES = ['pending', 'confirmed'] as const;
const STATUSES_SQL = LOGISTICS_STATUSES.map((s) => `'${s}'`).join(', ');

/** Which item of the program's `collect` each section of a request belongs to. */
const SECTION_ITEM: Record<string, LogisticsItem> = {
  arrival: 'travel',
  departure: 'travel',
  passport: 'passport',
  dietary: 'dietary',
  emergencyContact: 'emergencyContact',
  gender: 'accommodation',
};

/** The person's details in an enrolment's logistics, by section, as the access log names what was read. */
const LOGGED_SECTIONS = ['passport', 'dietary', 'emergencyContact', 'arrival', 'departure', 'gender', 'room'];

const NO_SETTINGS: LogisticsSettings = { collect: [], arrivalPoints: [] };

function toSettingsView(row: ProgramLogisticsSettings | null): LogisticsSettings {
  if (!row) return { ...NO_SETTINGS };
  return {
    collect: LOGISTICS_ITEMS.filter((item) => row.collect.includes(item)),
    ...(row.dueDate ? { dueDate: row.dueDate } : {}),
    arrivalPoints: row.arrivalPoints,
  };
}

interface StatusRaw {
  enrolment_id: string;
  trainee_id: string;
  full_name: string;
  full_name_latin: string | null;
  institution_id: string | null;
  missing: LogisticsItem[];
  gender: LogisticsStatusEntry['gender'] | null;
  arrival_at: Date | null;
  room_id: string | null;
  passport_sealed: string | null;
  end_date: string;
}

@Injectable()
export class LogisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly audit: AuditService,
    private readonly secrets: Secrets,
    private readonly accessLog: AccessLog,
  ) {}

  // ---- settings --------------------------------------------------------------------------------

  private async settingsOf(manager: EntityManager, programId: string): Promise<LogisticsSettings> {
    return toSettingsView(await manager.findOneBy(ProgramLogisticsSettings, { programId }));
  }

  async settings(programId: string, ctx: RequestContext): Promise<LogisticsSettings> {
    await this.programs.findVisible(programId, signedIn(ctx));
    return this.settingsOf(this.dataSource.manager, programId);
  }

  async putSettings(programId: string, dto: LogisticsSettingsDto, ctx: RequestContext): Promise<LogisticsSettings> {
    await this.programs.findVisible(programId, signedIn(ctx));
    return this.dataSource.transaction(async (manager) => {
      const row = manager.create(ProgramLogisticsSettings, {
        programId,
        collect: LOGISTICS_ITEMS.filter((item) => dto.collect.includes(item)),
        dueDate: dto.dueDate ?? null,
        arrivalPoints: dto.arrivalPoints ?? [],
      });
      await manager.save(row);
      const view = await this.settingsOf(manager, programId);
      await this.audit.record(manager, ctx, {
        action: 'logistics.settings',
        entityType: 'program',
        entityId: programId,
        details: { ...view },
      });
      return view;
    });
  }

  // ---- one enrolment ---------------------------------------------------------------------------

  /** The enrolment with its program, if the viewer may see it (the trainee, their partner, an admin); else 404. */
  private async visibleEnrolment(
    manager: EntityManager,
    id: string,
    viewer: Viewer,
    lock = false,
  ): Promise<Enrolment & { program: Program }> {
    const query = manager
      .getRepository(Enrolment)
      .createQueryBuilder('e')
      .innerJoinAndSelect('e.program', 'p')
      .where('e.id = :id', { id });
    if (lock) query.setLock('pessimistic_write', undefined, ['e']);
    const enrolment = await scopeQuery(ENROLMENT_SCOPE, viewer, query, 'e').getOne();
    if (!enrolment) throw ProblemException.notFound();
    return enrolment as Enrolment & { program: Program };
  }

  async get(enrolmentId: string, ctx: RequestContext): Promise<EnrolmentLogistics> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      const enrolment = await this.visibleEnrolment(manager, enrolmentId, viewer);
      const view = await this.view(manager, enrolment);
      if (view.passport) await this.auditPassportRead(manager, ctx, enrolment);
      // In the read's transaction: no details leave without their entry in the access log.
      await this.accessLog.record(
        ctx,
        [{ traineeId: enrolment.traineeId }],
        'logistics',
        returnedFields(view, LOGGED_SECTIONS),
        manager,
      );
      return view;
    });
  }

  /** Staff reading someone's passport data leave a trace; the person reading their own does not. */
  private async auditPassportRead(manager: EntityManager, ctx: RequestContext, enrolment: Enrolment): Promise<void> {
    if (signedIn(ctx).role === Role.Trainee) return;
    await this.audit.record(manager, ctx, {
      action: 'logistics.passport_read',
      entityType: 'enrolment',
      entityId: enrolment.id,
      details: { programId: enrolment.programId, traineeId: enrolment.traineeId },
    });
  }

  async update(
    enrolmentId: string,
    dto: UpdateEnrolmentLogisticsDto,
    ctx: RequestContext,
  ): Promise<EnrolmentLogistics> {
    const viewer = signedIn(ctx);
    return this.dataSource.transaction(async (manager) => {
      const enrolment = await this.visibleEnrolment(manager, enrolmentId, viewer, true);
      const settings = await this.settingsOf(manager, enrolment.programId);
      const record =
        (await manager.findOneBy(EnrolmentLogisticsRecord, { enrolmentId })) ??
        manager.create(EnrolmentLogisticsRecord, { enrolmentId });
      // A withdrawn consent is not on record (issue 23): new passport or dietary data needs a new one.
      const onRecord = await manager.find(LogisticsConsentRecord, { where: { enrolmentId, withdrawnAt: IsNull() } });
      const problems: FieldProblem[] = [];

      // Only what the program collects (clearing is always allowed).
      for (const [section, item] of Object.entries(SECTION_ITEM)) {
        const value = dto[section as keyof UpdateEnrolmentLogisticsDto];
        if (value !== undefined && value !== null && !settings.collect.includes(item)) {
          problems.push({ field: section, code: 'NOT_COLLECTED', messageKey: 'validation.notCollected' });
        }
      }
      for (const leg of ['arrival', 'departure'] as const) {
        const point = dto[leg]?.point;
        if (point && settings.arrivalPoints.length && !settings.arrivalPoints.includes(point)) {
          problems.push({
            field: `${leg}.point`,
            code: 'IS_IN',
            messageKey: 'validation.isIn',
            params: { values: settings.arrivalPoints.join(', ') },
          });
        }
      }

      // Consents: given by the person themself in the app, or recorded by staff as collected on paper.
      const consents = dto.consents ?? [];
      consents.forEach((consent, index) => {
        if (consent.collected === 'self' && viewer.role !== Role.Trainee) {
          problems.push({
            field: `consents[${index}].collected`,
            code: 'CONSENT_SELF_ONLY',
            messageKey: 'validation.consentSelfOnly',
          });
        }
        if (consent.collected === 'paper' && viewer.role === Role.Trainee) {
          problems.push({
            field: `consents[${index}].collected`,
            code: 'CONSENT_PAPER_ONLY',
            messageKey: 'validation.consentPaperOnly',
          });
        }
      });
      const consented = new Set<SensitivePurpose>([
        ...onRecord.map((c) => c.purpose),
        ...consents.map((c) => c.purpose),
      ]);
      for (const purpose of ['passport', 'dietary'] as const) {
        if (dto[purpose] && !consented.has(purpose)) {
          problems.push({
            field: 'consents',
            code: 'CONSENT_REQUIRED',
            messageKey: `validation.${purpose}ConsentRequired`,
          });
        }
      }

      // The sections as they will be.
      const sections: string[] = [];
      const cleared: string[] = [];
      const mark = (section: string, value: unknown) => {
        if (value === undefined) return false;
        (value === null ? cleared : sections).push(section);
        return true;
      };
      if (mark('arrival', dto.arrival)) {
        record.arrivalAt = dto.arrival ? new Date(dto.arrival.at) : null;
        record.arrivalCarrier = dto.arrival?.carrier ?? null;
        record.arrivalNumber = dto.arrival?.number ?? null;
        record.arrivalPoint = dto.arrival?.point ?? null;
      }
      if (mark('departure', dto.departure)) {
        record.departureAt = dto.departure ? new Date(dto.departure.at) : null;
        record.departureCarrier = dto.departure?.carrier ?? null;
        record.departureNumber = dto.departure?.number ?? null;
        record.departurePoint = dto.departure?.point ?? null;
      }
      if (record.arrivalAt && record.departureAt && record.departureAt <= record.arrivalAt) {
        problems.push({
          field: dto.departure ? 'departure.at' : 'arrival.at',
          code: 'ENDS_BEFORE_START',
          messageKey: 'validation.endsBeforeStart',
        });
      }
      if (problems.length) throw ProblemException.validation(problems);

      if (mark('passport', dto.passport)) {
        record.passportSealed = dto.passport
          ? sealPassport(this.secrets, {
              number: dto.passport.number,
              fullNameAsInPassport: dto.passport.fullNameAsInPassport,
              nationality: dto.passport.nationality,
              dateOfBirth: dto.passport.dateOfBirth,
              expiresOn: dto.passport.expiresOn,
            })
          : null;
        if (dto.passport) record.passportDeletedAt = null;
      }
      if (mark('dietary', dto.dietary)) {
        record.dietarySealed = dto.dietary
          ? sealDietary(this.secrets, {
              needs: dto.dietary.needs,
              ...(dto.dietary.needs.includes('other') && dto.dietary.other ? { other: dto.dietary.other } : {}),
              ...(dto.dietary.allergies ? { allergies: dto.dietary.allergies } : {}),
            })
          : null;
      }
      if (mark('gender', dto.gender)) record.gender = dto.gender ?? null;
      if (mark('emergencyContact', dto.emergencyContact)) {
        record.emergencyName = dto.emergencyContact?.name ?? null;
        record.emergencyRelationship = dto.emergencyContact?.relationship ?? null;
        record.emergencyPhone = dto.emergencyContact?.phone ?? null;
      }

      const entries: AuditEntry[] = [];
      for (const consent of consents) {
        const inserted = (await manager.query(
          `INSERT INTO logistics_consents (enrolment_id, purpose, notice_version, collected, recorded_by)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT ("enrolment_id", "purpose", "notice_version") DO UPDATE
             SET withdrawn_at = NULL, given_at = now(), collected = EXCLUDED.collected, recorded_by = EXCLUDED.recorded_by
             -- Given again to the same version after a withdrawal: in force again (the trail keeps both events).
             WHERE logistics_consents.withdrawn_at IS NOT NULL
           RETURNING id`,
          [enrolmentId, consent.purpose, consent.noticeVersion, consent.collected, viewer.userId],
        )) as { id: string }[];
        if (inserted.length) {
          entries.push({
            action: 'logistics.consent',
            entityType: 'enrolment',
            entityId: enrolmentId,
            details: {
              programId: enrolment.programId,
              purpose: consent.purpose,
              noticeVersion: consent.noticeVersion,
              collected: consent.collected,
            },
          });
        }
      }
      if (sections.length || cleared.length) {
        record.updatedBy = viewer.userId;
        await manager.save(record);
        // Which sections changed, never their values: the trail must not hold passport or health data.
        entries.push({
          action: 'logistics.update',
          entityType: 'enrolment',
          entityId: enrolmentId,
          details: { programId: enrolment.programId, traineeId: enrolment.traineeId, sections, cleared },
        });
      }
      await this.audit.recordMany(manager, ctx, entries);
      const view = await this.view(manager, enrolment);
      // Passport data the caller did not just send is a read like any other.
      if (view.passport && dto.passport === undefined) await this.auditPassportRead(manager, ctx, enrolment);
      return view;
    });
  }

  private async view(manager: EntityManager, enrolment: Enrolment & { program: Program }): Promise<EnrolmentLogistics> {
    const settings = await this.settingsOf(manager, enrolment.programId);
    const record = await manager.findOneBy(EnrolmentLogisticsRecord, { enrolmentId: enrolment.id });
    const consents = await manager.find(LogisticsConsentRecord, {
      where: { enrolmentId: enrolment.id, withdrawnAt: IsNull() },
      order: { givenAt: 'ASC', id: 'ASC' },
    });
    const [room] = (await manager.query(
      `SELECT r.id, r.name FROM room_assignments a JOIN rooms r ON r.id = a.room_id WHERE a.enrolment_id = $1`,
      [enrolment.id],
    )) as { id: string; name: string }[];
    const passport = record?.passportSealed ? openPassport(this.secrets, record.passportSealed) : undefined;
    const dietary = record?.dietarySealed ? openDietary(this.secrets, record.dietarySealed) : undefined;
    const missing = missingItems(settings.collect, record);
    const leg = (at: Date | null, carrier: string | null, number: string | null, point: string | null) =>
      at
        ? {
            at: at.toISOString(),
            ...(carrier ? { carrier } : {}),
            ...(number ? { number } : {}),
            ...(point ? { point } : {}),
          }
        : undefined;
    const arrival = record && leg(record.arrivalAt, record.arrivalCarrier, record.arrivalNumber, record.arrivalPoint);
    const departure =
      record && leg(record.departureAt, record.departureCarrier, record.departureNumber, record.departurePoint);
    return {
      enrolmentId: enrolment.id,
      programId: enrolment.programId,
      traineeId: enrolment.traineeId,
      settings,
      timeZone: enrolment.program.timezone,
      ...(arrival ? { arrival } : {}),
      ...(departure ? { departure } : {}),
      ...(passport ? { passport } : {}),
      ...(dietary ? { dietary } : {}),
      ...(record?.gender ? { gender: record.gender } : {}),
      ...(record?.emergencyPhone
        ? {
            emergencyContact: {
              name: record.emergencyName ?? '',
              relationship: record.emergencyRelationship ?? '',
              phone: record.emergencyPhone,
            },
          }
        : {}),
      consents: consents.map((c): LogisticsConsent => ({
        purpose: c.purpose,
        noticeVersion: c.noticeVersion,
        collected: c.collected,
        givenAt: c.givenAt.toISOString(),
        recordedBy: c.recordedBy ?? '',
      })),
      ...(room ? { room: { id: room.id, name: room.name } } : {}),
      complete: missing.length === 0,
      missing,
      warnings: passportWarnings(passport?.expiresOn, enrolment.program.endDate),
      ...(record?.passportDeletedAt ? { passportDeletedAt: record.passportDeletedAt.toISOString() } : {}),
      ...(record?.updatedAt ? { updatedAt: record.updatedAt.toISOString() } : {}),
    };
  }

  // ---- lists -----------------------------------------------------------------------------------

  /**
   * Who has given what, for the program's pending and confirmed enrolments the
   * caller may see (admins: all; partners: their own institution's people),
   * by name. Only the warnings open sealed data, for the page's rows alone.
   */
  async list(
    programId: string,
    query: LogisticsStatusQueryDto,
    ctx: RequestContext,
  ): Promise<Page<LogisticsStatusEntry>> {
    const viewer = signedIn(ctx);
    await this.programs.findVisible(programId, viewer);
    const qb = this.dataSource
      .createQueryBuilder()
      .from(Enrolment, 'e')
      .innerJoin('e.trainee', 't')
      .innerJoin('e.program', 'p')
      .leftJoin(EnrolmentLogisticsRecord, 'l', 'l.enrolment_id = e.id')
      .leftJoin(ProgramLogisticsSettings, 's', 's.program_id = e.program_id')
      .leftJoin(RoomAssignment, 'ra', 'ra.enrolment_id = e.id')
      .select([
        'e.id AS enrolment_id',
        'e.trainee_id AS trainee_id',
        't.full_name AS full_name',
        't.full_name_latin AS full_name_latin',
        't.institution_id AS institution_id',
        `${missingArraySql()} AS missing`,
        'l.gender AS gender',
        'l.arrival_at AS arrival_at',
        'ra.room_id AS room_id',
        'l.passport_sealed AS passport_sealed',
        'p.end_date AS end_date',
      ])
      .where('e.program_id = :programId', { programId })
      .andWhere(`e.status IN (${STATUSES_SQL})`);
    scopeQuery(ENROLMENT_SCOPE, viewer, qb, 'e');
    const anyMissing = `(${LOGISTICS_ITEMS.map((item) => missingSql(item)).join(' OR ')})`;
    if (query.complete === true) qb.andWhere(`NOT ${anyMissing}`);
    if (query.complete === false) qb.andWhere(anyMissing);
    if (query.missing) qb.andWhere(missingSql(query.missing));
    if (query.institutionId) qb.andWhere('t.institution_id = :institutionId', { institutionId: query.institutionId });
    const page = await paginateRaw<StatusRaw>(qb, {
      keys: [
        { expression: 't.full_name', column: 'full_name', type: 'text' },
        { expression: 'e.id', column: 'enrolment_id', type: 'uuid' },
      ],
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return {
      items: page.items.map((r) => {
        const passport = r.passport_sealed ? openPassport(this.secrets, r.passport_sealed) : undefined;
        return {
          enrolmentId: r.enrolment_id,
          traineeId: r.trainee_id,
          fullName: r.full_name,
          ...(r.full_name_latin ? { fullNameLatin: r.full_name_latin } : {}),
          ...(r.institution_id ? { institutionId: r.institution_id } : {}),
          complete: r.missing.length === 0,
          missing: r.missing,
          warnings: passportWarnings(passport?.expiresOn, r.end_date),
          ...(r.gender ? { gender: r.gender } : {}),
          ...(r.arrival_at ? { arrivalAt: r.arrival_at.toISOString() } : {}),
          ...(r.room_id ? { roomId: r.room_id } : {}),
        };
      }),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * The trainee's own applications (pending, confirmed) to programs that
   * collect logistics and have not ended, with what is still needed: what "My
   * programs" shows beside each. Few per person, so no pages.
   */
  async mine(ctx: RequestContext): Promise<MyLogisticsEntry[]> {
    const viewer = signedIn(ctx);
    if (!viewer.traineeId) return [];
    const rows = (await this.dataSource.query(
      `SELECT e.id AS enrolment_id, e.program_id, s.due_date, ${missingArraySql()} AS missing
         FROM enrolments e
         JOIN programs p ON p.id = e.program_id
         JOIN program_logistics_settings s ON s.program_id = e.program_id AND cardinality(s.collect) > 0
         LEFT JOIN enrolment_logistics l ON l.enrolment_id = e.id
        WHERE e.trainee_id = $1 AND e.status IN (${STATUSES_SQL}) AND p.status = 'published'
          AND p.end_date >= (now() AT TIME ZONE p.timezone)::date
        ORDER BY p.start_date, e.id`,
      [viewer.traineeId],
    )) as { enrolment_id: string; program_id: string; due_date: string | null; missing: LogisticsItem[] }[];
    return rows.map((r) => ({
      enrolmentId: r.enrolment_id,
      programId: r.program_id,
      missing: r.missing,
      complete: r.missing.length === 0,
      ...(r.due_date ? { dueDate: r.due_date } : {}),
    }));
  }
}
