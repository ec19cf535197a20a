import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  LocalizedText,
  Page,
  PublicProgram,
  PublicProgramDetail,
  PublicSession,
  SessionStatus,
  SessionType,
} from '@skillbridge/contracts';
import { DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../../common/auth/viewer';
import { containsPattern } from '../../common/pagination/contains-pattern';
import { paginateRaw } from '../../common/pagination/keyset';
import { ProblemException } from '../../common/problem/problem.exception';
import { isCalendarDate } from '../../common/validation/validators';
import { AppConfig } from '../../config';
import { RateLimiter } from '../certificates/rate-limiter';
import { Program } from '../programs/program.entity';
import { PublicProgramListQueryDto } from './dto/public-program.dto';
import { ReplicaReads } from '../../database/replicas/replica-reads';

/**
 * Seats anyone may still be given: the capacity less the confirmed, less what the partners' quotas still keep
 * for their own people (each quota's seats not yet taken by its institution's confirmed).
 */
const OPEN_SEATS_SQL =
  `GREATEST(p.capacity - p.confirmed_count - (SELECT coalesce(sum(GREATEST(q.seats - (` +
  `SELECT count(*) FROM enrolments e JOIN trainees tr ON tr.id = e.trainee_id ` +
  `WHERE e.program_id = p.id AND e.status = 'confirmed' AND tr.institution_id = q.institution_id), 0)), 0) ` +
  `FROM program_quotas q WHERE q.program_id = p.id), 0)::int`;

/** Only these columns ever leave: no meeting link, no counts by status or by institution. */
const COLUMNS: [string, keyof PublicRow][] = [
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
  ['p.enrolment_opens_at', 'enrolmentOpensAt'],
  ['p.enrolment_closes_at', 'enrolmentClosesAt'],
  ['p.capacity', 'capacity'],
  ['h.id', 'hostId'],
  ['h.name', 'hostName'],
  [OPEN_SEATS_SQL, 'available'],
];

interface PublicRow {
  id: string;
  code: string;
  kind: PublicProgram['kind'];
  title: LocalizedText;
  summary: LocalizedText | null;
  deliveryMode: PublicProgram['deliveryMode'];
  timezone: string;
  startDate: string;
  endDate: string;
  venue: string | null;
  enrolmentOpensAt: Date | null;
  enrolmentClosesAt: Date | null;
  capacity: number;
  hostId: string;
  hostName: LocalizedText;
  available: number;
}

function toPublic(row: PublicRow): PublicProgram {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    title: row.title,
    ...(row.summary ? { summary: row.summary } : {}),
    deliveryMode: row.deliveryMode,
    timezone: row.timezone,
    startDate: row.startDate,
    endDate: row.endDate,
    ...(row.venue ? { venue: row.venue } : {}),
    ...(row.enrolmentOpensAt ? { enrolmentOpensAt: new Date(row.enrolmentOpensAt).toISOString() } : {}),
    ...(row.enrolmentClosesAt ? { enrolmentClosesAt: new Date(row.enrolmentClosesAt).toISOString() } : {}),
    hostInstitution: { id: row.hostId, name: row.hostName },
    seats: { capacity: row.capacity, available: Number(row.available) },
  };
}

/** A date bound: a calendar date as it is; an instant as its calendar date in each program's own zone. */
function dateBound(value: string, param: string): string {
  return isCalendarDate(value)
    ? `CAST(:${param} AS date)`
    : `(CAST(:${param} AS timestamptz) AT TIME ZONE p.timezone)::date`;
}

/**
 * The open catalog (issue 22): published programs open to anyone (no partner list), readable without signing
 * in. Partner-only programs never show here (their partners' people see them in `/programs` after sign-in).
 */
@Injectable()
export class PublicCatalogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReplicaReads,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  private rows(): SelectQueryBuilder<ObjectLiteral> {
    const qb = this.dataSource
      .createQueryBuilder()
      .from(Program, 'p')
      .innerJoin('institutions', 'h', 'h.id = p.host_institution_id')
      .where(`p.status = 'published'`)
      .andWhere('coalesce(cardinality(p.partner_institution_ids), 0) = 0');
    for (const [expression, alias] of COLUMNS) qb.addSelect(expression, alias);
    return qb;
  }

  /** Counts a public look-up of the client (429 past the limit). */
  hit(ctx: Pick<RequestContext, 'ip'>): void {
    this.limiter.hit(`public-catalog:${ctx.ip}`, this.config.CATALOG_RATE_LIMIT_PER_MINUTE);
  }

  async list(query: PublicProgramListQueryDto, ctx: RequestContext): Promise<Page<PublicProgram>> {
    this.hit(ctx);
    const qb = this.rows();
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.from) qb.andWhere(`p.end_date >= ${dateBound(query.from, 'from')}`, { from: query.from });
    if (query.to) qb.andWhere(`p.start_date <= ${dateBound(query.to, 'to')}`, { to: query.to });
    if (query.q) {
      qb.andWhere(
        '(p.code ILIKE :pattern OR EXISTS (SELECT 1 FROM jsonb_each_text(p.title) AS t WHERE t.value ILIKE :pattern))',
        { pattern: containsPattern(query.q) },
      );
    }
    // Soonest first: what a visitor looks for is the next camp.
    const page = await paginateRaw<PublicRow>(qb, {
      keys: [
        { expression: 'p.start_date', column: 'startDate', type: 'date' },
        { expression: 'p.id', column: 'id', type: 'uuid' },
      ],
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(toPublic), nextCursor: page.nextCursor };
  }

  /** One public program by its code, or null (unknown, draft, closed, cancelled or partner-only). */
  async find(code: string): Promise<PublicProgram | null> {
    if (code.length > 64) return null;
    const row = (await this.rows().andWhere('p.code = :code', { code }).getRawOne()) as PublicRow | undefined;
    return row ? toPublic(row) : null;
  }

  async get(code: string, ctx: RequestContext): Promise<PublicProgramDetail> {
    this.hit(ctx);
    const program = await this.find(code);
    if (!program) throw ProblemException.notFound();
    // Never the meeting link: only these columns are read.
    const sessions = (await this.reads.query(
      `SELECT id, title, type, starts_at AS "startsAt", ends_at AS "endsAt", venue, status
         FROM sessions WHERE program_id = $1 ORDER BY starts_at, id`,
      [program.id],
    )) as {
      id: string;
      title: LocalizedText;
      type: SessionType;
      startsAt: Date;
      endsAt: Date;
      venue: string | null;
      status: SessionStatus;
    }[];
    return {
      ...program,
      sessions: sessions.map((s): PublicSession => ({
        id: s.id,
        title: s.title,
        type: s.type,
        startsAt: new Date(s.startsAt).toISOString(),
        endsAt: new Date(s.endsAt).toISOString(),
        ...(s.venue ? { venue: s.venue } : {}),
        status: s.status,
      })),
    };
  }
}
