import { Injectable } from '@nestjs/common';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Secrets } from '../../common/crypto/secrets';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity';

/** How long each kind of e-mailed link works. */
export const TOKEN_LIFETIME_MS: Readonly<Record<AccountTokenPurpose, number>> = {
  'verify-email': 48 * 3_600_000,
  'change-email': 24 * 3_600_000,
  'password-reset': 30 * 60_000,
  unlock: 60 * 60_000,
};

/** Where in the web app each kind of link leads; the page posts the token back to the API. */
export const TOKEN_LINK_PATH: Readonly<Record<AccountTokenPurpose, string>> = {
  'verify-email': '/verify-email',
  'change-email': '/verify-email',
  'password-reset': '/reset-password',
  unlock: '/unlock',
};

/** The token of a row: its id and a MAC of id and purpose (what the e-mailed link carries). */
export function accountTokenFor(secrets: Secrets, id: string, purpose: AccountTokenPurpose): string {
  return `${id}.${secrets.mac(`${id}:${purpose}`, 'account-token').toString('base64url')}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Single-use, expiring tokens of the links e-mailed for account actions. A
 * token is `<id>.<secret>` with the secret a MAC of id and purpose under a
 * server key: the database keeps only the token's SHA-256, and the outbox
 * rebuilds the link from the id when it sends the e-mail. Consuming one is a
 * locked UPDATE, so a token works once even when two requests race.
 */
@Injectable()
export class AccountTokensService {
  constructor(private readonly secrets: Secrets) {}

  tokenFor(id: string, purpose: AccountTokenPurpose): string {
    return accountTokenFor(this.secrets, id, purpose);
  }

  /** Makes a token (in the caller's transaction) and returns its row id, for the e-mail to carry. */
  async issue(
    manager: EntityManager,
    input: { userId: string; purpose: AccountTokenPurpose; email: string },
  ): Promise<string> {
    const id = randomUUID();
    await manager.insert(AccountToken, {
      id,
      userId: input.userId,
      purpose: input.purpose,
      email: input.email,
      tokenHash: sha256(this.tokenFor(id, input.purpose)),
      expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[input.purpose]),
    });
    return id;
  }

  /**
   * Spends a token of this purpose: its row when the token is genuine, unused
   * and unexpired (marked used now, in the caller's transaction), else null —
   * one answer for wrong, used and expired tokens.
   */
  async consume(manager: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<AccountToken | null> {
    const [id] = token.split('.');
    if (!id || !UUID.test(id)) return null;
    const expected = Buffer.from(this.tokenFor(id, purpose));
    const given = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const row = await manager.findOne(AccountToken, { where: { id, purpose }, lock: { mode: 'pessimistic_write' } });
    if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) return null;
    if (!timingSafeEqual(row.tokenHash, sha256(token))) return null;
    await manager.update(AccountToken, { id }, { usedAt: new Date() });
    return row;
  }

  /** Spends every other live token of the account for these purposes (a reset link is void once the password changed). */
  async revokeAll(manager: EntityManager, userId: string, purposes: AccountTokenPurpose[]): Promise<void> {
    await manager.query(
      `UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = ANY($2) AND used_at IS NULL`,
      [userId, purposes],
    );
  }
}
