import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { LoadedFont } from './fonts';
import type { HarfBuzzSubsetter } from './harfbuzz';
import type { GlyphRun, ShapedLine } from './text';

/*
 * A small single-purpose PDF writer: one page of vector graphics and
 * pre-shaped glyph runs. Fonts are embedded as subset TrueType
 * (Type0 / CIDFontType2, Identity-H, CIDToGIDMap Identity) with a ToUnicode
 * map, and every line of text carries its logical text as /ActualText so
 * extraction and copy-paste give the right characters even where shaping
 * reordered or merged glyphs (Burmese, Khmer, Thai, Arabic).
 */

export type Rgb = readonly [number, number, number];

/** A number as PDF syntax, rounded to 1/1000 (plenty for points). */
export function num(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A text string as a PDF hex string in UTF-16BE with a byte-order mark. */
export function pdfText(value: string): string {
  const utf16 = Buffer.from(value, 'utf16le').swap16();
  return `<FEFF${utf16.toString('hex').toUpperCase()}>`;
}

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

class FontUse {
  /** Glyph id -> the text it stands for (for the ToUnicode map). */
  readonly glyphs = new Map<number, GlyphText>();

  constructor(
    readonly font: LoadedFont,
    readonly name: string,
  ) {}

  /** Glyph width in PDF glyph space (1/1000 em), as written to /W. */
  width(gid: number): number {
    return Math.round((this.font.advance(gid) * 1000) / this.font.hb.upem);
  }
}

/** Builds the page's content stream and remembers what it used. */
export class PageContent {
  private readonly ops: string[] = [];
  private readonly fontUses = new Map<LoadedFont, FontUse>();
  private readonly alphas = new Map<number, string>();

  save(): this {
    this.ops.push('q');
    return this;
  }

  restore(): this {
    this.ops.push('Q');
    return this;
  }

  /** Concatenates a matrix to the current transformation. */
  transform(a: number, b: number, c: number, d: number, e: number, f: number): this {
    this.ops.push(`${num(a)} ${num(b)} ${num(c)} ${num(d)} ${num(e)} ${num(f)} cm`);
    return this;
  }

  fillColor([r, g, b]: Rgb): this {
    this.ops.push(`${num(r)} ${num(g)} ${num(b)} rg`);
    return this;
  }

  strokeColor([r, g, b]: Rgb): this {
    this.ops.push(`${num(r)} ${num(g)} ${num(b)} RG`);
    return this;
  }

  lineWidth(width: number): this {
    this.ops.push(`${num(width)} w`);
    return this;
  }

  /** Constant opacity for fills and strokes (an ExtGState). */
  opacity(alpha: number): this {
    let name = this.alphas.get(alpha);
    if (!name) {
      name = `GS${this.alphas.size + 1}`;
      this.alphas.set(alpha, name);
    }
    this.ops.push(`/${name} gs`);
    return this;
  }

  rect(x: number, y: number, width: number, height: number): this {
    this.ops.push(`${num(x)} ${num(y)} ${num(width)} ${num(height)} re`);
    return this;
  }

  moveTo(x: number, y: number): this {
    this.ops.push(`${num(x)} ${num(y)} m`);
    return this;
  }

  lineTo(x: number, y: number): this {
    this.ops.push(`${num(x)} ${num(y)} l`);
    return this;
  }

  closePath(): this {
    this.ops.push('h');
    return this;
  }

  fill(): this {
    this.ops.push('f');
    return this;
  }

  stroke(): this {
    this.ops.push('S');
    return this;
  }

  /** Raw operators (already valid content-stream syntax). */
  raw(ops: string): this {
    this.ops.push(ops);
    return this;
  }

  /** Draws a shaped line with its left end of the baseline at (x, y); `language` is a BCP 47 tag. */
  text(line: ShapedLine, x: number, y: number, size: number, color: Rgb, language?: string): this {
    if (line.runs.length === 0) return this;
    const ops = this.ops;
    const lang = language ? `/Lang ${pdfText(language)} ` : '';
    ops.push(
      `/Span <<${lang}/ActualText ${pdfText(line.text)}>> BDC`,
      'BT',
      `${num(color[0])} ${num(color[1])} ${num(color[2])} rg`,
    );
    ops.push(`1 0 0 1 ${num(x)} ${num(y)} Tm`);
    let penX = x;
    let textX = x; // where the PDF's text position is after the last glyph shown
    let rise = 0;
    let array: string[] = [];
    let glyphHex = '';
    const flushHex = () => {
      if (glyphHex) array.push(`<${glyphHex}>`);
      glyphHex = '';
    };
    const flushArray = () => {
      flushHex();
      if (array.length) ops.push(`[${array.join(' ')}] TJ`);
      array = [];
    };
    for (const run of line.runs) {
      const use = this.use(run.font);
      flushArray();
      ops.push(`/${use.name} ${num(size)} Tf`);
      const scale = size / run.font.hb.upem;
      const texts = glyphTexts(line.text, run);
      for (let i = 0; i < run.glyphs.length; i++) {
        const glyph = run.glyphs[i];
        const known = use.glyphs.get(glyph.gid);
        if (!known || known.priority < texts[i].priority) use.glyphs.set(glyph.gid, texts[i]);
        const gx = penX + glyph.xOffset * scale;
        const glyphRise = glyph.yOffset * scale;
        if (Math.abs(glyphRise - rise) > 0.0005) {
          flushArray();
          rise = glyphRise;
          ops.push(`${num(rise)} Ts`);
        }
        const shift = gx - textX;
        if (Math.abs(shift) > 0.0005) {
          flushHex();
          array.push(num((-shift * 1000) / size));
        }
        glyphHex += hex4(glyph.gid);
        textX = gx + (use.width(glyph.gid) * size) / 1000;
        penX += glyph.xAdvance * scale;
      }
    }
    flushArray();
    ops.push('ET', 'EMC');
    return this;
  }

  private use(font: LoadedFont): FontUse {
    let use = this.fontUses.get(font);
    if (!use) {
      use = new FontUse(font, `F${this.fontUses.size + 1}`);
      this.fontUses.set(font, use);
    }
    return use;
  }

  /** @internal */
  get usedFonts(): FontUse[] {
    return [...this.fontUses.values()];
  }

  /** @internal */
  get opacities(): Map<number, string> {
    return this.alphas;
  }

  /** @internal */
  get stream(): string {
    return this.ops.join('\n');
  }
}

interface GlyphText {
  text: string;
  /** 3: the glyph is its whole cluster; 2: the font's own glyph for a character; 1: the rest of a cluster; 0: none. */
  priority: number;
}

/**
 * The text each glyph of a run stands for, for the ToUnicode map (viewers
 * that honour the line's /ActualText do not need it; others, like pdf.js,
 * do). A glyph that is a whole cluster maps to it. In a cluster of several
 * glyphs, a glyph that is the font's own glyph for one of its characters
 * maps to that character, and the first other glyph (a ligature, a shifted
 * mark) takes the characters left over, so nothing is lost.
 */
function glyphTexts(text: string, run: GlyphRun): GlyphText[] {
  const glyphs = run.glyphs;
  const byCluster = new Map<number, number[]>();
  const order = [...glyphs.keys()];
  if (run.rtl) order.reverse(); // logical order
  for (const i of order) {
    const members = byCluster.get(glyphs[i].cluster);
    if (members) members.push(i);
    else byCluster.set(glyphs[i].cluster, [i]);
  }
  const starts = [...byCluster.keys()].sort((a, b) => a - b);
  const result: GlyphText[] = new Array(glyphs.length);
  starts.forEach((start, n) => {
    const members = byCluster.get(start) as number[];
    const whole = text.slice(start, starts[n + 1] ?? run.end);
    if (members.length === 1) {
      result[members[0]] = { text: whole, priority: 3 };
      return;
    }
    const left = [...whole];
    const unclaimed: number[] = [];
    for (const i of members) {
      const own = left.findIndex((char) => run.font.nominalGlyph(char.codePointAt(0) as number) === glyphs[i].gid);
      if (own >= 0) result[i] = { text: left.splice(own, 1)[0], priority: 2 };
      else unclaimed.push(i);
    }
    unclaimed.forEach((i, k) => {
      result[i] = k === 0 && left.length ? { text: left.join(''), priority: 1 } : { text: '', priority: 0 };
    });
  });
  return result;
}

export interface PdfInfo {
  title: string;
  subject?: string;
  language: string;
}

/** Writes a one-page PDF: page size in points, the page's content, document info. */
export function writePdf(
  page: { width: number; height: number; content: PageContent },
  info: PdfInfo,
  subsetter: HarfBuzzSubsetter,
): Buffer {
  const objects: Buffer[] = [];
  const reserve = (): number => {
    objects.push(Buffer.alloc(0));
    return objects.length;
  };
  const set = (ref: number, body: string | Buffer) => {
    objects[ref - 1] = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
  };
  const add = (body: string | Buffer): number => {
    const ref = reserve();
    set(ref, body);
    return ref;
  };
  const stream = (dict: string, data: Buffer): number => {
    const compressed = deflateSync(data);
    return add(
      Buffer.concat([
        Buffer.from(`<<${dict} /Filter /FlateDecode /Length ${compressed.length}>>\nstream\n`, 'latin1'),
        compressed,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
  };

  const catalog = reserve();
  const pages = reserve();
  const pageRef = reserve();
  const content = page.content;
  const contentRef = stream('', Buffer.from(content.stream, 'latin1'));

  const fontEntries: string[] = [];
  for (const use of content.usedFonts) fontEntries.push(`/${use.name} ${embedFont(use, subsetter, add, stream)} 0 R`);
  const gsEntries: string[] = [];
  for (const [alpha, name] of content.opacities)
    gsEntries.push(`/${name} <</Type /ExtGState /ca ${num(alpha)} /CA ${num(alpha)}>>`);

  set(
    catalog,
    `<</Type /Catalog /Pages ${pages} 0 R /Lang ${pdfText(info.language)} /ViewerPreferences <</DisplayDocTitle true>>>>`,
  );
  set(pages, `<</Type /Pages /Kids [${pageRef} 0 R] /Count 1>>`);
  set(
    pageRef,
    `<</Type /Page /Parent ${pages} 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] ` +
      `/Resources <</Font <<${fontEntries.join(' ')}>> /ExtGState <<${gsEntries.join(' ')}>>>> /Contents ${contentRef} 0 R>>`,
  );
  const infoRef = add(
    `<</Title ${pdfText(info.title)}${info.subject ? ` /Subject ${pdfText(info.subject)}` : ''} /Producer (Skillbridge)>>`,
  );

  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let offset = chunks[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const head = Buffer.from(`${i + 1} 0 obj\n`, 'latin1');
    const tail = Buffer.from('\nendobj\n', 'latin1');
    chunks.push(head, body, tail);
    offset += head.length + body.length + tail.length;
  });
  const id = createHash('md5').update(Buffer.concat(chunks)).digest('hex');
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const o of offsets) xref.push(`${String(o).padStart(10, '0')} 00000 n \n`);
  xref.push(
    `trailer\n<</Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${infoRef} 0 R /ID [<${id}> <${id}>]>>\nstartxref\n${offset}\n%%EOF\n`,
  );
  chunks.push(Buffer.from(xref.join(''), 'latin1'));
  return Buffer.concat(chunks);
}

function embedFont(
  use: FontUse,
  subsetter: HarfBuzzSubsetter,
  add: (body: string | Buffer) => number,
  stream: (dict: string, data: Buffer) => number,
): number {
  const font = use.font;
  const gids = [...use.glyphs.keys()].sort((a, b) => a - b);
  const codePoints = new Set<number>();
  for (const { text } of use.glyphs.values()) for (const char of text) codePoints.add(char.codePointAt(0) as number);
  const program = subsetter.subset(font.subsetFace, [0, ...gids], codePoints);
  const m = font.metrics;
  // Subset fonts are named with a tag of six capital letters (ISO 32000-1, 9.6.4).
  const digest = createHash('sha1').update(m.postScriptName).update(gids.join(',')).digest();
  const tag = [...digest.subarray(0, 6)].map((byte) => String.fromCharCode(65 + (byte % 26))).join('');
  const baseFont = `${tag}+${m.postScriptName}`;

  const fontFile = stream(` /Length1 ${program.length}`, program);
  const descriptor = add(
    `<</Type /FontDescriptor /FontName /${baseFont} /Flags 4 /FontBBox [${m.bbox.join(' ')}] ` +
      `/ItalicAngle ${num(m.italicAngle)} /Ascent ${m.ascent} /Descent ${m.descent} /CapHeight ${m.capHeight} ` +
      `/StemV 80 /FontFile2 ${fontFile} 0 R>>`,
  );
  const widths: string[] = [];
  for (let i = 0; i < gids.length;) {
    let j = i;
    const run: number[] = [];
    while (j < gids.length && gids[j] === gids[i] + (j - i)) run.push(use.width(gids[j++]));
    widths.push(`${gids[i]} [${run.join(' ')}]`);
    i = j;
  }
  const cidFont = add(
    `<</Type /Font /Subtype /CIDFontType2 /BaseFont /${baseFont} ` +
      `/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> ` +
      `/FontDescriptor ${descriptor} 0 R /DW 1000 /W [${widths.join(' ')}] /CIDToGIDMap /Identity>>`,
  );
  const toUnicode = stream('', Buffer.from(toUnicodeCMap(use.glyphs), 'latin1'));
  return add(
    `<</Type /Font /Subtype /Type0 /BaseFont /${baseFont} /Encoding /Identity-H ` +
      `/DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R>>`,
  );
}

function toUnicodeCMap(glyphs: Map<number, GlyphText>): string {
  const entries = [...glyphs]
    .filter(([, mapping]) => mapping.text)
    .map(([gid, mapping]) => [gid, mapping.text] as const)
    .sort(([a], [b]) => a - b);
  const lines = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
  ];
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    lines.push(`${block.length} beginbfchar`);
    for (const [gid, text] of block) {
      lines.push(`<${hex4(gid)}> <${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`);
    }
    lines.push('endbfchar');
  }
  lines.push('endcmap', 'CMapName currentdict /CIDInit /ProcSet findresource pop', 'end', 'end');
  return lines.join('\n');
}
