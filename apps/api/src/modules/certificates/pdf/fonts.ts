import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarfBuzzShaper, HarfBuzzSubsetter, HbFont } from './harfbuzz';
import { nodeRequire } from './node-require';

/**
 * The fonts a certificate may use. All are Noto (SIL Open Font License),
 * the static TrueType files of the `@expo-google-fonts/*` npm packages;
 * nothing is fetched at run time. Paths are resolved in node_modules at
 * run time (see node-require.ts), also from the built API.
 */
const FONT_FILES = {
  serif: [
    'NotoSerif_400Regular.ttf',
    (require: NodeRequire) => require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf'),
  ],
  serifBold: [
    'NotoSerif_700Bold.ttf',
    (require: NodeRequire) => require.resolve('@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf'),
  ],
  sc: [
    'NotoSansSC_400Regular.ttf',
    (require: NodeRequire) => require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  ],
  scBold: [
    'NotoSansSC_700Bold.ttf',
    (require: NodeRequire) => require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
  ],
  thai: [
    'NotoSansThaiLooped_400Regular.ttf',
    (require: NodeRequire) =>
      require.resolve('@expo-google-fonts/noto-sans-thai-looped/400Regular/NotoSansThaiLooped_400Regular.ttf'),
  ],
  thaiBold: [
    'NotoSansThaiLooped_700Bold.ttf',
    (require: NodeRequire) =>
      require.resolve('@expo-google-fonts/noto-sans-thai-looped/700Bold/NotoSansThaiLooped_700Bold.ttf'),
  ],
  lao: [
    'NotoSansLao_400Regular.ttf',
    (require: NodeRequire) => require.resolve('@expo-google-fonts/noto-sans-lao/400Regular/NotoSansLao_400Regular.ttf'),
  ],
  khmer: [
    'NotoSansKhmer_400Regular.ttf',
    (require: NodeRequire) =>
      require.resolve('@expo-google-fonts/noto-sans-khmer/400Regular/NotoSansKhmer_400Regular.ttf'),
  ],
  myanmar: [
    'NotoSansMyanmar_400Regular.ttf',
    (require: NodeRequire) =>
      require.resolve('@expo-google-fonts/noto-sans-myanmar/400Regular/NotoSansMyanmar_400Regular.ttf'),
  ],
  bengali: [
    'NotoSansBengali_400Regular.ttf',
    (require: NodeRequire) =>
      require.resolve('@expo-google-fonts/noto-sans-bengali/400Regular/NotoSansBengali_400Regular.ttf'),
  ],
  devanagari: [
    'NotoSansDevanagari_400Regular.ttf',
    (require: NodeRequire) =>
      require.resolve('@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf'),
  ],
  naskh: [
    'NotoNaskhArabic_400Regular.ttf',
    (require: NodeRequire) =>
      require.resolve('@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf'),
  ],
  nastaliq: [
    'NotoNastaliqUrdu_400Regular.ttf',
    (require: NodeRequire) =>
      require.resolve('@expo-google-fonts/noto-nastaliq-urdu/400Regular/NotoNastaliqUrdu_400Regular.ttf'),
  ],
} as const satisfies Record<string, readonly [string, (require: NodeRequire) => string]>;

export type FontKey = keyof typeof FONT_FILES;

export const FONT_KEYS = Object.keys(FONT_FILES) as FontKey[];

/**
 * Where a font file is: inside its npm package, or `<fontDir>/<file name>`
 * (e.g. `<fontDir>/NotoSansSC_400Regular.ttf`) when a directory is given.
 */
export function fontPath(key: FontKey, fontDir?: string): string {
  const [file, resolve] = FONT_FILES[key];
  return fontDir ? join(fontDir, file) : resolve(nodeRequire);
}

/** What a PDF font descriptor needs, in 1/1000 em. */
export interface FontMetrics {
  postScriptName: string;
  bbox: [number, number, number, number];
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
}

export interface LoadedFont {
  readonly key: FontKey;
  readonly hb: HbFont;
  /** The face handle inside the subsetter. */
  readonly subsetFace: number;
  readonly metrics: FontMetrics;
  /** Whether the font maps this code point (cached cmap look-ups). */
  has(codePoint: number): boolean;
  /** Advance of a glyph in font units. */
  advance(gid: number): number;
  /** Ink extent of a glyph above and below (negative) the baseline, in font units. */
  extents(gid: number): { top: number; bottom: number };
  nominalGlyph(codePoint: number): number;
}

