import { Resvg } from '@resvg/resvg-js';
import type { FontKey, FontLibrary } from '../certificates/pdf/fonts';
import { fontPath } from '../certificates/pdf/fonts';
import { TextShaper, type ShapedLine, type TextStyle } from '../certificates/pdf/text';
import { escapeHtml } from './program-head';

/** What a share image is drawn from: the words already in its language (plain data: it crosses to a thread). */
export interface ShareImageDocument {
  /** BCP 47 tag of the words ('th', 'zh-Hans', 'en', 'ms'). */
  language: string;
  /** The kind and the host: "Training camp · Tongren Polytechnic College". */
  eyebrow: string;
  title: string;
  /** The dates (and the venue). */
  footer: string;
  code: string;
}

export const SHARE_IMAGE_WIDTH = 1200;
export const SHARE_IMAGE_HEIGHT = 630;
const MARGIN = 72;
const TEXT_WIDTH = SHARE_IMAGE_WIDTH - 2 * MARGIN;
const ACCENT = '#0b4f6c';

/** The family and weight of each of the certificates' Noto files, as their name tables give them. */
const FACES: Record<FontKey, [family: string, weight: number]> = {
  serif: ['Noto Serif', 400],
  serifBold: ['Noto Serif', 700],
  sc: ['Noto Sans SC', 400],
  scBold: ['Noto Sans SC', 700],
  thai: ['Noto Sans Thai Looped', 400],
  thaiBold: ['Noto Sans Thai Looped', 700],
  lao: ['Noto Sans Lao', 400],
  khmer: ['Noto Sans Khmer', 400],
  myanmar: ['Noto Sans Myanmar', 400],
  bengali: ['Noto Sans Bengali', 400],
  devanagari: ['Noto Sans Devanagari', 400],
  naskh: ['Noto Naskh Arabic', 400],
  nastaliq: ['Noto Nastaliq Urdu', 400],
};

/**
 * The 1200×630 share image of a program (Open Graph's size), drawn as SVG and rasterized by resvg (shaping
 * with rustybuzz, HarfBuzz's Rust port, from the same Noto files as the PDFs, so Thai, Chinese, Khmer, Lao and
 * Burmese titles are set correctly). Lines are broken by our own shaper (dictionary word breaks for scripts
 * without spaces). Runs in the render pool's threads.
 */
export class ShareImageRenderer {
  private readonly shaper: TextShaper;
  private readonly fontFiles: string[];

  constructor(fonts: FontLibrary) {
    this.shaper = new TextShaper(fonts);
    this.fontFiles = (Object.keys(FACES) as FontKey[]).map((key) => fontPath(key));
  }

  /** The SVG of the image (also what the tests can read). */
  svg(doc: ShareImageDocument): string {
    const bold: TextStyle = { weight: 'bold', language: doc.language };
    const regular: TextStyle = { weight: 'regular', language: doc.language };
    // As large as fits in three lines, from 72 px down.
    let size = 72;
    let lines = this.shaper.breakLines(doc.title, bold, TEXT_WIDTH / size);
    while ((lines.length > 3 || Math.max(...lines.map((l) => l.width)) * size > TEXT_WIDTH) && size > 30) {
      size = Math.floor(size * 0.9);
      lines = this.shaper.breakLines(doc.title, bold, TEXT_WIDTH / size);
    }
    const lineHeight = Math.round(size * 1.35);
    const titleTop = 250 - ((lines.length - 1) * lineHeight) / 2;
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${SHARE_IMAGE_WIDTH}" height="${SHARE_IMAGE_HEIGHT}" ` +
        `viewBox="0 0 ${SHARE_IMAGE_WIDTH} ${SHARE_IMAGE_HEIGHT}">`,
      `<rect width="100%" height="100%" fill="${ACCENT}"/>`,
      `<rect x="0" y="${SHARE_IMAGE_HEIGHT - 12}" width="${SHARE_IMAGE_WIDTH}" height="12" fill="#f2a900"/>`,
      this.text(this.fit(doc.eyebrow, regular, 30), 100, 30, '#cfe3ea', doc.language),
      ...lines.map((line, i) =>
        this.text(line, titleTop + i * lineHeight + size * 0.35, size, '#ffffff', doc.language),
      ),
      this.text(this.fit(doc.footer, regular, 32), SHARE_IMAGE_HEIGHT - 92, 32, '#ffffff', doc.language),
      this.text(
        this.shaper.shapeLine(`Skillbridge · ${doc.code}`, { weight: 'bold' }),
        SHARE_IMAGE_HEIGHT - 48,
        24,
        '#cfe3ea',
        'en',
      ),
      `</svg>`,
    ].join('\n');
  }

  /**
   * One line as SVG: a text element per run, in the very font our shaper chose for it and where our shaper
   * placed it (resvg shapes each run again in that font). One element per run also keeps resvg from dropping a
   * whole line that mixes some scripts (Khmer and Lao in one text element draw nothing in resvg 2.6).
   */
  private text(line: ShapedLine, y: number, size: number, fill: string, language: string): string {
    let x = MARGIN;
    return line.runs
      .map((run) => {
        const [family, weight] = FACES[run.font.key];
        const content = escapeHtml(line.text.slice(run.start, run.end));
        const element =
          `<text x="${x.toFixed(1)}" y="${Math.round(y)}" font-size="${size}" fill="${fill}" ` +
          `font-family="'${family}'" font-weight="${weight}" xml:lang="${language}" xml:space="preserve">` +
          `${content}</text>`;
        x += (run.glyphs.reduce((sum, glyph) => sum + glyph.xAdvance, 0) / run.font.hb.upem) * size;
        return element;
      })
      .join('');
  }

  render(doc: ShareImageDocument): Uint8Array {
    const image = new Resvg(this.svg(doc), {
      fitTo: { mode: 'original' },
      font: { loadSystemFonts: false, fontFiles: this.fontFiles, defaultFontFamily: 'Noto Serif' },
      background: ACCENT,
    });
    return image.render().asPng();
  }

  /** One line at this size: cut with an ellipsis when too wide. */
  private fit(text: string, style: TextStyle, size: number): ShapedLine {
    const whole = this.shaper.shapeLine(text, style);
    if (whole.width * size <= TEXT_WIDTH) return whole;
    const chars = [...text];
    let line = whole;
    while (chars.length > 1 && line.width * size > TEXT_WIDTH) {
      chars.pop();
      line = this.shaper.shapeLine(`${chars.join('').trimEnd()}…`, style);
    }
    return line;
  }
}
