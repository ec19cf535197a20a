import type { ImportTextEncoding } from '@skillbridge/contracts';
import { analyse } from 'chardet';
import { decode } from 'iconv-lite';

/**
 * The encodings a text file from a spreadsheet comes in around here: UTF-8
 * ("CSV UTF-8"), UTF-16 with a byte-order mark (Excel's "Unicode text",
 * tab-separated), and what Excel's plain "CSV" writes on Chinese, Taiwanese
 * and Thai Windows: GBK (GB18030 when it needs four-byte characters), Big5
 * and Windows-874.
 */
export type TextEncoding = ImportTextEncoding;

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/** The legacy encodings, in the order a tie goes (Chinese Excel is the commonest source). */
const LEGACY = ['GB18030', 'Big5', 'windows-874'] as const;
type Legacy = (typeof LEGACY)[number];

/** How much of a big file the detection looks at: plenty for statistics, a bounded cost for any size. */
export const DETECTION_SAMPLE_BYTES = 32 * 1024;

/**
 * Below this plausibility a decoding is garbage rather than text (a Latin-1
 * "José" read as Thai is a tone mark after an "s").
 */
const MIN_PLAUSIBILITY = 0.5;

/** A legacy reading this plausible wins over valid UTF-8 that does not read as writing. */
const CLEAR_LEGACY_READING = 0.9;

/** Readings whose scores differ by less than this are a tie. */
const NEAR_TIE = 0.05;

/** Non-ASCII bytes from which chardet's confidence counts fully (below, in proportion). */
const DETECTOR_FULL_WEIGHT_BYTES = 1000;

const BOM_UTF8 = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Control characters no spreadsheet text holds (a NUL means binary, or UTF-16 without its mark), or a broken sequence. */
function hasStrayControls(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f || c === 0xfffd) return true;
  }
  return false;
}

/**
 * The profiles below give no weight to a pair between ASCII letters: `M` ü
 * `l`ler in Latin-1 is a valid GBK or Big5 pair ending in `l`, an accented
 * letter of a Latin word rather than a hanzi.
 */
const isAsciiLetter = (byte: number | undefined) =>
  byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));

/**
 * How plausible a GB18030 reading is: GB2312's level-1 hanzi (the 3,755
 * everyday characters, lead bytes B0–D7) and its punctuation rows (A1, A3)
 * count fully; its level-2 hanzi (D8–F7, rarer but frequent in names), the
 * pinyin row (A8: é, ü), GBK's extension hanzi (traditional characters
 * among them) and four-byte characters half; kana, Greek, box drawing and
 * private use — where other encodings' bytes land — not at all. Also says whether four-byte
 * (GB18030-only) sequences occur.
 */
function gbProfile(bytes: Uint8Array): { plausible: number; fourByte: boolean } {
  let total = 0;
  let weight = 0;
  let fourByte = false;
  let afterLetter = false;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i];
    if (lead < 0x80) {
      afterLetter = isAsciiLetter(lead);
      continue;
    }
    total++;
    const latin = afterLetter && isAsciiLetter(bytes[i + 1]);
    afterLetter = false;
    if (lead === 0x80 || lead === 0xff) continue; // single bytes (the euro sign in Windows' GBK)
    const next = bytes[i + 1] ?? 0;
    if (next >= 0x30 && next <= 0x39) {
      fourByte = true;
      weight += 0.5;
      i += 3;
      continue;
    }
    i += 1;
    if (latin) continue;
    if (lead <= 0xa0)
      weight += 0.5; // GBK/3: extension hanzi, traditional ones among them
    else if (next >= 0xa1) {
      if ((lead >= 0xb0 && lead <= 0xd7) || lead === 0xa1 || lead === 0xa3) weight += 1;
      else if ((lead >= 0xd8 && lead <= 0xf7) || lead === 0xa8) weight += 0.5;
    } else if (lead >= 0xaa) weight += 0.5; // GBK/4: extension hanzi
  }
  return { plausible: total ? weight / total : 0, fourByte };
}

/**
 * How plausible a Big5 reading is: the 5,401 frequently used hanzi (lead
 * bytes A4–C6) and the symbol rows (A1–A3) count fully, the less frequent
 * hanzi (C9–F9) half.
 */
