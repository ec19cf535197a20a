import type { ShapedGlyph } from './harfbuzz';
import type { FontKey, FontLibrary, LoadedFont } from './fonts';

/*
 * Text layout for the certificate: splits a string into runs by Unicode
 * script and bidirectional level, picks a font for each run (fallback by
 * script, then by coverage), shapes the runs with HarfBuzz and breaks
 * long text into lines.
 */

export type Weight = 'regular' | 'bold';

export interface TextStyle {
  weight: Weight;
  /** BCP 47 language of the text when known ('zh-Hans', 'th', 'en', 'ms'); names have none. */
  language?: string;
  /** Extra space after each character cluster, in em (for spaced-out Chinese titles). */
  tracking?: number;
}

export interface GlyphRun {
  font: LoadedFont;
  /** Glyphs in visual order; `cluster` indexes `ShapedLine.text`. */
  glyphs: ShapedGlyph[];
  start: number;
  end: number;
  rtl: boolean;
  /** ISO 15924 tag of the run's script ('Thai', 'Mymr', 'Latn'…). */
  script: string;
}

export interface ShapedLine {
  /** The logical text of the line (what copy and paste should give). */
  text: string;
  /** Runs in visual (left-to-right) order. */
  runs: GlyphRun[];
  /** Width at a font size of 1. */
  width: number;
  /** Ink above and below the baseline at a font size of 1 (both positive when present). */
  ascent: number;
  descent: number;
}

/** Scripts we know how to typeset, by ISO 15924 tag. */
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Latn', /\p{Script=Latin}/u],
  ['Hani', /\p{Script=Han}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Mymr', /\p{Script=Myanmar}/u],
  ['Khmr', /\p{Script=Khmer}/u],
  ['Laoo', /\p{Script=Lao}/u],
  ['Arab', /\p{Script=Arabic}/u],
  ['Beng', /\p{Script=Bengali}/u],
  ['Deva', /\p{Script=Devanagari}/u],
  ['Hira', /\p{Script=Hiragana}/u],
  ['Kana', /\p{Script=Katakana}/u],
  ['Bopo', /\p{Script=Bopomofo}/u],
  ['Hang', /\p{Script=Hangul}/u],
  ['Grek', /\p{Script=Greek}/u],
  ['Cyrl', /\p{Script=Cyrillic}/u],
  ['Hebr', /\p{Script=Hebrew}/u],
];
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
const RTL_SCRIPTS = new Set(['Arab', 'Hebr']);
/** Letters only Urdu (not Arabic) uses: such names are set in Nastaliq, the Urdu style. */
const URDU_LETTERS = /[\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06C3\u06D2]/u;
/** Characters any font may lack without harm (soft hyphen, joiners, direction marks, variation selectors). */
function isIgnorable(codePoint: number): boolean {
  return (
    codePoint === 0x00ad ||
    codePoint === 0x034f ||
    codePoint === 0x061c ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2060 && codePoint <= 0x2064) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    codePoint === 0xfeff ||
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef)
  );
}
/** Scripts written without spaces between words: a line may break between any two words. */
const NO_SPACE_SCRIPTS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const CLOSING = /^[\p{Pe}\p{Pf}\p{Po}]/u;
const OPENING = /[\p{Ps}\p{Pi}]/u;

const SCRIPT_FONTS: Record<string, FontKey> = {
  Latn: 'serif',
  Grek: 'serif',
  Cyrl: 'serif',
  Hani: 'sc',
  Hira: 'sc',
  Kana: 'sc',
  Bopo: 'sc',
  Hang: 'sc',
  Thai: 'thai',
  Laoo: 'lao',
  Khmr: 'khmer',
  Mymr: 'myanmar',
  Beng: 'bengali',
  Deva: 'devanagari',
  Arab: 'naskh',
};
const BOLD: Partial<Record<FontKey, FontKey>> = { serif: 'serifBold', sc: 'scBold', thai: 'thaiBold' };
/** Where to look when the script's own font lacks a character. */
const FALLBACK_ORDER: FontKey[] = ['serif', 'sc', 'thai', 'lao', 'khmer', 'myanmar', 'bengali', 'devanagari', 'naskh'];

type Direction = 'L' | 'R' | 'EN' | 'N';

interface Grapheme {
  start: number;
  end: number;
  script: string | null;
  dir: Direction;
  level: number;
  font?: LoadedFont;
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

function scriptOf(char: string): string | null {
  if (NEUTRAL.test(char)) return null;
  for (const [tag, pattern] of SCRIPTS) if (pattern.test(char)) return tag;
  return 'Zzzz';
}

export class TextShaper {
  private readonly wordSegmenters = new Map<string, Intl.Segmenter>();

  constructor(private readonly fonts: FontLibrary) {}

