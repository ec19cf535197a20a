import type { EntityManager } from 'typeorm';
import { User } from '../users/user.entity';

/** An account with what proves it is yours: the password hash and the sealed TOTP secrets (never selected otherwise). */
export type Credentials = User & { passwordHash: string; totpSecret: string | null; totpPendingSecret: string | null };

/** Reads an account with its secrets, by id or e-mail; with `lock`, the row is locked for the transaction. */
export async function readCredentials(
  manager: EntityManager,
  where: { id: string } | { email: string },
  lock = false,
): Promise<Credentials | null> {
  const qb = manager
    .getRepository(User)
    .createQueryBuilder('u')
    .addSelect(['u.passwordHash', 'u.totpSecret', 'u.totpPendingSecret']);
  if ('id' in where) qb.where('u.id = :id', { id: where.id });
  else qb.where('u.email = :email', { email: where.email });
  if (lock) qb.setLock('pessimistic_write');
  return (await qb.getOne()) as Credentials | null;
}

/** Rows an UPDATE … RETURNING changed (TypeORM answers such statements with `[rows, count]`). */
export function changedRows(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
