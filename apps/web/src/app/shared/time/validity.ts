import { zonedDate } from '@skillbridge/contracts';

/**
 * Whether a certificate's validity has run out: it is valid through its
 * `validUntil` day, read in its program's time zone (where its dates are
 * stated), and expired from the next day on.
 */
export function isExpired(validUntil: string | undefined, timeZone: string, now: Date = new Date()): boolean {
  return Boolean(validUntil) && zonedDate(now, timeZone) > (validUntil as string);
}
