import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { inflateSync } from 'node:zlib';

/*
 * Reads a PDF back for tests, in JavaScript only (no poppler or other system
 * program): Mozilla's pdf.js (pdfjs-dist) parses the document, lists the fonts
 * and renders the page; a worker thread runs it (read-pdf.worker.mjs), as
 * pdf.js ships only as ES modules. pdf.js takes text from the fonts' ToUnicode
 * maps, in glyph order — which for scripts whose shaping reorders glyphs
 * (Burmese, Khmer) is not the order of the text. Like pdftotext, this reader
 * uses a marked-content sequence's /ActualText instead, read from page 1's
 * content stream by the small parser below, and puts the pieces of text in
 * reading order: top to bottom, then left to right on a line. It also lists
 * each page's marked-content spans with their /Lang, the text-showing
 * operators outside any span that has one, and the images each page paints;
 * and the document's metadata (Info, the catalog's /Lang, XMP) as pdf.js
 * reports it.
 */

export interface PdfFont {
  /** The font's name in the PDF, with its subset tag: `ABCDEF+NotoSansSC-Regular`. */
  name: string;
  /** The PDF font type pdf.js read, e.g. `CIDFontType2`. */
  type: string;
  /** The font program is in the PDF (/FontFile, /FontFile2 or /FontFile3) and pdf.js could read it. */
  embedded: boolean;
  /** The name carries a subset tag of six capital letters (ISO 32000-1, 9.6.4), as pdffonts checks. */
  subset: boolean;
}

export interface RgbaImage {
  width: number;
  height: number;
  /** Four bytes per pixel, row by row from the top. */
  data: Uint8ClampedArray;
}

/** One marked-content sequence (BMC or BDC) of a page's content stream. */
export interface MarkedSpan {
  /** Its own /Lang, if it has one. */
  lang?: string;
  /** The language in force inside it: its own /Lang or that of the nearest enclosing span with one. */
  effectiveLang?: string;
  actualText?: string;
  /** How deep it is nested (0: outermost). */
  depth: number;
}

export interface PdfPageReading {
  /** The page's text, one line of the page per line, in reading order. */
  text: string;
  /** The pieces of text that make up `text`, with their font size in points. */
  pieces: Array<{ text: string; size: number }>;
  /** The fonts the page draws text with. */
  fonts: PdfFont[];
  /** The page rendered by pdf.js, when `dpi` was given (page 1 only, unless `renderAll`). */
  image?: RgbaImage;
  spans: MarkedSpan[];
  /** Text-showing operators (Tj, TJ, ', ") not inside any marked content with a /Lang. */
  textWithoutLang: number;
  /** Pieces of text pdf.js read outside any marked-content sequence (its own account; it does not report /Lang). */
  textOutsideMarkedContent: number;
  /** Images the page paints, with their size in pixels. */
  images: Array<{ width: number; height: number }>;
}

/** The document's metadata as pdf.js reads it. */
export interface PdfDocumentInfo {
  /** The Info dictionary's /Title. */
  title: string | null;
  /** The Info dictionary's /Subject. */
  subject: string | null;
  /** The catalog's /Lang. */
  language: string | null;
  /** The XMP metadata stream's properties (`dc:title`, …) as pdf.js parses them; null without one. */
  xmp: Record<string, string | string[]> | null;
  /** The XMP's dc:language entries (pdf.js runs a bag's items together, so they are read from its raw XML). */
  xmpLanguages: string[];
}

export interface PdfReading extends PdfPageReading {
  /** Every page; the fields above are page 1's. */
  pages: PdfPageReading[];
  info: PdfDocumentInfo;
}

/** Reads a PDF: each page's text, fonts, spans and images, and with `dpi` a rendering of page 1 (or all). */
export async function readPdf(
  pdf: Uint8Array,
  options: { dpi?: number; renderAll?: boolean } = {},
): Promise<PdfReading> {
  const buffer = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const marked = markedContent(buffer);
  const result = await runWorker(buffer, options.dpi, options.renderAll ?? false);
  if (result.pages.length !== marked.length)
    throw new Error(`pdf.js read ${result.pages.length} pages, the page tree has ${marked.length}`);
  const pages = result.pages.map((page, i) => ({
    ...layOut(
      page.items,
      marked[i].spans.map((span) => span.actualText),
    ),
    fonts: page.fonts,
    image: page.image,
    spans: marked[i].spans,
    textWithoutLang: marked[i].textWithoutLang,
    images: page.images,
  }));
  const { xmpRaw, ...info } = result.info;
  const bag = /<dc:language>\s*<rdf:Bag>([\s\S]*?)<\/rdf:Bag>/.exec(xmpRaw ?? '')?.[1] ?? '';
  const xmpLanguages = [...bag.matchAll(/<rdf:li>([^<]*)<\/rdf:li>/g)].map((m) => m[1]);
  return { ...pages[0], pages, info: { ...info, xmpLanguages } };
}