  /** Shapes one line of text (no line breaking). */
  shapeLine(text: string, style: TextStyle): ShapedLine {
    const runs = this.itemize(text, style).map((run) => this.shapeRun(text, run, style));
    let width = 0;
    let ascent = 0;
    let descent = 0;
    for (const run of runs) {
      width += runWidth(run);
      const upem = run.font.hb.upem;
      for (const glyph of run.glyphs) {
        const { top, bottom } = run.font.extents(glyph.gid);
        ascent = Math.max(ascent, (top + glyph.yOffset) / upem);
        descent = Math.max(descent, -(bottom + glyph.yOffset) / upem);
      }
    }
    return { text, runs, width, ascent, descent };
  }

  /**
   * Breaks text into lines no wider than `maxWidth` (at font size 1) at word
   * boundaries (dictionary-based for Thai, Lao, Khmer, Burmese and Chinese).
   * A single word wider than the line stays whole.
   */
  breakLines(text: string, style: TextStyle, maxWidth: number): ShapedLine[] {
    const whole = this.shapeLine(text, style);
    if (whole.width <= maxWidth) return [whole];
    // Width of each text offset's glyphs, from the shaped whole line.
    const widthAt = new Float64Array(text.length + 1);
    for (const run of whole.runs) {
      const scale = 1 / run.font.hb.upem;
      for (const glyph of run.glyphs) widthAt[glyph.cluster] += glyph.xAdvance * scale;
    }
    const segmenter = this.wordSegmenter(style.language);
    const pieces: { start: number; end: number; width: number; space: boolean }[] = [];
    for (const { segment, index } of segmenter.segment(text)) {
      let width = 0;
      for (let i = index; i < index + segment.length; i++) width += widthAt[i];
      const space = /^\s+$/u.test(segment);
      const previous = pieces[pieces.length - 1];
      const canBreakBefore =
        previous !== undefined &&
        !space &&
        (previous.space || NO_SPACE_SCRIPTS.test(text[index]) || NO_SPACE_SCRIPTS.test(text[index - 1])) &&
        // No line starts with closing punctuation or ends with an opening bracket (（第三期）, “…”).
        !CLOSING.test(segment) &&
        !OPENING.test(text[index - 1]);
      // Glue pieces that cannot start a line (punctuation, closing marks) to the previous one.
      if (previous && !canBreakBefore && !space && !previous.space) {
        previous.end = index + segment.length;
        previous.width += width;
      } else {
        pieces.push({ start: index, end: index + segment.length, width, space });
      }
    }
    const lines: ShapedLine[] = [];
    let lineStart = 0;
    let lineEnd = 0;
    let lineWidth = 0;
    const flush = () => {
      const slice = text.slice(lineStart, lineEnd).trim();
      if (slice) lines.push(this.shapeLine(slice, style));
    };
    for (const piece of pieces) {
      if (!piece.space && lineEnd > lineStart && lineWidth + piece.width > maxWidth) {
        flush();
        lineStart = piece.start;
        lineWidth = 0;
      }
      if (piece.space && lineEnd === lineStart) {
        lineStart = piece.end;
        lineEnd = piece.end;
        continue;
      }
      lineEnd = piece.end;
      lineWidth += piece.width;
    }
    flush();
    return lines;
  }

  private wordSegmenter(language = 'und'): Intl.Segmenter {
    let segmenter = this.wordSegmenters.get(language);
    if (!segmenter) {
      segmenter = new Intl.Segmenter(language, { granularity: 'word' });
      this.wordSegmenters.set(language, segmenter);
    }
    return segmenter;
  }

  private shapeRun(text: string, item: Item, style: TextStyle): GlyphRun {
    const glyphs = this.fonts.shaper.shape(item.font.hb, text, item.start, item.end, {
      script: item.script,
      language: item.script === 'Arab' && URDU_LETTERS.test(text) ? 'ur' : style.language,
      rtl: item.rtl,
      bot: item.start === 0,
      eot: item.end === text.length,
    });
    if (style.tracking) {
      const extra = style.tracking * item.font.hb.upem;
      // Add the space after the last glyph of each cluster (in visual order for LTR text).
      // (none after the very last one, so centred text stays centred).
      const last = item.end === text.length ? glyphs.length - 1 : -1;
      for (let i = 0; i < glyphs.length; i++) {
        const next = glyphs[i + 1];
        if (i !== last && (!next || next.cluster !== glyphs[i].cluster)) glyphs[i].xAdvance += extra;
      }
    }
    return { font: item.font, glyphs, start: item.start, end: item.end, rtl: item.rtl, script: item.script };
  }