function big5Plausibility(bytes: Uint8Array): number {
  let total = 0;
  let weight = 0;
  let afterLetter = false;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i];
    if (lead < 0x80) {
      afterLetter = isAsciiLetter(lead);
      continue;
    }
    total++;
    const latin = afterLetter && isAsciiLetter(bytes[i + 1]);
    afterLetter = false;
    i += 1;
    if (latin) continue;
    if (lead >= 0xa1 && lead <= 0xc6) weight += 1;
    else if (lead >= 0xc9 && lead <= 0xf9) weight += 0.5;
  }
  return total ? weight / total : 0;
}

/** Thai consonants in use (not the obsolete ฃ, ฅ, ฦ). */
const isThaiConsonant = (c: number) => c >= 0x0e01 && c <= 0x0e2e && c !== 0x0e03 && c !== 0x0e05 && c !== 0x0e26;
/** Vowels written above or below their consonant. */
const isThaiUpperLowerVowel = (c: number) => c === 0x0e31 || (c >= 0x0e34 && c <= 0x0e39);
const isThaiToneMark = (c: number) => c >= 0x0e48 && c <= 0x0e4c;
const isThaiDigit = (c: number) => c >= 0x0e50 && c <= 0x0e59;
/** Thai digits are rare, and only ever among digits. */
const isDigit = (c: number) => isThaiDigit(c) || (c >= 0x30 && c <= 0x39);

/**
 * How plausible a Windows-874 reading is: the share of its non-ASCII
 * characters that sit where Thai writing puts them — upper and lower vowels
 * on a consonant, tone marks on a consonant or such a vowel, following vowels
 * after a syllable, leading vowels before a consonant, Thai digits among
 * digits. Chinese bytes read as Thai break these rules at once, or land on
 * letters nobody writes any more.
 */
function thaiPlausibility(text: string): number {
  let total = 0;
  let fine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ASCII, and the typographic marks Windows-874 shares with Windows-1252 (dashes, quotes, €): no evidence.
    if (c < 0x80 || c === 0x00a0 || c === 0x20ac || c === 0x2026 || (c >= 0x2013 && c <= 0x2022)) continue;
    total++;
    const before = i > 0 ? text.charCodeAt(i - 1) : 0;
    const after = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    let ok: boolean;
    if (isThaiConsonant(c)) ok = true;
    else if (isThaiDigit(c)) ok = isDigit(before) || isDigit(after);
    else if (isThaiUpperLowerVowel(c) || c === 0x0e47) ok = isThaiConsonant(before);
    else if (isThaiToneMark(c)) ok = isThaiConsonant(before) || isThaiUpperLowerVowel(before);
    else if (c === 0x0e30 || c === 0x0e32 || c === 0x0e33 || c === 0x0e45) {
      ok = isThaiConsonant(before) || isThaiToneMark(before);
    } else if (c >= 0x0e40 && c <= 0x0e44) ok = isThaiConsonant(after);
    else if (c === 0x0e2f || c === 0x0e46) ok = before >= 0x0e01 && before <= 0x0e4c;
    else ok = false;
    if (ok) fine++;
  }
  return total ? fine / total : 0;
}

const SCRIPTS = ['Latin', 'Greek', 'Cyrillic', 'Armenian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Nko'].map(
  (name) => ({ name, pattern: new RegExp(`\\p{Script=${name}}`, 'u') }),
);
const scriptOf = (char: string) => SCRIPTS.find((script) => script.pattern.test(char))?.name;

/**
 * Whether text that is valid UTF-8 reads as writing: short GBK or Big5 text
 * (two bytes a character) is sometimes valid UTF-8 too, and then reads as a
 * jumble of scripts (郑爽 in GBK: a Hebrew accent and a modifier letter) or a
 * mark on nothing. Words in one script, marks on letters: real text.
 */