// --- pdf.js, in a worker thread ----------------------------------------------

type TextItem = { str: string; hasEOL: boolean; transform: number[]; height: number };
type MarkerItem = { type: 'beginMarkedContent' | 'beginMarkedContentProps' | 'endMarkedContent' };
type Item = TextItem | MarkerItem;

interface WorkerPage {
  items: Item[];
  fonts: PdfFont[];
  images: Array<{ width: number; height: number }>;
  image?: RgbaImage;
}

type WorkerInfo = Omit<PdfDocumentInfo, 'xmpLanguages'> & { xmpRaw: string | null };

interface WorkerResult {
  pages: WorkerPage[];
  info: WorkerInfo;
}

function runWorker(pdf: Buffer, dpi: number | undefined, renderAll: boolean): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'read-pdf.worker.mjs'), { workerData: { pdf, dpi, renderAll } });
    let result: WorkerResult | undefined;
    worker.once(
      'message',
      (message: {
        pages: Array<Omit<WorkerPage, 'fonts'> & { fonts: Omit<PdfFont, 'subset'>[] }>;
        info: WorkerInfo;
      }) => {
        result = {
          info: message.info,
          pages: message.pages.map((page) => ({
            ...page,
            fonts: page.fonts.map((font) => ({ ...font, subset: /^[A-Z]{6}\+/.test(font.name) })),
          })),
        };
      },
    );
    worker.once('error', reject);
    worker.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`the pdf.js worker stopped (exit code ${code}) without an answer`)),
    );
  });
}

// --- text in reading order ---------------------------------------------------

interface Piece {
  text: string;
  x: number;
  y: number;
  size: number;
}

/**
 * Walks pdf.js's text items: the text inside a marked-content sequence with
 * /ActualText becomes that text, placed where its first glyph is; every other
 * item stays as pdf.js read it. Then sorts the pieces into lines.
 */
function layOut(
  items: Item[],
  actualTexts: Array<string | undefined>,
): { text: string; pieces: Array<{ text: string; size: number }>; textOutsideMarkedContent: number } {
  const pieces: Piece[] = [];
  let textOutsideMarkedContent = 0;
  const open: Array<string | undefined> = [];
  let sequence = 0;
  // The /ActualText that replaces the text being walked, and whether it is placed yet.
  let replacing: { text: string; placed: boolean; depth: number } | undefined;
  for (const item of items) {
    if ('type' in item) {
      if (item.type === 'endMarkedContent') {
        if (replacing && replacing.depth === open.length) replacing = undefined;
        open.pop();
        continue;
      }
      const actualText = actualTexts[sequence++];
      open.push(actualText);
      if (!replacing && actualText !== undefined) replacing = { text: actualText, placed: false, depth: open.length };
      continue;
    }
    if (open.length === 0 && item.str.trim()) textOutsideMarkedContent++;
    const [, , c, d, x, y] = item.transform;
    const size = Math.hypot(c, d) || item.height;
    if (replacing) {
      if (!replacing.placed && item.str.trim()) {
        pieces.push({ text: replacing.text, x, y, size });
        replacing.placed = true;
      }
    } else if (item.str.trim()) {
      pieces.push({ text: item.str, x, y, size });
    }
  }
  if (sequence !== actualTexts.length)
    throw new Error(`pdf.js saw ${sequence} marked-content sequences, the content stream has ${actualTexts.length}`);

  // Top to bottom; pieces whose baselines are within half a line of each other share a line.
  pieces.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Piece[][] = [];
  for (const piece of pieces) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0].y - piece.y) < Math.min(line[0].size, piece.size) / 2) line.push(piece);
    else lines.push([piece]);
  }
  const text = lines
    .map((line) =>
      line
        .sort((a, b) => a.x - b.x)
        .map((piece) => piece.text)
        .join(' '),
    )
    .join('\n');
  return { text, pieces: pieces.map(({ text: piece, size }) => ({ text: piece, size })), textOutsideMarkedContent };
}

