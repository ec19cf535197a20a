import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  Role,
  type AuthUser,
  type CountryCode,
  type InstitutionKind,
  type Locale,
  type Page,
} from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../../common/auth/viewer';
import { AppConfig } from '../../config';
import { containsPattern } from '../../common/pagination/contains-pattern';
import { paginate } from '../../common/pagination/keyset';
import { FieldProblem, ProblemException } from '../../common/problem/problem.exception';
import { isForeignKeyViolation, isUniqueViolation } from '../../database/errors';
import { AuditService } from '../audit/audit.service';
import { TokenService } from '../auth/token.service';
import { ViewerLoader } from '../auth/viewer-loader.service';
import { Institution } from '../institutions/institution.entity';
import { Instructor } from '../instructors/instructor.entity';
import { Trainee } from '../trainees/trainee.entity';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserListQueryDto } from './dto/user-list-query.dto';
import { User, type PendingProfile } from './user.entity';

/** What it takes to open an account; the password is already hashed. */
export interface NewAccount {
  email: string;
  passwordHash: string;
  fullName: string;
  role: Role;
  institutionId?: string | null;
  preferredLocale?: Locale;
  timeZone?: string;
  nationality?: CountryCode;
  fullNameLatin?: string | null;
  /**
   * Whether the address is proven. Accounts an admin creates count as
   * verified; a self-registration is not until its owner follows the link,
   * and a trainee account gets (or is linked to) its trainee row only then.
   */
  emailVerified?: boolean;
}

/** An account as the API shows it, with the person's name, institution and language from where they live. */
const ACCOUNT_COLUMNS = `
  u.id, u.email, u.role, u.time_zone, u.disabled, u.created_at,
  u.email_verified_at IS NOT NULL AS email_verified, u.totp_enabled_at IS NOT NULL AS mfa_enabled,
  coalesce(t.full_name, u.full_name, u.pending_profile->>'fullName', u.email) AS full_name,
  CASE WHEN u.role = 'trainee' THEN t.institution_id ELSE u.institution_id END AS institution_id,
  coalesce(t.preferred_locale, u.preferred_locale, u.pending_profile->>'preferredLocale', 'en') AS preferred_locale,
  t.id AS trainee_id, i.id AS instructor_id`;
const ACCOUNT_FROM = `
  FROM users u LEFT JOIN trainees t ON t.user_id = u.id LEFT JOIN instructors i ON i.user_id = u.id`;

interface AccountRow {
  id: string;
  email: string;
  role: Role;
  time_zone: string;
  disabled: boolean;
  created_at: Date;
  email_verified: boolean;
  mfa_enabled: boolean;
  full_name: string;
  institution_id: string | null;
  preferred_locale: Locale;
  trainee_id: string | null;
  instructor_id: string | null;
}

export function toAuthUser(row: AccountRow, mfaRequiredRoles: readonly Role[]): AuthUser {
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    role: row.role,
    institutionId: row.institution_id,
    ...(row.trainee_id ? { traineeId: row.trainee_id } : {}),
    ...(row.instructor_id ? { instructorId: row.instructor_id } : {}),
    preferredLocale: row.preferred_locale,
    timeZone: row.time_zone,
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
    emailVerified: row.email_verified,
    mfaEnabled: row.mfa_enabled,
    mfaSetupRequired: !row.mfa_enabled && mfaRequiredRoles.includes(row.role),
  };
}

/** The fields of a person that a trainee account keeps in its trainee row, not on `users`. */
export interface PersonChanges {
  fullName?: string;
  institutionId?: string | null;
  preferredLocale?: Locale;
}