function readsAsWriting(text: string): boolean {
  for (const word of text.match(/[^\s,;\t"'()\-./@]+/gu) ?? []) {
    if (/^[\x20-\x7e]*$/.test(word)) continue;
    if (/[\u0080-\u009f]/u.test(word) || /^\p{M}/u.test(word)) return false;
    const scripts = new Set([...word].map(scriptOf).filter((name) => name !== undefined));
    if (scripts.size > 1) return false;
  }
  return true;
}

/** The bytes up to the last line end within the sample: no multi-byte character is cut in two. */
function sampleOf(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= DETECTION_SAMPLE_BYTES) return bytes;
  const end = bytes.lastIndexOf(0x0a, DETECTION_SAMPLE_BYTES);
  return bytes.subarray(0, end > 0 ? end + 1 : DETECTION_SAMPLE_BYTES);
}

function plausibility(encoding: Legacy, sample: Uint8Array, text: string): number {
  if (encoding === 'GB18030') return gbProfile(sample).plausible;
  if (encoding === 'Big5') return big5Plausibility(sample);
  return thaiPlausibility(text);
}

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function utf16(bytes: Uint8Array, encoding: 'UTF-16LE' | 'UTF-16BE'): DecodedText | undefined {
  if (bytes.length % 2 !== 0) return undefined;
  try {
    const text = new TextDecoder(encoding.toLowerCase(), { fatal: true, ignoreBOM: false }).decode(bytes);
    return hasStrayControls(text) ? undefined : { text, encoding };
  } catch {
    return undefined;
  }
}

/**
 * The legacy readings of the bytes that decode without a broken sequence and
 * read as text, best first: by plausibility, plus chardet's confidence
 * (restricted to these candidates) weighted by how much text it had — its
 * statistics need a few hundred characters, and on a line or two it says
 * Big5 for GBK as readily as not. A near-tie goes to the likelier source,
 * in the order of LEGACY.
 */
function legacyReadings(bytes: Uint8Array): { encoding: Legacy; plausible: number }[] {
  const sample = sampleOf(bytes);
  const highBytes = sample.reduce((count, byte) => count + (byte >= 0x80 ? 1 : 0), 0);
  const detectorWeight = 0.25 * Math.min(1, highBytes / DETECTOR_FULL_WEIGHT_BYTES);
  const confidence = new Map(analyse(sample).map((match) => [match.name as string, match.confidence]));
  const readings: { encoding: Legacy; plausible: number; score: number; order: number }[] = [];
  LEGACY.forEach((encoding, order) => {
    const text = decode(toBuffer(sample), encoding);
    if (hasStrayControls(text)) return;
    const plausible = plausibility(encoding, sample, text);
    if (plausible < MIN_PLAUSIBILITY) return;
    readings.push({
      encoding,
      plausible,
      order,
      score: plausible + ((confidence.get(encoding) ?? 0) / 100) * detectorWeight,
    });
  });
  readings.sort((a, b) => b.score - a.score);
  // Among the readings within a near-tie of the best, the likelier source goes first.
  const [first] = readings
    .filter((reading) => readings[0].score - reading.score < NEAR_TIE)
    .sort((a, b) => a.order - b.order);
  return first ? [first, ...readings.filter((reading) => reading !== first)] : [];
}

function decodeLegacy(bytes: Uint8Array, encoding: Legacy): DecodedText | undefined {
  const text = decode(toBuffer(bytes), encoding);
  if (hasStrayControls(text)) return undefined;
  return { text, encoding: encoding === 'GB18030' && !gbProfile(bytes).fourByte ? 'GBK' : encoding };
}

/**
 * Reads the text of an uploaded file, or undefined when it is none of the
 * encodings above. A byte-order mark decides first, then valid UTF-8 — unless
 * it reads as a jumble and a legacy reading as plain Chinese or Thai (a
 * name or two in GBK can be valid UTF-8 by chance). Only then are the legacy
 * encodings weighed: each must decode without a broken sequence, and the
 * most plausible reading wins. A statistical detector alone (chardet) guesses
 * badly on the few lines of a typical roster, so it only adds weight.
 */
export function decodeText(bytes: Uint8Array): DecodedText | undefined {
  if (startsWith(bytes, [0xff, 0xfe])) return utf16(bytes, 'UTF-16LE');
  if (startsWith(bytes, [0xfe, 0xff])) return utf16(bytes, 'UTF-16BE');
  let utf8: string | undefined;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // A UTF-8 mark before bytes that are not UTF-8 is a broken file, not another encoding.
    if (startsWith(bytes, BOM_UTF8)) return undefined;
  }
  if (utf8 !== undefined) {
    if (hasStrayControls(utf8)) return undefined;
    if (startsWith(bytes, BOM_UTF8) || readsAsWriting(utf8.slice(0, DETECTION_SAMPLE_BYTES))) {
      return { text: utf8, encoding: 'UTF-8' };
    }
    const [best] = legacyReadings(bytes);
    return (
      (best && best.plausible >= CLEAR_LEGACY_READING && decodeLegacy(bytes, best.encoding)) || {
        text: utf8,
        encoding: 'UTF-8',
      }
    );
  }
  for (const { encoding } of legacyReadings(bytes)) {
    const decoded = decodeLegacy(bytes, encoding);
    if (decoded) return decoded;
  }
  return undefined;
}
