import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountSession } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import { signedIn, type RequestContext } from '../../common/auth/viewer';
import { ProblemException } from '../../common/problem/problem.exception';
import { AuditService } from '../audit/audit.service';
import { SignIn } from './sign-in.entity';
import { TokenService } from './token.service';

/** The devices an account is signed in on, as its owner sees and ends them. */
@Injectable()
export class SignInsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
  ) {}

  /** Open sign-ins (with a refresh token still usable), the most recently used first. */
  async list(ctx: RequestContext): Promise<AccountSession[]> {
    const viewer = signedIn(ctx);
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.user_agent, s.created_at, s.last_used_at
         FROM sign_ins s
        WHERE s.user_id = $1 AND s.ended_at IS NULL
          AND EXISTS (SELECT 1 FROM refresh_tokens r
                       WHERE r.family_id = s.id AND r.revoked_at IS NULL AND r.expires_at > now())
        ORDER BY s.last_used_at DESC, s.id
        LIMIT 200`,
      [viewer.userId],
    )) as { id: string; user_agent: string | null; created_at: Date; last_used_at: Date }[];
    return rows.map((row) => ({
      id: row.id,
      userAgent: row.user_agent,
      createdAt: row.created_at.toISOString(),
      lastUsedAt: row.last_used_at.toISOString(),
      current: row.id === viewer.sessionId,
    }));
  }

  /** Ends one of the caller's own sign-ins; another account's, or one already ended, is 404. */
  async end(id: string, ctx: RequestContext): Promise<void> {
    const viewer = signedIn(ctx);
    await this.dataSource.transaction(async (manager) => {
      const signIn = await manager.findOne(SignIn, { where: { id, userId: viewer.userId } });
      if (!signIn || signIn.endedAt) throw ProblemException.notFound();
      await this.tokens.endSignIns(manager, viewer.userId, [id]);
      await this.audit.record(manager, ctx, { action: 'auth.sign_in_end', entityType: 'sign_in', entityId: id });
    });
  }

  /** Ends every sign-in of the caller but the one this request came with. */
  async endOthers(ctx: RequestContext): Promise<void> {
    const viewer = signedIn(ctx);
    await this.dataSource.transaction(async (manager) => {
      await this.tokens.revokeAllOf(manager, viewer.userId, viewer.sessionId ?? undefined);
      await this.audit.record(manager, ctx, {
        action: 'auth.sign_in_end_others',
        entityType: 'user',
        entityId: viewer.userId,
      });
    });
  }
}
