import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  TRAINEE_IMPORT_MAX_ROWS,
  type ImportPreviewRow,
  type ImportReport,
  type ImportRowError,
  type Page,
  type Trainee as TraineeView,
} from '@skillbridge/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { scopeQuery, visibleOr404 } from '../../common/auth/record-scope';
import { signedIn, type RequestContext, type Viewer } from '../../common/auth/viewer';
import { translate } from '../../common/i18n/translator';
import { containsPattern } from '../../common/pagination/contains-pattern';
import { paginate } from '../../common/pagination/keyset';
import { ProblemException } from '../../common/problem/problem.exception';
import { SheetReadPool } from '../../common/spreadsheet/sheet-read.pool';
import { isUniqueViolation } from '../../database/errors';
import { AuditService } from '../audit/audit.service';
import { Institution } from '../institutions/institution.entity';
import { PrivacyNoticesService } from '../privacy/notices/privacy-notices.service';
import { TraineeImportRecord } from '../privacy/trainee-import.entity';
import { defaultLocaleFor } from './default-locale';
import { CreateTraineeDto } from './dto/create-trainee.dto';
import { TraineeListQueryDto } from './dto/trainee-list-query.dto';
import { UpdateTraineeDto } from './dto/update-trainee.dto';
import { checkRow, sheetRows, type ImportRow, type RowProblem, type SheetRow } from './trainee-import';
import { TRAINEE_SCOPE } from './trainee.scope';
import { Trainee } from './trainee.entity';
import { ADVISORY_LOCK_KEYS } from '../../database/advisory-locks';

