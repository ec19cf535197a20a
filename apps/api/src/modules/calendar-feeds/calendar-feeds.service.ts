import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CalendarFeed, Locale, Role } from '@skillbridge/contracts';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { signedIn, type RequestContext } from '../../common/auth/viewer';
import { Secrets } from '../../common/crypto/secrets';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config';
import { AuditService } from '../audit/audit.service';
import { RateLimiter } from '../certificates/rate-limiter';
import { ProgramCalendarService } from '../programs/program-calendar.service';
import { calendarFeedId, calendarFeedToken, tokenHash } from './calendar-feed-token';

/**
 * Fetches of one feed per minute before 429. Calendar apps look every few
 * hours at most; the limit keeps a leaked address from becoming a load.
 */
export const FEED_FETCHES_PER_MINUTE = 30;
/** Unknown or rotated addresses one client may try per minute before 429 (tokens cannot be guessed; this is manners). */
export const BAD_FEED_TOKENS_PER_MINUTE = 30;

interface OwnerRow {
  token_hash: Buffer;
  user_id: string;
  role: Role;
  institution_id: string | null;
  trainee_id: string | null;
  instructor_id: string | null;
  locale: Locale;
  time_zone: string;
}

/**
 * Personal calendar addresses: one secret address per account, made when
 * first asked for, shown again on every ask, replaced on reset. The feed it
 * serves is public (calendar apps send no sign-in), so the token is the only
 * key: `<id>.<HMAC>`, with only its SHA-256 in the database (as for e-mailed
 * links). It reads as its owner's own calendar at the time it is fetched —
 * their role, their seats, the meeting links they may have, their language.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: Secrets,
    private readonly config: AppConfig,
    private readonly calendars: ProgramCalendarService,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditService,
  ) {}

  private addressOf(id: string): CalendarFeed {
    const url = `${this.config.publicUrl}/api/v1/calendar/${calendarFeedToken(this.secrets, id)}.ics`;
    return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
  }

  private async insert(manager: EntityManager, userId: string, conflict: 'ignore' | 'fail'): Promise<string> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO calendar_feeds (id, user_id, token_hash) VALUES ($1, $2, $3)
       ${conflict === 'ignore' ? 'ON CONFLICT (user_id) DO NOTHING' : ''}`,
      [id, userId, tokenHash(calendarFeedToken(this.secrets, id))],
    );
    return id;
  }

  /** The caller's address, made now if they never asked for one. */
  async address(ctx: RequestContext): Promise<CalendarFeed> {
    const { userId } = signedIn(ctx);
    await this.insert(this.dataSource.manager, userId, 'ignore');
    const [row] = (await this.dataSource.query('SELECT id FROM calendar_feeds WHERE user_id = $1', [userId])) as {
      id: string;
    }[];
    return this.addressOf(row.id);
  }

  /** A new address for the caller; the old one answers 404 from now on. */
  async rotate(ctx: RequestContext): Promise<CalendarFeed> {
    const { userId } = signedIn(ctx);
    const id = await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM calendar_feeds WHERE user_id = $1', [userId]);
      const created = await this.insert(manager, userId, 'fail');
      await this.audit.record(manager, ctx, {
        action: 'calendar-feed.rotate',
        entityType: 'user',
        entityId: userId,
        details: {},
      });
      return created;
    });
    return this.addressOf(id);
  }

  /** The calendar behind a token, or 404 — one answer for malformed, unknown, rotated and disabled. */
  async feed(token: string, ctx: RequestContext): Promise<string> {
    const id = calendarFeedId(token);
    const [row] = id
      ? ((await this.dataSource.query(
          `SELECT f.token_hash, u.id AS user_id, u.role,
                  CASE WHEN u.role = 'trainee' THEN t.institution_id ELSE u.institution_id END AS institution_id,
                  t.id AS trainee_id, (SELECT i.id FROM instructors i WHERE i.user_id = u.id) AS instructor_id,
                  coalesce(u.preferred_locale, t.preferred_locale, 'en') AS locale, u.time_zone
             FROM calendar_feeds f
             JOIN users u ON u.id = f.user_id AND NOT u.disabled
             LEFT JOIN trainees t ON t.user_id = u.id
            WHERE f.id = $1`,
          [id],
        )) as OwnerRow[])
      : [];
    const hash = tokenHash(token);
    if (!row || row.token_hash.length !== hash.length || !timingSafeEqual(row.token_hash, hash)) {
      this.limiter.hit(`calendar-feed-miss:${ctx.ip}`, BAD_FEED_TOKENS_PER_MINUTE);
      throw ProblemException.notFound();
    }
    this.limiter.hit(`calendar-feed:${id}`, FEED_FETCHES_PER_MINUTE);
    return this.calendars.forPerson({
      viewer: {
        userId: row.user_id,
        role: row.role,
        institutionId: row.institution_id,
        traineeId: row.trainee_id,
        instructorId: row.instructor_id,
        emailVerified: true,
        mfaSetupRequired: false,
        sessionId: null,
      },
      locale: row.locale,
      timeZone: row.time_zone,
    });
  }
}
