/**
 * Whether a JWT_SECRET is fit for production. Anyone who knows the secret can
 * sign in as anyone, so a value copied from documentation or typed by hand is
 * refused at start-up. The rule (README, "Configuration") catches the usual
 * mistakes; it does not prove randomness, and a random secret of 32+
 * characters — `openssl rand -base64 48`, `openssl rand -hex 32`, or the one
 * the embedded set-up generates — always passes it.
 */

export const JWT_SECRET_MIN_LENGTH = 32;

/**
 * Words of placeholders and hand-made secrets, found case-insensitively with
 * separators ignored (`Change_Me`, `s-e-c-r-e-t`). All are five letters or
 * longer, so a random secret contains one by chance less than once in a
 * million.
 */
export const JWT_SECRET_PLACEHOLDER_WORDS = [
  'changeme',
  'changeit',
  'secret',
  'example',
  'placeholder',
  'password',
  'default',
  'replace',
  'dummy',
  'sample',
  'skillbridge',
] as const;

/** "your-jwt-key-here": `your` followed by a separator. */
const YOUR_SOMETHING = /your[-_\s.]/i;

/** Characters must vary at least this much (Shannon entropy of their frequencies, in bits per character). */
export const JWT_SECRET_MIN_BITS_PER_CHARACTER = 2.5;

/**
 * Why a secret is unfit for production, or null when it passes. The reason is
 * shown to operators, so it never contains the secret.
 */
export function jwtSecretWeakness(secret: string): string | null {
  if (secret.length < JWT_SECRET_MIN_LENGTH) {
    return `it is shorter than ${JWT_SECRET_MIN_LENGTH} characters`;
  }
  const letters = secret.toLowerCase().replace(/[^a-z0-9]/g, '');
  const word = JWT_SECRET_PLACEHOLDER_WORDS.find((w) => letters.includes(w));
  if (word) return `it contains "${word}", the mark of a placeholder or a hand-made secret`;
  if (YOUR_SOMETHING.test(secret)) return 'it looks like a placeholder ("your-…")';
  const period = repeatPeriod(secret);
  if (period !== null) {
    return period === 1 ? 'it is one character repeated' : `it repeats a ${period}-character pattern`;
  }
  if (isMostlyARun(secret)) return 'it is mostly a run of consecutive characters (abcd…, 1234…)';
  const bits = bitsPerCharacter(secret);
  if (bits < JWT_SECRET_MIN_BITS_PER_CHARACTER) {
    return `its characters vary too little (${bits.toFixed(1)} bits per character; at least ${JWT_SECRET_MIN_BITS_PER_CHARACTER} needed)`;
  }
  return null;
}

/** The shortest p (at most half the length) with s[i] = s[i + p] everywhere, or null. */
function repeatPeriod(s: string): number | null {
  for (let p = 1; p <= s.length / 2; p++) {
    let repeats = true;
    for (let i = 0; i + p < s.length && repeats; i++) repeats = s[i] === s[i + p];
    if (repeats) return p;
  }
  return null;
}

/** More than half of the neighbouring characters are one code point apart (abc…, 321…). */
function isMostlyARun(s: string): boolean {
  let steps = 0;
  for (let i = 1; i < s.length; i++) {
    if (Math.abs(s.charCodeAt(i) - s.charCodeAt(i - 1)) === 1) steps++;
  }
  return steps > (s.length - 1) / 2;
}

/** Shannon entropy of the character frequencies: log2(distinct characters) when each is used equally. */
function bitsPerCharacter(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  const length = [...s].length;
  let bits = 0;
  for (const n of counts.values()) bits -= (n / length) * Math.log2(n / length);
  return bits;
}