export function toTraineeView(t: Trainee): TraineeView {
  return {
    id: t.id,
    ...(t.userId ? { userId: t.userId } : {}),
    fullName: t.fullName,
    ...(t.fullNameLatin ? { fullNameLatin: t.fullNameLatin } : {}),
    email: t.email,
    nationality: t.nationality,
    ...(t.institutionId ? { institutionId: t.institutionId } : {}),
    preferredLocale: t.preferredLocale,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** The advisory lock that lets one trainee import write at a time. */
const IMPORT_LOCK_KEY = ADVISORY_LOCK_KEYS.traineeImport;

/** Fields only admins change; a partner or the trainee get a 400 naming the field. */
const ADMIN_ONLY: (keyof UpdateTraineeDto)[] = ['institutionId'];
/** Fields a trainee may change about themself. */
const SELF_EDITABLE: (keyof UpdateTraineeDto)[] = ['fullName', 'fullNameLatin', 'nationality', 'preferredLocale'];

interface ExistingTrainee {
  id: string;
  email: string;
  institutionId: string | null;
  preferredLocale: string;
}

@Injectable()
export class TraineesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sheets: SheetReadPool,
    private readonly notices: PrivacyNoticesService,
  ) {}

  async list(query: TraineeListQueryDto, ctx: RequestContext): Promise<Page<TraineeView>> {
    const qb = scopeQuery(TRAINEE_SCOPE, signedIn(ctx), this.dataSource.getRepository(Trainee).createQueryBuilder('t'));
    if (query.institutionId) qb.andWhere('t.institution_id = :institutionId', { institutionId: query.institutionId });
    if (query.nationality) qb.andWhere('t.nationality = :nationality', { nationality: query.nationality });
    if (query.q) {
      qb.andWhere('(t.full_name ILIKE :pattern OR t.full_name_latin ILIKE :pattern OR t.email ILIKE :pattern)', {
        pattern: containsPattern(query.q),
      });
    }
    const page = await paginate(qb, {
      keys: [
        { expression: 't.created_at', property: 'createdAt', type: 'timestamp' },
        { expression: 't.id', property: 'id', type: 'uuid' },
      ],
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(toTraineeView), nextCursor: page.nextCursor };
  }

  /** The trainee if the caller may see them (admins; their partner; themself), else 404. */
  async findVisible(manager: EntityManager, id: string, viewer: Viewer, lock = false): Promise<Trainee> {
    const trainee = await manager.findOne(Trainee, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return visibleOr404(TRAINEE_SCOPE, viewer, trainee);
  }

  async get(id: string, ctx: RequestContext): Promise<TraineeView> {
    return toTraineeView(await this.findVisible(this.dataSource.manager, id, signedIn(ctx)));
  }

  /** A partner-kind institution an admin may put a trainee in, else 400 on `institutionId`. */
  private async assertPartnerInstitution(manager: EntityManager, institutionId: string): Promise<void> {
    const institution = await manager.findOne(Institution, {
      where: { id: institutionId },
      select: { id: true, kind: true },
    });
    if (!institution) {
      throw ProblemException.invalidField('institutionId', 'UNKNOWN_INSTITUTION', 'validation.unknownInstitution');
    }
    if (institution.kind !== 'partner') {
      throw ProblemException.invalidField('institutionId', 'INSTITUTION_KIND', 'validation.institutionKind', {
        kind: 'partner',
      });
    }
  }

  private emailTaken(): ProblemException {
    return ProblemException.conflict(ErrorCode.TraineeEmailExists, {
      errors: [
        {
          field: 'email',
          code: ErrorCode.TraineeEmailExists,
          messageKey: 'errors.TRAINEE_EMAIL_EXISTS.detail',
        },
      ],
    });
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_trainees_email')) throw this.emailTaken();
      throw error;
    }
  }

  async create(dto: CreateTraineeDto, ctx: RequestContext): Promise<TraineeView> {
    const viewer = signedIn(ctx);
    return this.write(async (manager) => {
      let institutionId: string | null = null;
      if (viewer.role === 'partner') institutionId = viewer.institutionId;
      else if (dto.institutionId) {
        await this.assertPartnerInstitution(manager, dto.institutionId);
        institutionId = dto.institutionId;
      }
      const trainee = await manager.save(
        manager.create(Trainee, {
          fullName: dto.fullName,
          fullNameLatin: dto.fullNameLatin ?? null,
          email: dto.email,
          nationality: dto.nationality,
          institutionId,
          preferredLocale: dto.preferredLocale ?? defaultLocaleFor(dto.nationality),
          userId: null,
        }),
      );
      await this.audit.record(manager, ctx, {
        action: 'trainee.create',
        entityType: 'trainee',
        entityId: trainee.id,
        details: { ...dto, institutionId },
      });
      return toTraineeView(trainee);
    });
  }

  async update(id: string, dto: UpdateTraineeDto, ctx: RequestContext): Promise<TraineeView> {
    const viewer = signedIn(ctx);
    const given = (Object.keys(dto) as (keyof UpdateTraineeDto)[]).filter((key) => dto[key] !== undefined);
    const refused = given.filter(
      (key) =>
        (viewer.role !== 'admin' && ADMIN_ONLY.includes(key)) ||
        (viewer.role === 'trainee' && !SELF_EDITABLE.includes(key)),
    );
    return this.write(async (manager) => {
      const trainee = await this.findVisible(manager, id, viewer, true);
      // An erased person stays erased: their record takes no new names or address (issue 23).
      if (trainee.anonymizedAt) throw ProblemException.conflict(ErrorCode.PersonErased);
      if (refused.length) {
        throw ProblemException.validation(
          refused.map((field) => ({ field, code: 'NOT_CHANGEABLE', messageKey: 'validation.notChangeable' })),
        );
      }
      if (dto.email !== undefined && dto.email !== trainee.email && trainee.userId) {
        // The address is the account's sign-in; its owner changes it there.
        throw ProblemException.invalidField('email', 'LINKED_ACCOUNT', 'validation.emailOfAccount');
      }
      if (dto.institutionId) await this.assertPartnerInstitution(manager, dto.institutionId);
      Object.assign(trainee, dto);
      const saved = await manager.save(trainee);
      await this.audit.record(manager, ctx, {
        action: 'trainee.update',
        entityType: 'trainee',
        entityId: id,
        details: { ...dto },
      });
      return toTraineeView(saved);
    });
  }

  /**
   * Imports a spreadsheet of trainees, all or nothing: every row is checked
   * first (on its own, then against the database), and only a file without a
   * single problem is written — in one statement, whatever its length.
   * Existing trainees (same e-mail) are updated. A partner's rows always land
   * in its own institution and may only update its own people.
   */
  async import(
    file: Buffer,
    dryRun: boolean,
    ctx: RequestContext,
    attestation?: { noticeVersion: string },
  ): Promise<ImportReport> {
    const viewer = signedIn(ctx);
    // Decoding, parsing and unzipping happen in a worker thread; the rows come back as plain cells.
    const table = await this.sheets.read(file, { maxRows: TRAINEE_IMPORT_MAX_ROWS });
    const sheet = sheetRows(table.lines);
    const problems: RowProblem[] = [];
    const rows: ImportRow[] = [];
    const firstRowOf = new Map<string, number>();
    for (const line of sheet) {
      const checked = checkRow(line);
      problems.push(...checked.problems);
      if (!checked.value) continue;
      const first = firstRowOf.get(checked.value.email);
      if (first !== undefined) {
        problems.push({
          row: line.row,
          field: 'email',
          code: 'DUPLICATE_IN_FILE',
          messageKey: 'import.duplicateEmail',
          params: { row: first },
        });
        continue;
      }
      firstRowOf.set(checked.value.email, line.row);
      rows.push(checked.value);
    }

    return this.dataSource.transaction(async (manager) => {
      // One import at a time. Two files naming the same people lock their rows in the files' orders;
      // PostgreSQL broke such a cycle as a deadlock, and the import failed with a 500. Waiting for the
      // import before is cheap (they are rare and take seconds), and each then plans on what that one wrote.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK_KEY]);
      const institutions = await this.institutionsByCode(manager, rows, viewer, problems);
      const existing = new Map<string, ExistingTrainee>(
        rows.length === 0
          ? []
          : (
              (await manager.query(
                `SELECT id, email, institution_id AS "institutionId", preferred_locale AS "preferredLocale"
                   FROM trainees WHERE email = ANY($1::text[]) FOR UPDATE`,
                [rows.map((r) => r.email)],
              )) as ExistingTrainee[]
            ).map((t) => [t.email, t]),
      );

      const planned: (ImportRow & { institutionId: string | null; locale: string; action: 'create' | 'update' })[] = [];
      for (const row of rows) {
        const current = existing.get(row.email);
        if (current && viewer.role === 'partner' && current.institutionId !== viewer.institutionId) {
          problems.push({ row: row.row, field: 'email', code: 'EMAIL_TAKEN', messageKey: 'import.emailTaken' });
          continue;
        }
        const institutionId =
          viewer.role === 'partner'
            ? viewer.institutionId
            : row.institutionCode
              ? (institutions.get(row.institutionCode) ?? null)
              : (current?.institutionId ?? null);
        const locale = row.preferredLocale ?? current?.preferredLocale ?? defaultLocaleFor(row.nationality);
        planned.push({ ...row, institutionId, locale, action: current ? 'update' : 'create' });
      }

      problems.sort((a, b) => a.row - b.row);
      const errors: ImportRowError[] = problems.map((p) => ({
        row: p.row,
        field: p.field,
        code: p.code,
        message: translate(ctx.locale, p.messageKey, p.params),
      }));
      const created = planned.filter((r) => r.action === 'create').length;
      const report: ImportReport = {
        dryRun,
        committed: false,
        rows: sheet.length,
        created,
        updated: planned.length - created,
        errors,
        ...(table.encoding ? { encoding: table.encoding } : {}),
      };
      if (dryRun || errors.length > 0) {
        const preview = this.preview(sheet, planned, problems);
        // All or nothing: a real run with any error wrote nothing and says so in its counts (not the rows it
        // would have written), with the dry run's preview to put the errors at their rows.
        return dryRun ? { ...report, preview } : { ...report, created: 0, updated: 0, preview };
      }

      if (!attestation) throw new Error('A real import needs the attestation (the controller requires it)');
      if (!(await this.notices.existing(manager, [attestation.noticeVersion])).has(attestation.noticeVersion)) {
        throw ProblemException.invalidField(
          'noticeVersion',
          'UNKNOWN_NOTICE_VERSION',
          'validation.unknownNoticeVersion',
        );
      }
      const createdIds = await this.upsert(manager, planned, viewer);
      // The attestation is stored with the import, and stands as the consent of each person it created (people
      // already on record keep the consents they have).
      await manager.insert(TraineeImportRecord, {
        institutionId: viewer.role === 'partner' ? viewer.institutionId : null,
        importedBy: viewer.userId,
        noticeVersion: attestation.noticeVersion,
        informedAttested: true,
        created: report.created,
        updated: report.updated,
      });
      if (createdIds.length) {
        await manager.query(
          `INSERT INTO consents (trainee_id, purpose, notice_version, source, recorded_by)
           SELECT id, 'program-administration', $2, 'partner-attestation', $3 FROM unnest($1::uuid[]) AS id`,
          [createdIds, attestation.noticeVersion, viewer.userId],
        );
      }
      await this.audit.record(manager, ctx, {
        action: 'trainee.import',
        entityType: 'trainee',
        details: {
          rows: sheet.length,
          created: report.created,
          updated: report.updated,
          noticeVersion: attestation.noticeVersion,
          informedAttested: true,
        },
      });
      return { ...report, committed: true };
    });
  }

  /** Institution ids of the codes the rows name (admins); unknown or non-partner codes become row problems. */
  private async institutionsByCode(
    manager: EntityManager,
    rows: ImportRow[],
    viewer: Viewer,
    problems: RowProblem[],
  ): Promise<Map<string, string>> {
    if (viewer.role === 'partner') return new Map();
    const codes = [...new Set(rows.map((r) => r.institutionCode).filter((c): c is string => c !== null))];
    const found = codes.length
      ? await manager.find(Institution, { where: { code: In(codes) }, select: { id: true, code: true, kind: true } })
      : [];
    const byCode = new Map(found.filter((i) => i.kind === 'partner').map((i) => [i.code, i.id]));
    for (const row of rows) {
      if (row.institutionCode && !byCode.has(row.institutionCode)) {
        problems.push({
          row: row.row,
          field: 'institutionCode',
          code: 'UNKNOWN_INSTITUTION',
          messageKey: 'import.unknownInstitution',
          params: { code: row.institutionCode },
        });
      }
    }
    return byCode;
  }

  private preview(
    sheet: SheetRow[],
    planned: { row: number; action: 'create' | 'update' }[],
    problems: RowProblem[],
  ): ImportPreviewRow[] {
    const actions = new Map(planned.map((p) => [p.row, p.action]));
    const failed = new Set(problems.map((p) => p.row));
    return sheet.map(({ row, cells }) => ({
      row,
      action: failed.has(row) ? 'error' : (actions.get(row) ?? 'error'),
      ...cells,
    }));
  }

  /**
   * One INSERT … ON CONFLICT for every row. For a partner the update only
   * touches its own institution's trainees; should another institution have
   * taken one of the e-mails since the check, fewer rows come back and the
   * whole import rolls back.
   */
  private async upsert(
    manager: EntityManager,
    rows: (ImportRow & { institutionId: string | null; locale: string })[],
    viewer: Viewer,
  ): Promise<string[]> {
    const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
    const written = (await manager.query(
      `INSERT INTO trainees (full_name, full_name_latin, email, nationality, institution_id, preferred_locale)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::char(2)[], $5::uuid[], $6::text[])
       ON CONFLICT (email) DO UPDATE SET
         full_name = EXCLUDED.full_name,
         full_name_latin = COALESCE(EXCLUDED.full_name_latin, trainees.full_name_latin),
         nationality = EXCLUDED.nationality,
         institution_id = EXCLUDED.institution_id,
         preferred_locale = EXCLUDED.preferred_locale,
         updated_at = now()
       ${viewer.role === 'partner' ? 'WHERE trainees.institution_id IS NOT DISTINCT FROM EXCLUDED.institution_id' : ''}
       RETURNING id, (xmax = 0) AS created`,
      [
        column('fullName'),
        column('fullNameLatin'),
        column('email'),
        column('nationality'),
        column('institutionId'),
        column('locale'),
      ],
    )) as { id: string; created: boolean }[];
    if (written.length !== rows.length) throw ProblemException.conflict(ErrorCode.Conflict);
    // xmax = 0: the row was inserted, not updated by ON CONFLICT.
    return written.filter((w) => w.created).map((w) => w.id);
  }
}
