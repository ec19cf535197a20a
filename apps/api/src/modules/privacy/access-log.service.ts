import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, Role, type AccessLogResource } from '@skillbridge/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../../common/auth/viewer';
import { ProblemException } from '../../common/problem/problem.exception';

/** Whose record a read touched: the trainee record and/or the account (either may be unknown). */
export interface AccessSubject {
  traineeId?: string | null;
  userId?: string | null;
  /** The sensitive fields read of this person, when they differ from person to person on one page. */
  fields?: readonly string[];
}

/** Staff whose reads of other people's records are logged; a trainee only ever reads their own. */
const LOGGED_ROLES: readonly Role[] = [Role.Admin, Role.Partner, Role.Instructor];

/**
 * "Who looked" (issue 23): a staff read of people's records leaves one row
 * per person in `access_log_entries` — ids only, so erasure has nothing to
 * scrub there.
 *
 * Callers record after the data is loaded and before it is sent: the write is
 * awaited, so when it fails the request fails (503) and nothing is shown that
 * the log does not know of. However many people a page lists, it is one INSERT
 * (the rows go as arrays). A person reading their own record is not logged.
 *
 * Reads covered (see the access-log e2e suite):
 * - GET /trainees/:id (`trainee`), GET /trainees (`trainee-list`, one row per listed trainee)
 * - GET /users/:id of a trainee's account by an admin (`trainee`)
 * - GET /programs/:id/enrolments, roster.csv, roster.xlsx and the review queue GET /enrolments (`enrolment`)
 * - GET /enrolments/:id/logistics and GET /programs/:id/logistics (`logistics`, with the sensitive fields returned)
 * - GET /enrolments/:id/invitation-letter.pdf and GET /programs/:id/invitation-letters.zip (`invitation-letter`)
 * - GET /certificates/:id, its PDF and its credential by staff (`certificate`)
 * - GET /sessions/:id/attendance and the closing preview GET /programs/:id/completion (`attendance`)
 * - GET /certificates, a list with holders' names (`certificate`)
 * Not logged: aggregate reports (counts, no person), the public verification pages (what the holder shows),
 * GET /users lists (accounts, staff and trainees alike — GET /users/:id of a trainee is).
 */
@Injectable()
export class AccessLog {
  private readonly logger = new Logger(AccessLog.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(
    ctx: RequestContext,
    subjects: readonly AccessSubject[],
    resource: AccessLogResource,
    fields: readonly string[] = [],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const viewer = ctx.viewer;
    if (!viewer || !LOGGED_ROLES.includes(viewer.role)) return;
    const seen = new Set<string>();
    const others = subjects.filter((s) => {
      const self = (!!s.traineeId && s.traineeId === viewer.traineeId) || (!!s.userId && s.userId === viewer.userId);
      const key = `${s.traineeId ?? ''}/${s.userId ?? ''}`;
      if (self || (!s.traineeId && !s.userId) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (others.length === 0) return;
    try {
      await this.insert(manager, ctx, others, resource, fields);
    } catch (error) {
      // Nothing is shown that the log does not know of: the read fails as the service being unavailable, not as a
      // bug, and the cause goes to the server's log.
      this.logger.error(`access log entry not written (${resource}): ${String(error)}`);
      throw new ProblemException(503, ErrorCode.ServiceUnavailable);
    }
  }

  private async insert(
    manager: EntityManager,
    ctx: RequestContext,
    others: AccessSubject[],
    resource: AccessLogResource,
    fields: readonly string[],
  ): Promise<void> {
    const viewer = ctx.viewer as NonNullable<RequestContext['viewer']>;
    await manager.query(
      `INSERT INTO access_log_entries
              (actor_user_id, actor_role, actor_institution_id, subject_trainee_id, subject_user_id, resource, fields, request_id)
       SELECT $1, $2, $3, s.trainee_id, s.user_id, $6, ARRAY(SELECT jsonb_array_elements_text(s.fields)), $7
         FROM unnest($4::uuid[], $5::uuid[], $8::jsonb[]) AS s(trainee_id, user_id, fields)`,
      [
        viewer.userId,
        viewer.role,
        viewer.institutionId,
        others.map((s) => s.traineeId ?? null),
        others.map((s) => s.userId ?? null),
        resource,
        ctx.requestId || null,
        others.map((s) => JSON.stringify(s.fields ?? fields)),
      ],
    );
  }
}

/**
 * The fields a view actually returned of its sensitive sections, as the log names them:
 * `passport.number`, `dietary.needs`, `emergencyContact.phone`; a section that is a value or a list by its name.
 */
export function returnedFields(view: object, sections: readonly string[]): string[] {
  const fields: string[] = [];
  for (const section of sections) {
    const value = (view as Record<string, unknown>)[section];
    if (value === undefined || value === null) continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (inner !== undefined && inner !== null && inner !== '') fields.push(`${section}.${key}`);
      }
    } else fields.push(section);
  }
  return fields;
}
