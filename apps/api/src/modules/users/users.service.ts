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
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../../common/auth/viewer';
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
import { User } from './user.entity';

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
}

type UserWithProfiles = User & { traineeId?: string | null; instructorId?: string | null };

export function toAuthUser(user: UserWithProfiles): AuthUser {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    institutionId: user.institutionId,
    ...(user.traineeId ? { traineeId: user.traineeId } : {}),
    ...(user.instructorId ? { instructorId: user.instructorId } : {}),
    preferredLocale: user.preferredLocale,
    timeZone: user.timeZone,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
  };
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
  ) {}

  /** Users with their profile ids, for every read of accounts. */
  private withProfiles(manager: EntityManager): SelectQueryBuilder<User> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('(SELECT t.id FROM trainees t WHERE t.user_id = u.id)', 'u_trainee_id')
      .addSelect('(SELECT i.id FROM instructors i WHERE i.user_id = u.id)', 'u_instructor_id');
  }

  private async fetch(manager: EntityManager, id: string): Promise<AuthUser | null> {
    const { entities, raw } = await this.withProfiles(manager).where('u.id = :id', { id }).getRawAndEntities();
    const user = entities[0];
    if (!user) return null;
    return toAuthUser({ ...user, traineeId: raw[0]?.u_trainee_id, instructorId: raw[0]?.u_instructor_id });
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<AuthUser> {
    const user = await this.fetch(manager, id);
    if (!user) throw ProblemException.notFound();
    return user;
  }

  async list(query: UserListQueryDto): Promise<Page<AuthUser>> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.institutionId) qb.andWhere('u.institution_id = :institutionId', { institutionId: query.institutionId });
    if (query.q) {
      const pattern = containsPattern(query.q);
      qb.andWhere('(u.email ILIKE :pattern OR u.full_name ILIKE :pattern)', { pattern });
    }
    const page = await paginate(qb, {
      keys: [
        { expression: 'u.created_at', property: 'createdAt', type: 'timestamp' },
        { expression: 'u.id', property: 'id', type: 'uuid' },
      ],
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const ids = page.items.map((u) => u.id);
    const profiles = ids.length
      ? ((await this.dataSource.query(
          `SELECT u.id, t.id AS trainee_id, i.id AS instructor_id
             FROM users u LEFT JOIN trainees t ON t.user_id = u.id LEFT JOIN instructors i ON i.user_id = u.id
            WHERE u.id = ANY($1)`,
          [ids],
        )) as { id: string; trainee_id: string | null; instructor_id: string | null }[])
      : [];
    const byId = new Map(profiles.map((p) => [p.id, p]));
    return {
      items: page.items.map((u) =>
        toAuthUser({ ...u, traineeId: byId.get(u.id)?.trainee_id, instructorId: byId.get(u.id)?.instructor_id }),
      ),
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
   * instructors and trainees their profile (a trainee profile a partner
   * imported earlier with the same e-mail is linked, not duplicated).
   */
  async createAccount(manager: EntityManager, input: NewAccount, ctx: RequestContext): Promise<AuthUser> {
    const problems = await this.roleProblems(manager, input.role, input.institutionId, input.nationality, true);
    if (problems.length) throw ProblemException.validation(problems);

    let user: User;
    try {
      user = await manager.save(
        manager.create(User, {
          email: input.email,
          passwordHash: input.passwordHash,
          fullName: input.fullName,
          role: input.role,
          institutionId: input.institutionId ?? null,
          preferredLocale: input.preferredLocale ?? 'en',
          timeZone: input.timeZone ?? 'UTC',
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
            institutionId: user.institutionId,
            traineeId: null,
            instructorId: null,
          },
        };
    await this.audit.record(manager, auditCtx, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      details: { email: user.email, role: user.role, institutionId: user.institutionId },
    });

    if (input.role === Role.Instructor) {
      const instructor = await manager.save(
        manager.create(Instructor, {
          userId: user.id,
          fullName: user.fullName,
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
    if (input.role === Role.Trainee) {
      await this.linkOrCreateTrainee(manager, user, input, auditCtx);
    }
    return (await this.fetch(manager, user.id)) as AuthUser;
  }

  private async linkOrCreateTrainee(
    manager: EntityManager,
    user: User,
    input: NewAccount,
    ctx: RequestContext,
  ): Promise<void> {
    const existing = await manager.findOne(Trainee, {
      where: { email: user.email },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing?.userId) throw emailTaken();
    if (existing) {
      existing.userId = user.id;
      existing.fullNameLatin ??= input.fullNameLatin ?? null;
      await manager.save(existing);
      await this.audit.record(manager, ctx, {
        action: 'trainee.link',
        entityType: 'trainee',
        entityId: existing.id,
        details: { userId: user.id },
      });
      return;
    }
    const trainee = await manager.save(
      manager.create(Trainee, {
        userId: user.id,
        fullName: user.fullName,
        fullNameLatin: input.fullNameLatin ?? null,
        email: user.email,
        nationality: input.nationality as CountryCode,
        institutionId: user.institutionId,
        preferredLocale: user.preferredLocale,
      }),
    );
    await this.audit.record(manager, ctx, {
      action: 'trainee.create',
      entityType: 'trainee',
      entityId: trainee.id,
      details: { userId: user.id, nationality: trainee.nationality, institutionId: trainee.institutionId },
    });
  }

  async update(id: string, dto: UpdateUserDto, ctx: RequestContext): Promise<AuthUser> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw ProblemException.notFound();
      // Re-enabling an account is no security change, but its tokens must work again at once.
      this.viewers.forget(id);

      const role = dto.role ?? user.role;
      const institutionId = dto.institutionId === undefined ? user.institutionId : dto.institutionId;
      if (role !== user.role && (role === Role.Trainee || user.role === Role.Trainee)) {
        throw ProblemException.invalidField('role', 'ROLE_CHANGE', 'validation.roleChange');
      }
      const problems = await this.roleProblems(manager, role, institutionId, undefined, false);
      if (problems.length) throw ProblemException.validation(problems);

      const losesAdmin = user.role === Role.Admin && !user.disabled && (role !== Role.Admin || dto.disabled === true);
      if (losesAdmin) await this.assertAnotherAdmin(manager, user.id);

      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of Object.keys(dto) as (keyof UpdateUserDto)[]) {
        if (dto[key] !== undefined && dto[key] !== user[key]) changes[key] = { from: user[key], to: dto[key] };
      }
      const securityChange = 'role' in changes || 'institutionId' in changes || changes['disabled']?.to === true;
      Object.assign(user, { ...dto, role, institutionId });
      if (securityChange) {
        user.tokenVersion += 1;
        await this.tokens.revokeAllOf(manager, user.id);
      }
      await manager.save(user);
      if (role === Role.Instructor && !(await manager.exists(Instructor, { where: { userId: user.id } }))) {
        await manager.insert(Instructor, {
          userId: user.id,
          fullName: user.fullName,
          institutionId: institutionId as string,
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
