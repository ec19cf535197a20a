import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { LoadedFont } from './fonts';
import type { HarfBuzzSubsetter } from './harfbuzz';
import type { GlyphRun, ShapedLine } from './text';

/*
 * A small single-purpose PDF writer: pages of vector graphics, images and
 * pre-shaped glyph runs. Fonts are embedded as subset TrueType
 * (Type0 / CIDFontType2, Identity-H, CIDToGIDMap Identity) with a ToUnicode
 * map, and every line of text carries its logical text as /ActualText so
 * extraction and copy-paste give the right characters even where shaping
 * reordered or merged glyphs (Burmese, Khmer, Thai, Arabic), and its
 * language as /Lang (declared, or else that of its script) so a screen
 * reader picks the right voice. Images are JPEG (DCTDecode, the file's own
 * bytes) or raw samples (FlateDecode) with an optional alpha /SMask.
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

/** An image ready to embed: its samples and how to read them. */
export interface PdfImage {
  width: number;
  height: number;
  /** `jpeg`: a JPEG file, embedded as it is (DCTDecode); `raw`: 8-bit samples, row by row, deflated here. */
  encoding: 'jpeg' | 'raw';
  data: Uint8Array;
  colorSpace: 'DeviceGray' | 'DeviceRGB' | 'DeviceCMYK';
  /** A /Decode array (Adobe's CMYK JPEGs store inverted values). */
  decode?: number[];
  /** 8-bit opacity per pixel (raw only), embedded as a soft mask. */
  alpha?: Uint8Array;
}

/**
 * What the pages of one document draw with — fonts (with the glyphs used),
 * opacities and images — shared by all its pages so each is embedded once.
 */
export class PdfResources {
  /** @internal */ readonly fontUses = new Map<LoadedFont, FontUse>();
  /** @internal */ readonly alphas = new Map<number, string>();
  /** @internal */ readonly images = new Map<PdfImage, string>();

  /** @internal */
  font(font: LoadedFont): FontUse {
    let use = this.fontUses.get(font);
    if (!use) {
      use = new FontUse(font, `F${this.fontUses.size + 1}`);
      this.fontUses.set(font, use);
    }
    return use;
  }

  /** @internal */
  alpha(alpha: number): string {
    let name = this.alphas.get(alpha);
    if (!name) {
      name = `GS${this.alphas.size + 1}`;
      this.alphas.set(alpha, name);
    }
    return name;
  }

  /** @internal */
  image(image: PdfImage): string {
    let name = this.images.get(image);
    if (!name) {
      name = `Im${this.images.size + 1}`;
      this.images.set(image, name);
    }
    return name;
  }
}

/** BCP 47 tag of the language text in a script is most likely in, for spans whose language is not declared. */
function scriptLanguage(script: string, font: LoadedFont): string {
  switch (script) {
    case 'Arab':
      return font.key === 'nastaliq' ? 'ur' : 'ar';
    case 'Hani':
    case 'Bopo':
      return 'zh';
    case 'Hira':
    case 'Kana':
      return 'ja';
    default:
      return SCRIPT_LANGUAGES[script] ?? `und-${script}`;
  }
}

/**
 * Scripts written (almost) only for one language. Others (Latin, Cyrillic)
 * say only the script: `und-Latn` for a name in Latin letters, whose
 * language the certificate does not know.
 */
const SCRIPT_LANGUAGES: Record<string, string> = {
  Thai: 'th',
  Laoo: 'lo',
  Khmr: 'km',
  Mymr: 'my',
  Hang: 'ko',
  Beng: 'bn',
  Deva: 'hi',
  Grek: 'el',
  Hebr: 'he',
  Zzzz: 'und',
};

/**
 * The languages of a line that has more than one ("证书编号 / Certificate No."):
 * each range runs from the previous one's end to its own (UTF-16 offsets into
 * the line's text); a run takes the language of the range it starts in.
 */
export interface LanguageRange {
  end: number;
  language: string;
}

/** Builds one page's content stream; what it draws with goes into the document's shared resources. */
export class PageContent {
  private readonly ops: string[] = [];