  /** Splits text into runs of one script, font and direction, in visual order. */
  private itemize(text: string, style: TextStyle): Item[] {
    const list: Grapheme[] = [];
    for (const { segment, index } of graphemes.segment(text)) {
      let script: string | null = null;
      for (const char of segment) {
        script = scriptOf(char);
        if (script) break;
      }
      const dir: Direction = script ? (RTL_SCRIPTS.has(script) ? 'R' : 'L') : /^\p{Nd}+$/u.test(segment) ? 'EN' : 'N';
      list.push({ start: index, end: index + segment.length, script, dir, level: 0 });
    }
    if (list.length === 0) return [];

    // Paragraph direction: that of the first strong character (UAX #9 P2/P3).
    const firstStrong = list.find((g) => g.dir === 'L' || g.dir === 'R');
    const base: 'L' | 'R' = firstStrong?.dir === 'R' ? 'R' : 'L';

    // Digits after Latin text are Latin (W7); after Arabic they stay numbers in right-to-left text.
    let lastStrong: 'L' | 'R' = base;
    for (const g of list) {
      if (g.dir === 'L' || g.dir === 'R') lastStrong = g.dir;
      else if (g.dir === 'EN' && lastStrong === 'L') g.dir = 'L';
    }
    // Neutrals between two runs of the same direction take it; otherwise the paragraph's (N1, N2).
    for (let i = 0; i < list.length;) {
      if (list[i].dir !== 'N') {
        i++;
        continue;
      }
      let j = i;
      while (j < list.length && list[j].dir === 'N') j++;
      const strong = (d: Direction | undefined): 'L' | 'R' => (d === 'L' ? 'L' : d === undefined ? base : 'R');
      const before = strong(list[i - 1]?.dir);
      const after = strong(list[j]?.dir);
      for (let k = i; k < j; k++) list[k].dir = before === after ? before : base;
      i = j;
    }
    // Embedding levels (I1, I2).
    for (const g of list) {
      if (base === 'L') g.level = g.dir === 'L' ? 0 : g.dir === 'R' ? 1 : 2;
      else g.level = g.dir === 'R' ? 1 : 2;
    }

    // Scripts for neutrals: the neighbour in the same direction, preferring the one before.
    const defaultScript = style.language?.startsWith('zh') ? 'Hani' : style.language === 'th' ? 'Thai' : 'Latn';
    for (let i = 0; i < list.length; i++) {
      if (list[i].script) continue;
      const previous = list[i - 1];
      if (previous?.script && previous.level === list[i].level) {
        list[i].script = previous.script;
        continue;
      }
      let next: string | null = null;
      for (let j = i + 1; j < list.length && !next; j++) if (list[j].level === list[i].level) next = list[j].script;
      list[i].script = next ?? previous?.script ?? defaultScript;
    }

    // Fonts: the script's own, else the first that covers the whole cluster.
    const urdu = URDU_LETTERS.test(text);
    for (let i = 0; i < list.length; i++) {
      const g = list[i];
      const chars = text.slice(g.start, g.end);
      const previousFont = list[i - 1]?.font;
      const neutral = !SCRIPTS.some(([, pattern]) => pattern.test(chars));
      const preferred = this.fontFor(g.script as string, style.weight, urdu);
      const candidates: LoadedFont[] = [];
      if (neutral && previousFont) candidates.push(previousFont);
      if (preferred) candidates.push(preferred);
      for (const key of FALLBACK_ORDER)
        candidates.push(this.fonts.get(style.weight === 'bold' ? (BOLD[key] ?? key) : key));
      g.font = candidates.find((font) => covers(font, chars)) ?? candidates[0];
    }

    // Runs of equal font, script and level.
    const items: Item[] = [];
    for (const g of list) {
      const last = items[items.length - 1];
      if (last && last.font === g.font && last.script === g.script && last.level === g.level) last.end = g.end;
      else
        items.push({
          start: g.start,
          end: g.end,
          font: g.font as LoadedFont,
          script: g.script as string,
          level: g.level,
          rtl: g.level % 2 === 1,
        });
    }
    // Visual order (L2): reverse every maximal sequence at or above each odd level.
    const maxLevel = Math.max(...items.map((item) => item.level));
    for (let level = maxLevel; level >= 1; level--) {
      for (let i = 0; i < items.length;) {
        if (items[i].level < level) {
          i++;
          continue;
        }
        let j = i;
        while (j < items.length && items[j].level >= level) j++;
        items.splice(i, j - i, ...items.slice(i, j).reverse());
        i = j;
      }
    }
    return items;
  }

  private fontFor(script: string, weight: Weight, urdu: boolean): LoadedFont | undefined {
    let key: FontKey | undefined = script === 'Arab' && urdu ? 'nastaliq' : SCRIPT_FONTS[script];
    if (!key) return undefined;
    if (weight === 'bold') key = BOLD[key] ?? key;
    return this.fonts.get(key);
  }
}

interface Item {
  start: number;
  end: number;
  font: LoadedFont;
  script: string;
  level: number;
  rtl: boolean;
}

function covers(font: LoadedFont, chars: string): boolean {
  for (const char of chars) {
    const codePoint = char.codePointAt(0) as number;
    if (!isIgnorable(codePoint) && !font.has(codePoint)) return false;
  }
  return true;
}

function runWidth(run: GlyphRun): number {
  let units = 0;
  for (const glyph of run.glyphs) units += glyph.xAdvance;
  return units / run.font.hb.upem;
}
