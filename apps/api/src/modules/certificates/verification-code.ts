import { VERIFICATION_CODE_ALPHABET, VERIFICATION_CODE_LENGTH } from '@skillbridge/contracts';
import { randomBytes } from 'node:crypto';

/**
 * A new verification code: 24 characters of Crockford's base32 (120 random
 * bits), stored without separators and printed in groups of four.
 */
export function newVerificationCode(): string {
  const bytes = randomBytes((VERIFICATION_CODE_LENGTH * 5) / 8);
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      code += VERIFICATION_CODE_ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return code;
}

/** The codes of certificates issued before December 2026: 128 bits, base64url (they keep working). */
export const LEGACY_CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** `SB-2026-000164`, typed in any case. */
export const SERIAL_PATTERN = /^SB-\d{4}-\d{6,}$/i;
