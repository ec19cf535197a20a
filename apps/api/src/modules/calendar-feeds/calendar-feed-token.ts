import { createHash } from 'node:crypto';
import type { SecretBox } from '../../common/crypto/secret-box';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The MAC's purpose: a calendar token never passes for an e-mailed link's, nor one of those for it. */
const PURPOSE = 'calendar-feed';

/** The token of a feed row: its id and a MAC of the id under a key of DATA_ENCRYPTION_KEY (URL-safe). */
export function calendarFeedToken(secrets: SecretBox, id: string): string {
  return `${id}.${secrets.mac(id, PURPOSE).toString('base64url')}`;
}

export const tokenHash = (token: string): Buffer => createHash('sha256').update(token).digest();

/** The feed id a well-formed token names, or null; whether it is genuine is the row's hash to say. */
export function calendarFeedId(token: string): string | null {
  const [id, mac, ...rest] = token.split('.');
  if (rest.length > 0 || !id || !mac || !UUID.test(id) || !/^[A-Za-z0-9_-]{43}$/.test(mac)) return null;
  return id;
}