  constructor(readonly resources: PdfResources = new PdfResources()) {}

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
    this.ops.push(`/${this.resources.alpha(alpha)} gs`);
    return this;
  }

  /** Draws an image into the box with its lower-left corner at (x, y), `width` × `height` points. */
  image(image: PdfImage, x: number, y: number, width: number, height: number): this {
    const name = this.resources.image(image);
    this.ops.push('q', `${num(width)} 0 0 ${num(height)} ${num(x)} ${num(y)} cm`, `/${name} Do`, 'Q');
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

  /**
   * Draws a shaped line with its left end of the baseline at (x, y).
   * `language` is the BCP 47 tag of the text when known (a catalog string,
   * a program title); otherwise (a name, a serial) each run of the line is
   * tagged with the language of its script: Burmese `my`, Khmer `km`,
   * Lao `lo`, Thai `th`, Chinese `zh`, `und-Latn` for Latin letters.
   * A line in two languages gives them as ranges.
   */
  text(line: ShapedLine, x: number, y: number, size: number, color: Rgb, language?: string | LanguageRange[]): this {
    if (line.runs.length === 0) return this;
    const ops = this.ops;
    const runLanguages = line.runs.map((run) =>
      typeof language === 'string'
        ? language
        : language
          ? (language.find((range) => run.start < range.end) ?? language[language.length - 1]).language
          : scriptLanguage(run.script, run.font),
    );
    // The line's own language: the declared one, else that of its first run in logical order.
    const logicalFirst = line.runs.reduce((first, run, i) => (run.start < line.runs[first].start ? i : first), 0);
    const lineLanguage = typeof language === 'string' ? language : runLanguages[logicalFirst];
    ops.push(
      `/Span <</Lang ${pdfText(lineLanguage)} /ActualText ${pdfText(line.text)}>> BDC`,
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
    line.runs.forEach((run, index) => {
      const use = this.resources.font(run.font);
      flushArray();
      // A run in another language than the line's is a span of its own, inside the line's.
      const own = runLanguages[index] !== lineLanguage;
      if (own) ops.push(`/Span <</Lang ${pdfText(runLanguages[index])}>> BDC`);
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
      if (own) {
        flushArray();
        ops.push('EMC');
      }
    });
    flushArray();
    ops.push('ET', 'EMC');
    return this;
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
  /** The document's main language (the catalog's /Lang), a BCP 47 tag. */
  language: string;
  /** Every language the document is written in, main one first (XMP dc:language); `[language]` by default. */
  languages?: string[];
}

const xmlText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The document's metadata as XMP (ISO 16684-1), beside the Info dictionary
 * and saying the same: what PDF 2.0 readers and archives (PDF/A) look at.
 */
function xmpMetadata(info: PdfInfo): string {
  const languages = info.languages?.length ? info.languages : [info.language];
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xmlText(value)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(info.title)}</dc:title>`,
    ...(info.subject ? [`<dc:description>${alt(info.subject)}</dc:description>`] : []),
    '<dc:language><rdf:Bag>',
    ...languages.map((tag) => `<rdf:li>${xmlText(tag)}</rdf:li>`),
    '</rdf:Bag></dc:language>',
    '<pdf:Producer>Skillbridge</pdf:Producer>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

export interface PdfPage {
  /** Size in points. */
  width: number;
  height: number;
  content: PageContent;
}

/** Writes a PDF of the pages (all drawn with one `PdfResources`) and the document info. */
export function writePdf(pages: PdfPage | PdfPage[], info: PdfInfo, subsetter: HarfBuzzSubsetter): Buffer {
  const list = Array.isArray(pages) ? pages : [pages];
  if (list.length === 0) throw new Error('A PDF needs a page');
  const resources = list[0].content.resources;
  if (list.some((page) => page.content.resources !== resources)) throw new Error('The pages must share resources');
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
  const raw = (dict: string, data: Uint8Array): number =>
    add(
      Buffer.concat([
        Buffer.from(`<<${dict} /Length ${data.length}>>\nstream\n`, 'latin1'),
        data,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
  const stream = (dict: string, data: Uint8Array): number => raw(`${dict} /Filter /FlateDecode`, deflateSync(data));

  const catalog = reserve();
  const pagesRef = reserve();

  const fontEntries: string[] = [];
  for (const use of resources.fontUses.values())
    fontEntries.push(`/${use.name} ${embedFont(use, subsetter, add, stream)} 0 R`);
  const gsEntries: string[] = [];
  for (const [alpha, name] of resources.alphas)
    gsEntries.push(`/${name} <</Type /ExtGState /ca ${num(alpha)} /CA ${num(alpha)}>>`);
  const imageEntries: string[] = [];
  for (const [image, name] of resources.images) imageEntries.push(`/${name} ${embedImage(image, raw, stream)} 0 R`);
  const resourcesRef = add(
    `<</Font <<${fontEntries.join(' ')}>> /ExtGState <<${gsEntries.join(' ')}>> /XObject <<${imageEntries.join(' ')}>>>>`,
  );

  const pageRefs = list.map((page) => {
    const contentRef = stream('', Buffer.from(page.content.stream, 'latin1'));
    return add(
      `<</Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] ` +
        `/Resources ${resourcesRef} 0 R /Contents ${contentRef} 0 R>>`,
    );
  });

  // Uncompressed, as archives want it, so that tools that do not parse PDF can still find it.
  const metadataRef = raw('/Type /Metadata /Subtype /XML', Buffer.from(xmpMetadata(info), 'utf8'));
  set(
    catalog,
    `<</Type /Catalog /Pages ${pagesRef} 0 R /Lang ${pdfText(info.language)} /Metadata ${metadataRef} 0 R ` +
      `/ViewerPreferences <</DisplayDocTitle true>>>>`,
  );
  set(pagesRef, `<</Type /Pages /Kids [${pageRefs.map((ref) => `${ref} 0 R`).join(' ')}] /Count ${pageRefs.length}>>`);
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

/** An image XObject (and its soft mask); returns its object number. */
function embedImage(
  image: PdfImage,
  raw: (dict: string, data: Uint8Array) => number,
  stream: (dict: string, data: Uint8Array) => number,
): number {
  const size = `/Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /BitsPerComponent 8`;
  const decode = image.decode ? ` /Decode [${image.decode.join(' ')}]` : '';
  if (image.encoding === 'jpeg') {
    return raw(`${size} /ColorSpace /${image.colorSpace}${decode} /Filter /DCTDecode`, image.data);
  }
  const mask = image.alpha ? ` /SMask ${stream(`${size} /ColorSpace /DeviceGray`, image.alpha)} 0 R` : '';
  return stream(`${size} /ColorSpace /${image.colorSpace}${decode}${mask}`, image.data);
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
