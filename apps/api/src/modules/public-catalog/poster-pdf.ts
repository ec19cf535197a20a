import type { FontLibrary } from '../certificates/pdf/fonts';
import { PageContent, PdfResources, Rgb, writePdf } from '../certificates/pdf/pdf-writer';
import { qrMatrix, qrPath } from '../certificates/pdf/qr';
import { ShapedLine, TextShaper, TextStyle } from '../certificates/pdf/text';

/** What a poster is drawn from: every word already in the poster's language (plain data: it crosses to a thread). */
export interface PosterDocument {
  /** BCP 47 tag for shaping and the PDF's language ('th', 'zh-Hans', 'en', 'ms'). */
  language: string;
  kind: string;
  title: string;
  host: string;
  summary?: string;
  /** Label and value lines: dates, venue, seats, enrolment window. */
  facts: { label: string; value: string }[];
  /** The program page's address, printed and encoded in the QR code. */
  url: string;
  callToAction: string;
}

/** A4 portrait, in points. */
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const LEFT = 56;
const WIDTH = PAGE_WIDTH - 2 * LEFT;
const INK: Rgb = [0.12, 0.12, 0.14];
const MUTED: Rgb = [0.36, 0.38, 0.42];
/** The brand colour of the web app (theme-color #0b4f6c). */
const ACCENT: Rgb = [0.043, 0.31, 0.424];
const LEADING = 0.45;

interface Para {
  lines: ShapedLine[];
  size: number;
  color: Rgb;
}

/**
 * The printable poster of a program (issue 22): a band with the kind and the host, the title large, the facts
 * (dates in the program's zone, venue, seats, enrolment window), the summary, and a large QR code of the
 * program's page with the address under it. Same fonts, shaping and PDF writer as the certificates; runs in
 * the render pool's threads.
 */
export class PosterRenderer {
  private readonly shaper: TextShaper;

  constructor(private readonly fonts: FontLibrary) {
    this.shaper = new TextShaper(fonts);
  }

  render(doc: PosterDocument): Buffer {
    const page = new PageContent(new PdfResources());
    const style = (weight: 'regular' | 'bold'): TextStyle => ({ weight, language: doc.language });

    // The band.
    page
      .save()
      .fillColor(ACCENT)
      .rect(0, PAGE_HEIGHT - 110, PAGE_WIDTH, 110)
      .fill()
      .restore();
    let y = this.draw(page, this.para(doc.kind.toLocaleUpperCase(), style('bold'), 13, 1), 36, [1, 1, 1]);
    this.draw(page, this.para(doc.host, style('regular'), 15, 2), y + 6, [1, 1, 1]);

    // The title: as large as fits in three lines.
    y = this.draw(page, this.para(doc.title, style('bold'), 38, 3, 20), 140, ACCENT);

    // The facts.
    y += 22;
    for (const fact of doc.facts) {
      if (fact.label) y = this.draw(page, this.para(fact.label, style('bold'), 10, 1), y, MUTED) + 3;
      y = this.draw(page, this.para(fact.value, style('regular'), 14, 2), y, INK) + 12;
    }

    // The summary, shrunk to leave the QR band free.
    const qrSize = 170;
    const qrTop = PAGE_HEIGHT - 56 - qrSize - 40;
    if (doc.summary) {
      let summary = this.para(doc.summary, style('regular'), 13, 12);
      while (y + 8 + this.height(summary) > qrTop - 24 && summary.size > 7) {
        summary = this.para(doc.summary, style('regular'), summary.size * 0.92, 12);
      }
      this.draw(page, summary, y + 8, INK);
    }

    // The QR code of the page, the call to action beside it, the address under it.
    page
      .save()
      .fillColor([0, 0, 0])
      .raw(qrPath(qrMatrix(doc.url), LEFT, PAGE_HEIGHT - qrTop, qrSize))
      .fill()
      .restore();
    const side = LEFT + qrSize + 24;
    const sideWidth = PAGE_WIDTH - LEFT - side;
    const cta = this.para(doc.callToAction, style('bold'), 18, 3, 0, sideWidth);
    const ctaEnd = this.draw(page, cta, qrTop + (qrSize - this.height(cta)) / 2 - 10, ACCENT, side);
    this.draw(page, this.para(doc.url, { weight: 'regular' }, 10, 2, 0, sideWidth), ctaEnd + 8, MUTED, side);

    return writePdf(
      [{ width: PAGE_WIDTH, height: PAGE_HEIGHT, content: page }],
      { title: doc.title, subject: doc.url, language: doc.language, languages: [doc.language] },
      this.fonts.subsetter,
    );
  }

  /** Text in at most `maxLines` lines of the width, shrunk (down to `minSize`) until it fits. */
  private para(text: string, style: TextStyle, size: number, maxLines: number, minSize = 0, width = WIDTH): Para {
    const clean = text.trim() || ' ';
    for (let s = size; ; s *= 0.94) {
      const lines = this.shaper.breakLines(clean, style, width / s);
      const widest = Math.max(...lines.map((l) => l.width));
      if ((lines.length <= maxLines && widest * s <= width) || s < Math.max(minSize, size * 0.4)) {
        return { lines, size: Math.min(s, width / widest), color: INK };
      }
    }
  }

  private lineHeight(line: ShapedLine, size: number): number {
    return (Math.max(line.ascent, 0.8) + Math.max(line.descent, 0.25)) * size;
  }

  private height(p: Para): number {
    return p.lines.reduce((h, line, i) => h + this.lineHeight(line, p.size) + (i ? LEADING * p.size : 0), 0);
  }

  /** Draws a paragraph from `top` (points from the top of the page); returns where it ends. */
  private draw(page: PageContent, p: Para, top: number, color: Rgb, x = LEFT): number {
    let y = top;
    p.lines.forEach((line, i) => {
      const baseline = y + (i ? LEADING * p.size : 0) + Math.max(line.ascent, 0.8) * p.size;
      page.text(line, x, PAGE_HEIGHT - baseline, p.size, color);
      y = baseline + Math.max(line.descent, 0.25) * p.size;
    });
    return y;
  }
}