// --- /ActualText from page 1's content stream --------------------------------

class PdfName {
  constructor(readonly name: string) {}
}
class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
class PdfString {
  constructor(readonly bytes: Buffer) {}
}
class PdfKeyword {
  constructor(readonly word: string) {}
}
type PdfDict = Map<string, PdfValue>;
interface PdfStream {
  dict: PdfDict;
  raw: Buffer;
}
type PdfValue = number | boolean | null | PdfName | PdfRef | PdfString | PdfValue[] | PdfDict | PdfStream;

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((char) => char.charCodeAt(0)));

/** A tokenizer and object parser for PDF syntax (ISO 32000-1, 7.2 and 7.3). */
class Lexer {
  constructor(
    private readonly bytes: Buffer,
    public pos = 0,
  ) {}

  private skipSpace(): void {
    const bytes = this.bytes;
    while (this.pos < bytes.length) {
      if (WHITESPACE.has(bytes[this.pos])) this.pos++;
      else if (bytes[this.pos] === 0x25 /* % */)
        while (this.pos < bytes.length && bytes[this.pos] !== 0x0a && bytes[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }

  /** The next object or keyword; undefined at the end. Delimiters `]` and `>>` come back as keywords. */
  token(): PdfValue | PdfKeyword | undefined {
    this.skipSpace();
    const bytes = this.bytes;
    if (this.pos >= bytes.length) return undefined;
    const char = String.fromCharCode(bytes[this.pos]);
    if (char === '(') return this.literalString();
    if (char === '<' && bytes[this.pos + 1] === 0x3c) {
      this.pos += 2;
      return this.dictionary();
    }
    if (char === '<') return this.hexString();
    if (char === '>' && bytes[this.pos + 1] === 0x3e) {
      this.pos += 2;
      return new PdfKeyword('>>');
    }
    if (char === '[') {
      this.pos++;
      return this.array();
    }
    if (char === ']') {
      this.pos++;
      return new PdfKeyword(']');
    }
    if (char === '/') {
      this.pos++;
      return new PdfName(
        this.regular().replace(/#([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
      );
    }
    const word = this.regular();
    if (!word) throw new Error(`unexpected ${JSON.stringify(char)} at byte ${this.pos}`);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return Number(word);
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    return new PdfKeyword(word);
  }

  /** The next object, with `n g R` read as a reference. */
  object(): PdfValue {
    const start = this.pos;
    const token = this.token();
    if (token === undefined || token instanceof PdfKeyword) throw new Error(`expected an object at byte ${start}`);
    if (typeof token === 'number') {
      const after = this.pos;
      const [gen, r] = [this.token(), this.token()];
      if (typeof gen === 'number' && r instanceof PdfKeyword && r.word === 'R') return new PdfRef(token, gen);
      this.pos = after;
    }
    return token;
  }

  /** The objects up to the keyword `end`, with `n g R` folded into references. */
  private until(end: string): PdfValue[] {
    const values: PdfValue[] = [];
    for (;;) {
      const start = this.pos;
      const token = this.token();
      if (token === undefined) throw new Error(`the PDF ends before ${end}`);
      if (!(token instanceof PdfKeyword)) {
        values.push(token);
        continue;
      }
      if (token.word === end) return values;
      if (token.word === 'R' && typeof values.at(-2) === 'number' && typeof values.at(-1) === 'number') {
        const gen = values.pop() as number;
        values.push(new PdfRef(values.pop() as number, gen));
        continue;
      }
      throw new Error(`unexpected ${token.word} at byte ${start}`);
    }
  }

  private array(): PdfValue[] {
    return this.until(']');
  }

  private dictionary(): PdfDict {
    const entries = this.until('>>');
    const dict: PdfDict = new Map();
    for (let i = 0; i < entries.length; i += 2) {
      const key = entries[i];
      if (!(key instanceof PdfName)) throw new Error(`a dictionary key is not a name near byte ${this.pos}`);
      dict.set(key.name, entries[i + 1]);
    }
    return dict;
  }

  private regular(): string {
    const start = this.pos;
    while (
      this.pos < this.bytes.length &&
      !WHITESPACE.has(this.bytes[this.pos]) &&
      !DELIMITERS.has(this.bytes[this.pos])
    )
      this.pos++;
    return this.bytes.toString('latin1', start, this.pos);
  }

  private hexString(): PdfString {
    const end = this.bytes.indexOf('>', this.pos);
    if (end < 0) throw new Error(`unterminated hex string at byte ${this.pos}`);
    let hex = this.bytes.toString('latin1', this.pos + 1, end).replace(/\s+/g, '');
    this.pos = end + 1;
    if (!/^[0-9A-Fa-f]*$/.test(hex)) throw new Error(`bad hex string before byte ${this.pos}`);
    if (hex.length % 2) hex += '0';
    return new PdfString(Buffer.from(hex, 'hex'));
  }

  private literalString(): PdfString {
    const bytes = this.bytes;
    const out: number[] = [];
    let depth = 0;
    this.pos++;
    for (;;) {
      if (this.pos >= bytes.length) throw new Error('unterminated string');
      const byte = bytes[this.pos++];
      if (byte === 0x28 /* ( */) depth++;
      else if (byte === 0x29 /* ) */ && depth-- === 0) return new PdfString(Buffer.from(out));
      if (byte !== 0x5c /* \ */) {
        out.push(byte);
        continue;
      }
      const next = String.fromCharCode(bytes[this.pos++]);
      const escapes: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c };
      if (next in escapes) out.push(escapes[next]);
      else if (/[0-7]/.test(next)) {
        let octal = next;
        while (octal.length < 3 && /[0-7]/.test(String.fromCharCode(bytes[this.pos])))
          octal += String.fromCharCode(bytes[this.pos++]);
        out.push(parseInt(octal, 8) & 0xff);
      } else if (next === '\r') {
        if (bytes[this.pos] === 0x0a) this.pos++;
      } else if (next !== '\n') out.push(next.charCodeAt(0));
    }
  }
}

/** The objects of a PDF with a classic cross-reference table (what our writer and most others write). */
class PdfFile {
  private readonly offsets = new Map<number, number>();
  readonly trailer: PdfDict;

  constructor(private readonly bytes: Buffer) {
    const tail = bytes.toString('latin1', Math.max(0, bytes.length - 1024));
    const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!startxref) throw new Error('no startxref at the end of the PDF');
    let trailer: PdfDict | undefined;
    let at: number | undefined = Number(startxref[1]);
    while (at !== undefined) {
      const lexer: Lexer = new Lexer(bytes, at);
      const keyword = lexer.token();
      if (!(keyword instanceof PdfKeyword && keyword.word === 'xref'))
        throw new Error('only cross-reference tables are read here, not cross-reference streams');
      for (;;) {
        const first = lexer.token();
        if (first instanceof PdfKeyword && first.word === 'trailer') break;
        const count = lexer.token();
        if (typeof first !== 'number' || typeof count !== 'number') throw new Error('bad cross-reference table');
        for (let i = 0; i < count; i++) {
          const [offset, , kind] = [lexer.token(), lexer.token(), lexer.token()];
          const num = first + i;
          if (kind instanceof PdfKeyword && kind.word === 'n' && !this.offsets.has(num))
            this.offsets.set(num, offset as number);
        }
      }
      const dict: PdfValue = lexer.object();
      if (!(dict instanceof Map)) throw new Error('bad trailer');
      trailer ??= dict;
      const prev: PdfValue | undefined = dict.get('Prev');
      at = typeof prev === 'number' ? prev : undefined;
    }
    this.trailer = trailer as PdfDict;
  }

  /** The value, following a reference. */
  get(value: PdfValue | undefined): PdfValue | undefined {
    if (!(value instanceof PdfRef)) return value;
    const offset = this.offsets.get(value.num);
    if (offset === undefined) return null;
    const lexer = new Lexer(this.bytes, offset);
    const [num, gen, obj] = [lexer.token(), lexer.token(), lexer.token()];
    if (num !== value.num || gen !== value.gen || !(obj instanceof PdfKeyword && obj.word === 'obj'))
      throw new Error(`object ${value.num} is not at byte ${offset}`);
    const object = lexer.object();
    const next = lexer.token();
    if (!(next instanceof PdfKeyword && next.word === 'stream')) return object;
    if (!(object instanceof Map)) throw new Error(`object ${value.num}: a stream without a dictionary`);
    let start = lexer.pos;
    if (this.bytes[start] === 0x0d) start++;
    if (this.bytes[start] === 0x0a) start++;
    const length = this.get(object.get('Length'));
    if (typeof length !== 'number') throw new Error(`object ${value.num}: a stream without a /Length`);
    return { dict: object, raw: this.bytes.subarray(start, start + length) };
  }

  dict(value: PdfValue | undefined): PdfDict {
    const dict = this.get(value);
    if (!(dict instanceof Map)) throw new Error('expected a dictionary');
    return dict;
  }

  /** A stream's data with its filters undone (FlateDecode is all our writer uses). */
  decode(value: PdfValue | undefined): Buffer {
    const stream = this.get(value);
    if (!stream || typeof stream !== 'object' || !('raw' in stream)) throw new Error('expected a stream');
    const filter = this.get(stream.dict.get('Filter'));
    const filters = (Array.isArray(filter) ? filter : filter ? [filter] : []).map((f) => this.get(f));
    let data = stream.raw;
    for (const f of filters) {
      if (!(f instanceof PdfName) || f.name !== 'FlateDecode' || stream.dict.has('DecodeParms'))
        throw new Error(`cannot undo the filter ${f instanceof PdfName ? f.name : String(f)}`);
      data = inflateSync(data);
    }
    return data;
  }
}

/** A PDF text string: UTF-16BE or UTF-8 with a byte-order mark, else PDFDocEncoding (read as Latin-1). */
function textString(value: PdfValue | undefined): string | undefined {
  if (!(value instanceof PdfString)) return undefined;
  const bytes = value.bytes;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  return bytes.toString('latin1');
}

/** Every page's marked-content sequences (BMC, BDC) in content order, and its text outside any /Lang. */
function markedContent(pdf: Buffer): Array<{ spans: MarkedSpan[]; textWithoutLang: number }> {
  const file = new PdfFile(pdf);
  const pages: Array<{ node: PdfDict; inherited: PdfDict[] }> = [];
  const walk = (node: PdfDict, inherited: PdfDict[]) => {
    const type = file.get(node.get('Type'));
    if (type instanceof PdfName && type.name === 'Pages') {
      const kids = file.get(node.get('Kids'));
      if (!Array.isArray(kids)) throw new Error('a page tree node without /Kids');
      for (const kid of kids) walk(file.dict(kid), [node, ...inherited]);
    } else pages.push({ node, inherited });
  };
  walk(file.dict(file.dict(file.trailer.get('Root')).get('Pages')), []);
  if (pages.length === 0) throw new Error('the PDF has no pages');
  return pages.map(({ node, inherited }) => {
    const resources = [node, ...inherited].map((n) => n.get('Resources')).find((r) => r !== undefined);
    const properties = resources === undefined ? undefined : file.get(file.dict(resources).get('Properties'));
    const contents = file.get(node.get('Contents'));
    const streams = Array.isArray(contents) ? contents : [node.get('Contents') as PdfValue];
    const content = Buffer.concat(streams.flatMap((stream) => [file.decode(stream), Buffer.from('\n')]));

    const spans: MarkedSpan[] = [];
    const open: MarkedSpan[] = [];
    let textWithoutLang = 0;
    const lexer = new Lexer(content);
    let operands: PdfValue[] = [];
    for (let token = lexer.token(); token !== undefined; token = lexer.token()) {
      if (!(token instanceof PdfKeyword)) {
        operands.push(token);
        continue;
      }
      if (token.word === 'BMC' || token.word === 'BDC') {
        let props: PdfValue | undefined = token.word === 'BDC' ? operands[1] : undefined;
        if (props instanceof PdfName)
          props = properties instanceof Map ? file.get(properties.get(props.name)) : undefined;
        const dict = props instanceof Map ? props : undefined;
        const lang = dict ? textString(file.get(dict.get('Lang'))) : undefined;
        const span: MarkedSpan = {
          ...(lang !== undefined ? { lang } : {}),
          effectiveLang: lang ?? open.at(-1)?.effectiveLang,
          actualText: dict ? textString(file.get(dict.get('ActualText'))) : undefined,
          depth: open.length,
        };
        if (span.effectiveLang === undefined) delete span.effectiveLang;
        spans.push(span);
        open.push(span);
      }
      if (token.word === 'EMC') open.pop();
      if (['Tj', 'TJ', "'", '"'].includes(token.word) && !open.at(-1)?.effectiveLang) textWithoutLang++;
      if (token.word === 'BI') throw new Error('inline images are not read here');
      operands = [];
    }
    return { spans, textWithoutLang };
  });
}
