import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@skillbridge/contracts';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppConfig } from '../../config';
import { RefreshToken } from './refresh-token.entity';
import { ViewerLoader } from './viewer-loader.service';

export const ACCESS_TOKEN_ISSUER = 'skillbridge';
export const ACCESS_TOKEN_AUDIENCE = 'skillbridge-api';

/** What an access token says: whose it is and which token version of that account. */
export interface AccessClaims {
  sub: string;
  role: Role;
  ver: number;
}

export interface IssuedRefreshToken {
  /** `<id>.<secret>`: the cookie value. */
  value: string;
  expiresAt: Date;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Short-lived signed access tokens (HS256, verified with the algorithm fixed,
 * so `alg: none` and swapped algorithms are refused) and rotating refresh
 * tokens stored as hashes.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly viewers: ViewerLoader,
  ) {}

  get accessTtlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  signAccess(claims: AccessClaims): string {
    return this.jwt.sign({ role: claims.role, ver: claims.ver }, { subject: claims.sub });
  }

  /** The claims of a valid, unexpired token of ours; null for anything else. */
  verifyAccess(token: string): AccessClaims | null {
    try {
      const payload = this.jwt.verify<{ sub?: unknown; role?: unknown; ver?: unknown }>(token);
      if (typeof payload.sub !== 'string' || typeof payload.ver !== 'number' || typeof payload.role !== 'string') {
        return null;
      }
      return { sub: payload.sub, role: payload.role as Role, ver: payload.ver };
    } catch {
      return null;
    }
  }

  async issueRefresh(
    manager: EntityManager,
    userId: string,
    familyId: string = randomUUID(),
  ): Promise<IssuedRefreshToken> {
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    const { identifiers } = await manager.insert(RefreshToken, {
      userId,
      familyId,
      secretHash: sha256(secret),
      expiresAt,
    });
    return { value: `${identifiers[0]['id']}.${secret}`, expiresAt };
  }

  /**
   * Spends a refresh token and issues its successor in the same family. A
   * token that was already spent means a copy is in someone else's hands:
   * the whole family is revoked and null returned, as for any invalid token.
   */
  async rotateRefresh(value: string): Promise<{ userId: string; next: IssuedRefreshToken } | null> {
    const [id, secret] = value.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return null;
    return this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(RefreshToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!token || !timingSafeEqual(token.secretHash, sha256(secret))) return null;
      if (token.revokedAt) {
        await manager.update(
          RefreshToken,
          { familyId: token.familyId, revokedAt: IsNull() },
          { revokedAt: new Date() },
        );
        return null;
      }
      if (token.expiresAt.getTime() <= Date.now()) return null;
      await manager.update(RefreshToken, { id }, { revokedAt: new Date() });
      return { userId: token.userId, next: await this.issueRefresh(manager, token.userId, token.familyId) };
    });
  }

  /** Ends the session a refresh token belongs to (sign-out). */
  async revokeFamilyOf(value: string): Promise<void> {
    const [id] = value.split('.');
    if (!id || !/^[0-9a-f-]{36}$/.test(id)) return;
    await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE id = $1)`,
      [id],
    );
  }

  /** Ends every session of an account (disabled, deleted, password or role changed). */
  async revokeAllOf(manager: EntityManager, userId: string): Promise<void> {
    this.viewers.forget(userId);
    await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