const field = (name: string, code: string, messageKey: string, params?: FieldProblem['params']): FieldProblem => ({
  field: name,
  code,
  messageKey,
  params,
});

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly tokens: TokenService,
    private readonly viewers: ViewerLoader,
    private readonly config: AppConfig,
  ) {}

  private async fetch(manager: EntityManager, id: string): Promise<AuthUser | null> {
    const rows = (await manager.query(`SELECT ${ACCOUNT_COLUMNS} ${ACCOUNT_FROM} WHERE u.id = $1`, [
      id,
    ])) as AccountRow[];
    return rows[0] ? toAuthUser(rows[0], this.config.mfaRequiredRoles) : null;
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<AuthUser> {
    const user = await this.fetch(manager, id);
    if (!user) throw ProblemException.notFound();
    return user;
  }

  async list(query: UserListQueryDto): Promise<Page<AuthUser>> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u').leftJoin(Trainee, 't', 't.user_id = u.id');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.institutionId) {
      qb.andWhere('(u.institution_id = :institutionId OR t.institution_id = :institutionId)', {
        institutionId: query.institutionId,
      });
    }
    if (query.q) {
      const pattern = containsPattern(query.q);
      qb.andWhere(
        `(u.email ILIKE :pattern OR u.full_name ILIKE :pattern OR t.full_name ILIKE :pattern
          OR t.full_name_latin ILIKE :pattern OR u.pending_profile->>'fullName' ILIKE :pattern)`,
        { pattern },
      );
    }
    const page = await paginate(qb, {
      keys: [
        { expression: 'u.created_at', property: 'createdAt' },
        { expression: 'u.id', property: 'id' },
      ],
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const ids = page.items.map((u) => u.id);
    const rows = ids.length
      ? ((await this.dataSource.query(`SELECT ${ACCOUNT_COLUMNS} ${ACCOUNT_FROM} WHERE u.id = ANY($1)`, [
          ids,
        ])) as AccountRow[])
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return {
      items: ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toAuthUser(row, this.config.mfaRequiredRoles)] : [];
      }),
      nextCursor: page.nextCursor,
    };
  }

  /** Checks what a role requires of the institution; field errors name `institutionId` or `nationality`. */
  private async roleProblems(
    manager: EntityManager,
    role: Role,
    institutionId: string | null | undefined,
    nationality: string | undefined,
    checkNationality: boolean,
  ): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    let kind: InstitutionKind | undefined;
    if (institutionId) {
      kind = (await manager.findOne(Institution, { where: { id: institutionId }, select: { id: true, kind: true } }))
        ?.kind;
      if (!kind) problems.push(field('institutionId', 'UNKNOWN_INSTITUTION', 'validation.unknownInstitution'));
    }
    if ((role === Role.Partner || role === Role.Instructor) && !institutionId) {
      problems.push(field('institutionId', 'IS_DEFINED', 'validation.institutionRequired', { role }));
    }
    if (role === Role.Partner && kind && kind !== 'partner') {
      problems.push(field('institutionId', 'INSTITUTION_KIND', 'validation.institutionKind', { kind: 'partner' }));
    }
    if (checkNationality && role === Role.Trainee && !nationality) {
      problems.push(field('nationality', 'IS_DEFINED', 'validation.nationalityRequired'));
    }
    return problems;
  }

  /**
   * Opens an account inside the caller's transaction: the user, and for
   * instructors their profile. A trainee account with a verified address gets
   * its trainee row at once (the row a partner imported earlier with the same
   * e-mail is linked, not duplicated); an unverified one keeps the answers in
   * `pending_profile` until completeTraineeProfile() runs at verification.
   */
  async createAccount(manager: EntityManager, input: NewAccount, ctx: RequestContext): Promise<AuthUser> {
    const problems = await this.roleProblems(manager, input.role, input.institutionId, input.nationality, true);
    if (problems.length) throw ProblemException.validation(problems);

    const trainee = input.role === Role.Trainee;
    const verified = input.emailVerified ?? true;
    const profile: PendingProfile | null = trainee
      ? {
          fullName: input.fullName,
          fullNameLatin: input.fullNameLatin ?? null,
          nationality: input.nationality as CountryCode,
          institutionId: input.institutionId ?? null,
          preferredLocale: input.preferredLocale ?? 'en',
        }
      : null;
    let user: User;
    try {
      user = await manager.save(
        manager.create(User, {
          email: input.email,
          passwordHash: input.passwordHash,
          fullName: trainee ? null : input.fullName,
          role: input.role,
          institutionId: trainee ? null : (input.institutionId ?? null),
          preferredLocale: trainee ? null : (input.preferredLocale ?? 'en'),
          timeZone: input.timeZone ?? 'UTC',
          emailVerifiedAt: verified ? new Date() : null,
          pendingProfile: profile,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_users_email')) throw emailTaken();
      throw error;
    }
    // A self-registration is recorded as the new account's own act.
    const auditCtx: RequestContext = ctx.viewer
      ? ctx
      : {
          ...ctx,
          viewer: {
            userId: user.id,
            role: user.role,
            institutionId: null,
            traineeId: null,
            instructorId: null,
            emailVerified: verified,
            mfaSetupRequired: false,
            sessionId: null,
          },
        };
    await this.audit.record(manager, auditCtx, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      details: { email: user.email, role: user.role, institutionId: input.institutionId ?? null, verified },
    });

    if (input.role === Role.Instructor) {
      const instructor = await manager.save(
        manager.create(Instructor, {
          userId: user.id,
          fullName: input.fullName,
          institutionId: user.institutionId as string,
        }),
      );
      await this.audit.record(manager, auditCtx, {
        action: 'instructor.create',
        entityType: 'instructor',
        entityId: instructor.id,
        details: { userId: user.id },
      });
    }
    if (trainee && verified) await this.completeTraineeProfile(manager, user.id, auditCtx);
    return (await this.fetch(manager, user.id)) as AuthUser;
  }

  /**
   * Gives a trainee account with a proven address its trainee row: the
   * existing row with that e-mail (a partner's import) when there is one —
   * its name, institution and language stay, the registration only fills a
   * missing Latin spelling — else a new row from the registration's answers.
   * 409 when that row already belongs to another account.
   */
  async completeTraineeProfile(manager: EntityManager, userId: string, ctx: RequestContext): Promise<void> {
    const user = await manager.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user || user.role !== Role.Trainee || !user.pendingProfile) return;
    const profile = user.pendingProfile;
    const existing = await manager.findOne(Trainee, {
      where: { email: user.email },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing?.userId && existing.userId !== user.id) throw emailTaken();
    if (existing) {
      existing.userId = user.id;
      existing.fullNameLatin ??= profile.fullNameLatin;
      await manager.save(existing);
      await this.audit.record(manager, ctx, {
        action: 'trainee.link',
        entityType: 'trainee',
        entityId: existing.id,
        details: { userId: user.id },
      });
    } else {
      const trainee = await manager.save(
        manager.create(Trainee, {
          userId: user.id,
          fullName: profile.fullName,
          fullNameLatin: profile.fullNameLatin,
          email: user.email,
          nationality: profile.nationality,
          institutionId: profile.institutionId,
          preferredLocale: profile.preferredLocale,
        }),
      );
      await this.audit.record(manager, ctx, {
        action: 'trainee.create',
        entityType: 'trainee',
        entityId: trainee.id,
        details: { userId: user.id, nationality: trainee.nationality, institutionId: trainee.institutionId },
      });
    }
    await manager.update(User, { id: user.id }, { pendingProfile: null });
    this.viewers.forget(user.id);
  }

  /**
   * Changes a person's name, institution or language where they live: on
   * `users` for staff, in the trainee row for a trainee account (or in the
   * registration's answers while it has none). Returns what changed.
   */
  async changePerson(
    manager: EntityManager,
    user: User,
    changes: PersonChanges,
  ): Promise<Record<string, { from: unknown; to: unknown }>> {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as PersonChanges;
    const diff = (current: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(defined)
          .filter(([key, value]) => current[key] !== value)
          .map(([key, value]) => [key, { from: current[key], to: value }]),
      );
    if (user.role !== Role.Trainee) {
      const changed = diff(user as unknown as Record<string, unknown>);
      if (Object.keys(changed).length) await manager.update(User, { id: user.id }, defined);
      return changed;
    }
    const trainee = await manager.findOne(Trainee, { where: { userId: user.id }, lock: { mode: 'pessimistic_write' } });
    if (trainee) {
      const changed = diff(trainee as unknown as Record<string, unknown>);
      if (Object.keys(changed).length) await manager.update(Trainee, { id: trainee.id }, defined);
      return changed;
    }
    const pending = user.pendingProfile;
    if (!pending) return {};
    const changed = diff(pending as unknown as Record<string, unknown>);
    if (Object.keys(changed).length) {
      await manager.update(User, { id: user.id }, { pendingProfile: { ...pending, ...defined } });
    }
    return changed;
  }

  async update(id: string, dto: UpdateUserDto, ctx: RequestContext): Promise<AuthUser> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw ProblemException.notFound();
      // Re-enabling an account is no security change, but its tokens must work again at once.
      this.viewers.forget(id);

      const role = dto.role ?? user.role;
      if (role !== user.role && (role === Role.Trainee || user.role === Role.Trainee)) {
        throw ProblemException.invalidField('role', 'ROLE_CHANGE', 'validation.roleChange');
      }
      if (role !== Role.Trainee) {
        const institutionId = dto.institutionId === undefined ? user.institutionId : dto.institutionId;
        const problems = await this.roleProblems(manager, role, institutionId, undefined, false);
        if (problems.length) throw ProblemException.validation(problems);
      } else if (dto.institutionId) {
        const problems = await this.roleProblems(manager, role, dto.institutionId, undefined, false);
        if (problems.length) throw ProblemException.validation(problems);
      }

      const losesAdmin = user.role === Role.Admin && !user.disabled && (role !== Role.Admin || dto.disabled === true);
      if (losesAdmin) await this.assertAnotherAdmin(manager, user.id);

      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ['role', 'timeZone', 'disabled'] as const) {
        if (dto[key] !== undefined && dto[key] !== user[key]) changes[key] = { from: user[key], to: dto[key] };
      }
      Object.assign(
        changes,
        await this.changePerson(manager, user, {
          fullName: dto.fullName,
          institutionId: dto.institutionId,
          preferredLocale: dto.preferredLocale,
        }),
      );
      const securityChange = 'role' in changes || 'institutionId' in changes || changes['disabled']?.to === true;
      const accountChanges: Partial<User> = {};
      if (dto.role !== undefined) accountChanges.role = dto.role;
      if (dto.timeZone !== undefined) accountChanges.timeZone = dto.timeZone;
      if (dto.disabled !== undefined) accountChanges.disabled = dto.disabled;
      if (securityChange) {
        accountChanges.tokenVersion = user.tokenVersion + 1;
        await this.tokens.revokeAllOf(manager, user.id);
      }
      if (Object.keys(accountChanges).length) await manager.update(User, { id }, accountChanges);
      if (role === Role.Instructor && !(await manager.exists(Instructor, { where: { userId: user.id } }))) {
        await manager.insert(Instructor, {
          userId: user.id,
          fullName: dto.fullName ?? (user.fullName as string),
          institutionId: (dto.institutionId === undefined ? user.institutionId : dto.institutionId) as string,
        });
      }
      await this.audit.record(manager, ctx, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        details: changes,
      });
      return (await this.fetch(manager, id)) as AuthUser;
    });
  }

  async remove(id: string, ctx: RequestContext): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!user) throw ProblemException.notFound();
        if (user.role === Role.Admin && !user.disabled) await this.assertAnotherAdmin(manager, id);
        this.viewers.forget(id);
        await manager.delete(User, { id });
        await this.audit.record(manager, ctx, {
          action: 'user.delete',
          entityType: 'user',
          entityId: id,
          details: { email: user.email, role: user.role },
        });
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw ProblemException.conflict(ErrorCode.UserInUse);
      throw error;
    }
  }

  /** Skillbridge keeps at least one active admin; the check locks the admins so two requests cannot both pass it. */
  private async assertAnotherAdmin(manager: EntityManager, exceptId: string): Promise<void> {
    const others = (await manager.query(
      `SELECT id FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1 FOR UPDATE`,
      [exceptId],
    )) as unknown[];
    if (others.length === 0) throw ProblemException.conflict(ErrorCode.LastAdmin);
  }
}

function emailTaken(): ProblemException {
  return ProblemException.conflict(ErrorCode.EmailAlreadyRegistered, {
    errors: [
      { field: 'email', code: ErrorCode.EmailAlreadyRegistered, messageKey: 'errors.EMAIL_ALREADY_REGISTERED.detail' },
    ],
  });
}
