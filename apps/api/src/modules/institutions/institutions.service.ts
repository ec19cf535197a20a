import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type Institution as InstitutionView, type Page } from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../../common/auth/viewer';
import { containsPattern } from '../../common/pagination/contains-pattern';
import { paginate } from '../../common/pagination/keyset';
import { ProblemException } from '../../common/problem/problem.exception';
import { isUniqueViolation } from '../../database/errors';
import { AuditService } from '../audit/audit.service';
import { CreateInstitutionDto } from './dto/create-institution.dto';
import { InstitutionListQueryDto } from './dto/institution-list-query.dto';
import { UpdateInstitutionDto } from './dto/update-institution.dto';
import { Institution } from './institution.entity';

export function toInstitutionView(i: Institution): InstitutionView {
  return {
    id: i.id,
    code: i.code,
    name: i.name,
    kind: i.kind,
    country: i.country,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

@Injectable()
export class InstitutionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: InstitutionListQueryDto): Promise<Page<InstitutionView>> {
    const qb = this.dataSource.getRepository(Institution).createQueryBuilder('i');
    if (query.kind) qb.andWhere('i.kind = :kind', { kind: query.kind });
    if (query.country) qb.andWhere('i.country = :country', { country: query.country });
    if (query.q) {
      const pattern = containsPattern(query.q);
      qb.andWhere(
        `(i.code ILIKE :pattern OR EXISTS (SELECT 1 FROM jsonb_each_text(i.name) AS n WHERE n.value ILIKE :pattern))`,
        { pattern },
      );
    }
    const page = await paginate(qb, {
      keys: [
        { expression: 'i.code', property: 'code', type: 'text' },
        { expression: 'i.id', property: 'id', type: 'uuid' },
      ],
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(toInstitutionView), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<InstitutionView> {
    const institution = await this.dataSource.getRepository(Institution).findOneBy({ id });
    if (!institution) throw ProblemException.notFound();
    return toInstitutionView(institution);
  }

  async create(dto: CreateInstitutionDto, ctx: RequestContext): Promise<InstitutionView> {
    return this.write(async (manager) => {
      const institution = await manager.save(manager.create(Institution, dto));
      await this.audit.record(manager, ctx, {
        action: 'institution.create',
        entityType: 'institution',
        entityId: institution.id,
        details: { ...dto },
      });
      return toInstitutionView(institution);
    });
  }

  async update(id: string, dto: UpdateInstitutionDto, ctx: RequestContext): Promise<InstitutionView> {
    return this.write(async (manager) => {
      const institution = await manager.findOne(Institution, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!institution) throw ProblemException.notFound();
      const before = toInstitutionView(institution);
      Object.assign(institution, dto);
      const saved = await manager.save(institution);
      const changed = Object.fromEntries(
        Object.keys(dto).map((key) => [
          key,
          { from: before[key as keyof InstitutionView], to: dto[key as keyof UpdateInstitutionDto] },
        ]),
      );
      await this.audit.record(manager, ctx, {
        action: 'institution.update',
        entityType: 'institution',
        entityId: id,
        details: changed,
      });
      return toInstitutionView(saved);
    });
  }

  /** A write in one transaction; a duplicate code is a 409 naming the code. */
  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_institutions_code')) {
        throw ProblemException.conflict(ErrorCode.InstitutionCodeExists, {
          errors: [
            {
              field: 'code',
              code: ErrorCode.InstitutionCodeExists,
              messageKey: 'errors.INSTITUTION_CODE_EXISTS.detail',
            },
          ],
        });
      }
      throw error;
    }
  }
}