/** Loads every certificate font into one shaper and one subsetter. */
export class FontLibrary {
  readonly shaper = new HarfBuzzShaper();
  readonly subsetter = new HarfBuzzSubsetter();
  private readonly fonts = new Map<FontKey, LoadedFont>();

  constructor(fontDir?: string) {
    for (const key of FONT_KEYS) {
      this.fonts.set(key, this.load(key, readFileSync(fontPath(key, fontDir))));
    }
  }

  get(key: FontKey): LoadedFont {
    const font = this.fonts.get(key);
    if (!font) throw new Error(`Unknown font ${key}`);
    return font;
  }

  all(): LoadedFont[] {
    return [...this.fonts.values()];
  }

  private load(key: FontKey, data: Buffer): LoadedFont {
    const shaper = this.shaper;
    const hb = shaper.loadFont(data);
    const subsetFace = this.subsetter.loadFace(data);
    const metrics = readMetrics(data);
    const coverage = new Map<number, number>();
    const advances = new Map<number, number>();
    const extents = new Map<number, { top: number; bottom: number }>();
    const nominalGlyph = (codePoint: number): number => {
      let gid = coverage.get(codePoint);
      if (gid === undefined) {
        gid = shaper.nominalGlyph(hb, codePoint);
        coverage.set(codePoint, gid);
      }
      return gid;
    };
    return {
      key,
      hb,
      subsetFace,
      metrics,
      nominalGlyph,
      has: (codePoint) => nominalGlyph(codePoint) !== 0,
      advance: (gid) => {
        let advance = advances.get(gid);
        if (advance === undefined) {
          advance = shaper.advance(hb, gid);
          advances.set(gid, advance);
        }
        return advance;
      },
      extents: (gid) => {
        let extent = extents.get(gid);
        if (extent === undefined) {
          extent = shaper.verticalExtents(hb, gid);
          extents.set(gid, extent);
        }
        return extent;
      },
    };
  }
}

/** Reads the few values of head, hhea, OS/2 and name that a PDF font descriptor wants. */
export function readMetrics(data: Buffer): FontMetrics {
  const tables = new Map<string, number>();
  const numTables = data.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    tables.set(data.toString('latin1', record, record + 4), data.readUInt32BE(record + 8));
  }
  const table = (name: string): number => {
    const offset = tables.get(name);
    if (offset === undefined) throw new Error(`Font has no ${name} table`);
    return offset;
  };
  const head = table('head');
  const upem = data.readUInt16BE(head + 18);
  const scale = (value: number) => Math.round((value * 1000) / upem);
  const hhea = table('hhea');
  const ascent = scale(data.readInt16BE(hhea + 4));
  const descent = scale(data.readInt16BE(hhea + 6));
  let capHeight = ascent;
  const os2 = tables.get('OS/2');
  if (os2 !== undefined && data.readUInt16BE(os2) >= 2) capHeight = scale(data.readInt16BE(os2 + 88));
  const post = tables.get('post');
  const italicAngle = post === undefined ? 0 : data.readInt32BE(post + 4) / 65536;
  return {
    postScriptName: readPostScriptName(data, table('name')),
    bbox: [
      scale(data.readInt16BE(head + 36)),
      scale(data.readInt16BE(head + 38)),
      scale(data.readInt16BE(head + 40)),
      scale(data.readInt16BE(head + 42)),
    ],
    ascent,
    descent,
    capHeight,
    italicAngle,
  };
}

function readPostScriptName(data: Buffer, name: number): string {
  const count = data.readUInt16BE(name + 2);
  const strings = name + data.readUInt16BE(name + 4);
  for (let i = 0; i < count; i++) {
    const record = name + 6 + i * 12;
    const platform = data.readUInt16BE(record);
    if (data.readUInt16BE(record + 6) !== 6) continue;
    const length = data.readUInt16BE(record + 8);
    const start = strings + data.readUInt16BE(record + 10);
    const raw = data.subarray(start, start + length);
    const text =
      platform === 3 || platform === 0 ? Buffer.from(raw).swap16().toString('utf16le') : raw.toString('latin1');
    // PostScript names are printable ASCII without PDF delimiters.
    const clean = text.replace(/[^!-~]|[()<>[\]{}/%#]/g, '');
    if (clean) return clean;
  }
  return 'Font';
}
