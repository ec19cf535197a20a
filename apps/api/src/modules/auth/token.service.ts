import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@skillbridge/contracts';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { AppConfig } from '../../config';
import { RefreshToken } from './refresh-token.entity';
import { SignIn } from './sign-in.entity';
import { ViewerLoader } from './viewer-loader.service';

export const ACCESS_TOKEN_ISSUER = 'skillbridge';
export const ACCESS_TOKEN_AUDIENCE = 'skillbridge-api';
/** The audience of the token between a correct password and the second factor: never an access token. */
export const MFA_TOKEN_AUDIENCE = 'skillbridge-mfa';
export const MFA_TOKEN_TTL_SECONDS = 300;

/** What an access token says: whose it is, which token version of that account, and which sign-in issued it. */
export interface AccessClaims {
  sub: string;
  role: Role;
  ver: number;
  sid: string;
}

/** What the second step of a sign-in needs to know: whose password was right, and where the sign-in came from. */
export interface MfaClaims {
  sub: string;
  ver: number;
}

export interface IssuedRefreshToken {
  /** `<id>.<secret>`: the cookie value. */
  value: string;
  expiresAt: Date;
  /** The sign-in (refresh-token family) it belongs to: the `sid` of its access tokens. */
  signInId: string;
}

/** Where a sign-in comes from, as the profile page shows it. */
export interface Device {
  userAgent: string | null;
  ip: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parseRefresh(value: string): { id: string; secret: string } | null {
  const [id, secret, extra] = value.split('.');
  if (!id || !secret || extra !== undefined || !UUID.test(id)) return null;
  return { id, secret };
}

/**
 * Short-lived signed access tokens (HS256, verified with the algorithm fixed,
 * so `alg: none` and swapped algorithms are refused; a token without `exp`,
 * or one that would live longer than ACCESS_TOKEN_TTL_SECONDS, is refused
 * too) and rotating refresh tokens stored as hashes. Each refresh-token
 * family is a sign-in (a device) the owner can list and end; ending it also
 * stops its access tokens, which carry its id as `sid`.
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
    return this.jwt.sign({ role: claims.role, ver: claims.ver, sid: claims.sid }, { subject: claims.sub });
  }

  /** The claims of a valid, unexpired token of ours; null for anything else. */
  verifyAccess(token: string): AccessClaims | null {
    try {
      const payload = this.jwt.verify<Record<string, unknown>>(token);
      const { sub, role, ver, sid, iat, exp } = payload;
      if (typeof sub !== 'string' || typeof ver !== 'number' || typeof role !== 'string' || typeof sid !== 'string') {
        return null;
      }
      if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > this.config.ACCESS_TOKEN_TTL_SECONDS) {
        return null;
      }
      if (iat > Date.now() / 1000 + 60) return null; // issued in the future: not by us
      return { sub, role: role as Role, ver, sid };
    } catch {
      return null;
    }
  }

  signMfa(claims: MfaClaims): string {
    return this.jwt.sign(
      { ver: claims.ver },
      { subject: claims.sub, audience: MFA_TOKEN_AUDIENCE, expiresIn: MFA_TOKEN_TTL_SECONDS },
    );
  }

  verifyMfa(token: string): MfaClaims | null {
    try {
      const payload = this.jwt.verify<Record<string, unknown>>(token, { audience: MFA_TOKEN_AUDIENCE });
      const { sub, ver, iat, exp } = payload;
      if (typeof sub !== 'string' || typeof ver !== 'number') return null;
      if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > MFA_TOKEN_TTL_SECONDS) return null;
      return { sub, ver };
    } catch {
      return null;
    }
  }

  /** Opens a sign-in for a device and issues its first refresh token. */
  async startSignIn(manager: EntityManager, userId: string, device: Device): Promise<IssuedRefreshToken> {
    const signInId = randomUUID();
    await manager.insert(SignIn, {
      id: signInId,
      userId,
      userAgent: device.userAgent?.slice(0, 512) ?? null,
      ip: device.ip || null,
    });
    return this.issueRefresh(manager, userId, signInId);
  }

  private async issueRefresh(manager: EntityManager, userId: string, signInId: string): Promise<IssuedRefreshToken> {
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    const { identifiers } = await manager.insert(RefreshToken, {
      userId,
      familyId: signInId,
      secretHash: sha256(secret),
      expiresAt,
    });
    return { value: `${identifiers[0]['id']}.${secret}`, expiresAt, signInId };
  }

  /**
   * Spends a refresh token and issues its successor in the same family. A
   * token that was already spent means a copy is in someone else's hands:
   * the whole sign-in is ended and null returned, as for any invalid token.
   */
  async rotateRefresh(value: string): Promise<{ userId: string; next: IssuedRefreshToken } | null> {
    const parsed = parseRefresh(value);
    if (!parsed) return null;
    return this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(RefreshToken, {
        where: { id: parsed.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!token || !timingSafeEqual(token.secretHash, sha256(parsed.secret))) return null;
      if (token.revokedAt) {
        await this.endSignIns(manager, token.userId, [token.familyId]);
        return null;
      }
      if (token.expiresAt.getTime() <= Date.now()) return null;
      await manager.update(RefreshToken, { id: parsed.id }, { revokedAt: new Date() });
      await manager.update(SignIn, { id: token.familyId }, { lastUsedAt: new Date() });
      return { userId: token.userId, next: await this.issueRefresh(manager, token.userId, token.familyId) };
    });
  }

  /** Ends the sign-in a refresh token belongs to (sign-out) — only for the whole token, secret included. */
  async revokeFamilyOf(value: string): Promise<void> {
    const parsed = parseRefresh(value);
    if (!parsed) return;
    await this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(RefreshToken, { where: { id: parsed.id } });
      if (!token || !timingSafeEqual(token.secretHash, sha256(parsed.secret))) return;
      await this.endSignIns(manager, token.userId, [token.familyId]);
    });
  }

  /** Ends these sign-ins of the account: their refresh tokens stop, and their access tokens with them. */
  async endSignIns(manager: EntityManager, userId: string, signInIds: string[]): Promise<void> {
    if (signInIds.length === 0) return;
    this.viewers.forget(userId);
    await manager.query(
      `UPDATE sign_ins SET ended_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND ended_at IS NULL`,
      [userId, signInIds],
    );
    await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE user_id = $1 AND family_id = ANY($2::uuid[]) AND revoked_at IS NULL`,
      [userId, signInIds],
    );
  }

  /** Ends every sign-in of an account but `keep` (disabled, deleted, password or role changed; "sign out everywhere"). */
  async revokeAllOf(manager: EntityManager, userId: string, keep?: string): Promise<void> {
    this.viewers.forget(userId);
    await manager.query(
      `UPDATE sign_ins SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL AND ($2::uuid IS NULL OR id <> $2)`,
      [userId, keep ?? null],
    );
    await manager.update(
      RefreshToken,
      keep ? { userId, revokedAt: IsNull(), familyId: Not(keep) } : { userId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
  }
}
