import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Instructor as InstructorView, type Page, type TimetableEntry } from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { signedIn, type RequestContext } from '../../common/auth/viewer';
import { containsPattern } from '../../common/pagination/contains-pattern';
import { paginate } from '../../common/pagination/keyset';
import { ProblemException } from '../../common/problem/problem.exception';
import { AuditService } from '../audit/audit.service';
import { Institution } from '../institutions/institution.entity';
import { SessionsService, toSessionView } from '../sessions/sessions.service';
import { CreateInstructorDto } from './dto/create-instructor.dto';
import { InstructorListQueryDto } from './dto/instructor-list-query.dto';
import { TimetableQueryDto } from './dto/timetable-query.dto';
import { UpdateInstructorDto } from './dto/update-instructor.dto';
import { Instructor } from './instructor.entity';

const WEEK_MS = 7 * 86_400_000;
const MAX_RANGE_MS = 366 * 86_400_000;

export function toInstructorView(i: Instructor): InstructorView {
  return {
    id: i.id,
    ...(i.userId ? { userId: i.userId } : {}),
    fullName: i.fullName,
    ...(i.fullNameLatin ? { fullNameLatin: i.fullNameLatin } : {}),
    institutionId: i.institutionId,
    expertise: i.expertise,
    languages: i.languages,
  };
}

@Injectable()
export class InstructorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  async list(query: InstructorListQueryDto): Promise<Page<InstructorView>> {
    const qb = this.dataSource.getRepository(Instructor).createQueryBuilder('i');
    if (query.institutionId) qb.andWhere('i.institution_id = :institutionId', { institutionId: query.institutionId });
    if (query.q) {
      const pattern = containsPattern(query.q);
      qb.andWhere(
        '(i.full_name ILIKE :pattern OR i.full_name_latin ILIKE :pattern OR EXISTS (SELECT 1 FROM unnest(i.expertise) AS e WHERE e ILIKE :pattern))',
        {
          pattern,
        },
      );
    }
    const page = await paginate(qb, {
      keys: [
        { expression: 'i.full_name', property: 'fullName', type: 'text' },
        { expression: 'i.id', property: 'id', type: 'uuid' },
      ],
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(toInstructorView), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<InstructorView> {
    const instructor = await this.dataSource.getRepository(Instructor).findOneBy({ id });
    if (!instructor) throw ProblemException.notFound();
    return toInstructorView(instructor);
  }

  private async assertInstitution(manager: EntityManager, institutionId: string): Promise<void> {
    if (!(await manager.existsBy(Institution, { id: institutionId }))) {
      throw ProblemException.invalidField('institutionId', 'UNKNOWN_INSTITUTION', 'validation.unknownInstitution');
    }
  }

  async create(dto: CreateInstructorDto, ctx: RequestContext): Promise<InstructorView> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertInstitution(manager, dto.institutionId);
      const instructor = await manager.save(
        manager.create(Instructor, {
          ...dto,
          fullNameLatin: dto.fullNameLatin || null,
          expertise: dto.expertise ?? [],
          languages: dto.languages ?? [],
          userId: null,
        }),
      );
      await this.audit.record(manager, ctx, {
        action: 'instructor.create',
        entityType: 'instructor',
        entityId: instructor.id,
        details: { ...dto },
      });
      return toInstructorView(instructor);
    });
  }

  async update(id: string, dto: UpdateInstructorDto, ctx: RequestContext): Promise<InstructorView> {
    return this.dataSource.transaction(async (manager) => {
      const instructor = await manager.findOne(Instructor, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!instructor) throw ProblemException.notFound();
      if (dto.institutionId) await this.assertInstitution(manager, dto.institutionId);
      Object.assign(instructor, dto);
      if (dto.fullNameLatin !== undefined) instructor.fullNameLatin = dto.fullNameLatin || null;
      const saved = await manager.save(instructor);
      await this.audit.record(manager, ctx, {
        action: 'instructor.update',
        entityType: 'instructor',
        entityId: id,
        details: { ...dto },
      });
      return toInstructorView(saved);
    });
  }

  /**
   * The instructor's profile, if the caller may see their timetable: admins
   * any, an instructor only their own (another's is a 404).
   */
  async timetableOwner(id: string, ctx: RequestContext): Promise<Instructor> {
    const viewer = signedIn(ctx);
    const instructor = await this.dataSource.getRepository(Instructor).findOneBy({ id });
    if (!instructor || (viewer.role !== 'admin' && viewer.instructorId !== id)) throw ProblemException.notFound();
    return instructor;
  }

  async timetable(id: string, query: TimetableQueryDto, ctx: RequestContext): Promise<TimetableEntry[]> {
    await this.timetableOwner(id, ctx);
    const from = query.from ? new Date(query.from) : new Date();
    const to = query.to ? new Date(query.to) : new Date(from.getTime() + 8 * WEEK_MS);
    if (to <= from) throw ProblemException.invalidField('to', 'ENDS_BEFORE_START', 'validation.endsBeforeStart');
    if (to.getTime() - from.getTime() > MAX_RANGE_MS) {
      throw ProblemException.invalidField('to', 'RANGE_TOO_LONG', 'validation.rangeTooLong', { days: 366 });
    }
    // Only the instructor's own sessions, so the caller (they, or an admin) has each one's meeting link.
    const rows = await this.sessions.rawRows(
      this.dataSource.manager,
      signedIn(ctx),
      's.id IN (SELECT session_id FROM session_instructors WHERE instructor_id = $1) AND s.ends_at > $2 AND s.starts_at < $3',
      [id, from, to],
    );
    return rows.map((row) => ({
      ...toSessionView(row),
      programCode: row.program_code,
      programTitle: row.program_title,
      programTimezone: row.program_timezone,
    }));
  }
}
