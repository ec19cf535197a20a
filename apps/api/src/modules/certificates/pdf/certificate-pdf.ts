import type { Locale, LocalizedText } from '@skillbridge/contracts';
import { resolveLocalizedText } from '@skillbridge/contracts';
import { translate } from '../../../common/i18n/translator';
import { formatCertificateDate } from './dates';
import { FontLibrary } from './fonts';
import { PageContent, Rgb, writePdf } from './pdf-writer';
import { qrMatrix, qrPath } from './qr';
import { ShapedLine, TextShaper, TextStyle } from './text';

export interface CertificateDocument {
  serial: string; // 'SB-2024-000123'
  verificationUrl: string; // 'http://localhost:3000/verify/<code>' — encode in the QR and print it
  issuedOn: string; // calendar date 'YYYY-MM-DD'
  holderName: string; // own script
  holderNameLatin?: string; // Latin letters
  programTitle: LocalizedText; // { en?, zh?, th?, ms? }
  programStartDate: string; // 'YYYY-MM-DD'
  programEndDate: string;
  hostName: LocalizedText; // issuing institution
  language: Locale; // the second language ('en' | 'th' | 'ms'); 'zh' means Chinese + English
  revoked?: boolean; // draw a clear diagonal "REVOKED" stamp in both languages
}

/** A4 landscape, in points. */
const PAGE_WIDTH = 841.89;
const PAGE_HEIGHT = 595.28;
const CENTER = PAGE_WIDTH / 2;
/** Left and right edges of the text area (inside the border). */
const LEFT = 78;
const RIGHT = PAGE_WIDTH - 78;

const NAVY: Rgb = [0.1, 0.2, 0.34];
const GOLD: Rgb = [0.68, 0.54, 0.29];
const INK: Rgb = [0.12, 0.12, 0.14];
const MUTED: Rgb = [0.36, 0.38, 0.42];
const STAMP_RED: Rgb = [0.78, 0.08, 0.1];

/** HarfBuzz language tags for the catalog languages. */
const LANGUAGE_TAGS: Record<Locale, string> = { zh: 'zh-Hans', en: 'en', th: 'th', ms: 'ms' };

interface Fitted {
  lines: ShapedLine[];
  size: number;
}

interface Block extends Fitted {
  color: Rgb;
  /** Space above the block, in points. */
  gap: number;
  language?: string;
  /** Draw a hairline in the middle of the gap above this block. */
  ruleAbove?: number;
}

type Align = 'left' | 'center' | 'right';

/** Every line gets at least this much room above and below its baseline (in em), more if its ink needs it. */
const NOMINAL_ASCENT = 0.8;
const NOMINAL_DESCENT = 0.25;
/** Extra space between the lines of one wrapped block, in em. */
const LEADING = 0.3;

function lineAscent(line: ShapedLine, size: number): number {
  return Math.max(line.ascent, NOMINAL_ASCENT) * size;
}

function lineDescent(line: ShapedLine, size: number): number {
  return Math.max(line.descent, NOMINAL_DESCENT) * size;
}

function blocksHeight(blocks: Block[]): number {
  let height = 0;
  for (const block of blocks) {
    height += block.gap;
    block.lines.forEach((line, i) => {
      height += lineAscent(line, block.size) + lineDescent(line, block.size) + (i ? LEADING * block.size : 0);
    });
  }
  return height;
}

/**
 * Renders certificates of completion as one-page PDFs (A4 landscape) in
 * Chinese and one more language, with text shaped by HarfBuzz, fonts
 * embedded as subsets, and a QR code for the verification URL.
 */
export class CertificateRenderer {
  private readonly fonts: FontLibrary;
  private readonly shaper: TextShaper;

  /** Loads and parses the fonts once; reuse one instance for many certificates. */
  constructor(options?: { fontDir?: string }) {
    this.fonts = new FontLibrary(options?.fontDir);
    this.shaper = new TextShaper(this.fonts);
  }

  async render(doc: CertificateDocument): Promise<Buffer> {
    return this.renderSync(doc);
  }

  private renderSync(doc: CertificateDocument): Buffer {
    const second: Locale = doc.language === 'zh' ? 'en' : doc.language;
    const zhTag = LANGUAGE_TAGS.zh;
    const secondTag = LANGUAGE_TAGS[second];
    const t = (locale: Locale, key: string, params?: Record<string, string>) =>
      translate(locale, `certificate.${key}`, params);
    const both = (text: LocalizedText) => {
      const zh = resolveLocalizedText(text, 'zh');
      const other = resolveLocalizedText(text, second);
      return { zh, other: other === zh ? '' : other };
    };
    const period = (locale: Locale) =>
      t(locale, 'period', {
        from: formatCertificateDate(locale, doc.programStartDate),
        to: formatCertificateDate(locale, doc.programEndDate),
      });
    const latinScript = second !== 'th';
    const program = both(doc.programTitle);
    const host = both(doc.hostName);

    const page = new PageContent();
    drawBorder(page);

    // Titles.
    const zhTitle = this.fit(t('zh', 'title'), { weight: 'bold', language: zhTag, tracking: 0.3 }, 32, 600);
    const secondTitle = this.fit(
      latinScript ? t(second, 'title').toLocaleUpperCase(secondTag) : t(second, 'title'),
      { weight: 'bold', language: secondTag, tracking: latinScript ? 0.08 : 0 },
      latinScript ? 19 : 24,
      600,
    );
    const titleBottom = this.stack(
      page,
      [
        { ...zhTitle, color: NAVY, gap: 0, language: zhTag },
        { ...secondTitle, color: NAVY, gap: 6, language: secondTag },
      ],
      60,
      'center',
      CENTER,
    );
    drawOrnament(page, titleBottom + 14);

    // The middle: who completed what, and when.
    const width = 620;
    const middle: Block[] = [];
    const add = (text: string, style: TextStyle, size: number, color: Rgb, gap: number, maxLines = 1) => {
      if (!text.trim()) return;
      middle.push({ ...this.fitLines(text, style, size, width, maxLines), color, gap, language: style.language });
    };
    add(t('zh', 'certifies'), { weight: 'regular', language: zhTag }, 12, MUTED, 0);
    add(t(second, 'certifies'), { weight: 'regular', language: secondTag }, 11.5, MUTED, 4);
    add(doc.holderName, { weight: 'regular' }, 32, NAVY, 16, 2);
    const latinName = doc.holderNameLatin?.trim();
    if (latinName && latinName !== doc.holderName.trim()) add(latinName, { weight: 'regular' }, 13, INK, 8);
    const ruled = middle.length;
    add(t('zh', 'completed'), { weight: 'regular', language: zhTag }, 12, MUTED, 26);
    if (middle[ruled]) middle[ruled].ruleAbove = 150;
    add(t(second, 'completed'), { weight: 'regular', language: secondTag }, 11.5, MUTED, 4);
    add(program.zh, { weight: 'bold', language: zhTag }, 18, INK, 12, 2);
    add(program.other, { weight: 'bold', language: secondTag }, 15, INK, 6, 2);
    add(period('zh'), { weight: 'regular', language: zhTag }, 11, INK, 14);
    add(period(second), { weight: 'regular', language: secondTag }, 11, INK, 4);
    const middleTop = titleBottom + 34;
    const middleBottom = 452;
    const height = blocksHeight(middle);
    const available = middleBottom - middleTop;
    if (height > available) {
      // Very long names or titles: scale the middle down rather than overflow into the footer.
      const scale = available / height;
      for (const block of middle) {
        block.size *= scale;
        block.gap *= scale;
      }
    }
    this.stack(page, middle, middleTop + Math.max(0, (available - blocksHeight(middle)) / 2), 'center', CENTER);

    // Footer, left: certificate number and date of issue.
    const footerTop = 470;
    const label = (key: string) => `${t('zh', key)} / ${t(second, key)}`;
    const column = 225;
    const small = (text: string, language?: string): Block => ({
      ...this.fit(text, { weight: 'regular', language }, 8.5, column),
      color: MUTED,
      gap: 0,
      language,
    });
    this.stack(
      page,
      [
        small(label('serial'), zhTag),
        { ...this.fit(doc.serial, { weight: 'bold' }, 12.5, column), color: INK, gap: 3 },
        { ...small(label('issuedOn'), zhTag), gap: 9 },
        {
          ...this.fit(formatCertificateDate('zh', doc.issuedOn), { weight: 'regular', language: zhTag }, 11, column),
          color: INK,
          gap: 3,
          language: zhTag,
        },
        {
          ...this.fit(
            formatCertificateDate(second, doc.issuedOn),
            { weight: 'regular', language: secondTag },
            10.5,
            column,
          ),
          color: INK,
          gap: 2,
          language: secondTag,
        },
      ],
      footerTop,
      'left',
      LEFT,
    );

    // Footer, centre: the issuing institution under a signature-style rule.
    const hostBlocks: Block[] = [small(label('issuedBy'), zhTag)];
    hostBlocks.push({
      ...this.fitLines(host.zh, { weight: 'bold', language: zhTag }, 12.5, column, 2),
      color: INK,
      gap: 4,
      language: zhTag,
    });
    if (host.other) {
      hostBlocks.push({
        ...this.fitLines(host.other, { weight: 'regular', language: secondTag }, 11, column, 2),
        color: INK,
        gap: 2,
        language: secondTag,
      });
    }
    page.save().strokeColor(GOLD).lineWidth(0.6);
    page
      .moveTo(CENTER - 110, PAGE_HEIGHT - (footerTop + 4))
      .lineTo(CENTER + 110, PAGE_HEIGHT - (footerTop + 4))
      .stroke()
      .restore();
    this.stack(page, hostBlocks, footerTop + 14, 'center', CENTER);

    // Footer, right: the QR code, with the verification URL beside it.
    const qrSize = 76;
    const qrLeft = RIGHT - qrSize;
    const qrTop = footerTop - 4;
    page
      .save()
      .fillColor([0, 0, 0])
      .raw(qrPath(qrMatrix(doc.verificationUrl), qrLeft, PAGE_HEIGHT - qrTop, qrSize))
      .fill()
      .restore();
    const urlWidth = 150;
    const verify: Block[] = [
      {
        ...this.fit(t('zh', 'verify'), { weight: 'regular', language: zhTag }, 8.5, urlWidth),
        color: MUTED,
        gap: 0,
        language: zhTag,
      },
      {
        ...this.fit(t(second, 'verify'), { weight: 'regular', language: secondTag }, 8.5, urlWidth),
        color: MUTED,
        gap: 1,
        language: secondTag,
      },
      { ...this.fitLines(doc.verificationUrl, { weight: 'regular' }, 7.5, urlWidth, 1, 5), color: INK, gap: 4 },
    ];
    this.stack(page, verify, qrTop + (qrSize - blocksHeight(verify)) / 2, 'right', qrLeft - 10);

    if (doc.revoked) this.drawRevoked(page, t('zh', 'revoked'), t(second, 'revoked'), secondTag, latinScript);

    const titleText = `${t('zh', 'title')} · ${t(second, 'title')} · ${doc.serial}`;
    return writePdf(
      { width: PAGE_WIDTH, height: PAGE_HEIGHT, content: page },
      { title: titleText, subject: doc.holderName, language: 'zh-CN' },
      this.fonts.subsetter,
    );
  }

  /**
   * Draws blocks one under another from `top` (points from the top of the
   * page), each line aligned at `x`; returns where the last line's ink ends.
   */
  private stack(page: PageContent, blocks: Block[], top: number, align: Align, x: number): number {
    let y = top;
    for (const block of blocks) {
      if (block.ruleAbove) {
        const ruleY = PAGE_HEIGHT - (y + block.gap / 2);
        page.save().strokeColor(GOLD).lineWidth(0.5);
        page
          .moveTo(CENTER - block.ruleAbove, ruleY)
          .lineTo(CENTER + block.ruleAbove, ruleY)
          .stroke()
          .restore();
      }
      y += block.gap;
      block.lines.forEach((line, i) => {
        const size = block.size;
        const baseline = y + (i ? LEADING * size : 0) + lineAscent(line, size);
        const width = line.width * size;
        const left = align === 'left' ? x : align === 'right' ? x - width : x - width / 2;
        page.text(line, left, PAGE_HEIGHT - baseline, size, block.color, block.language);
        y = baseline + lineDescent(line, size);
      });
    }
    return y;
  }

  /** One line, shrunk to fit `maxWidth` if needed. */
  private fit(text: string, style: TextStyle, size: number, maxWidth: number): Fitted {
    return this.fitLines(text, style, size, maxWidth, 1);
  }

  /**
   * Lays text out in at most `maxLines` lines of `maxWidth` points: shrinks
   * a little first, then breaks lines, then shrinks further. Text is never cut.
   */
  private fitLines(
    text: string,
    style: TextStyle,
    size: number,
    maxWidth: number,
    maxLines: number,
    minSize = size * 0.6,
  ): Fitted {
    const line = this.shaper.shapeLine(text.trim(), style);
    if (line.width * size <= maxWidth) return { lines: [line], size };
    if (maxLines === 1 || line.width * size * 0.85 <= maxWidth) {
      return { lines: [line], size: Math.max(Math.min(size, maxWidth / line.width), maxLines === 1 ? 0 : minSize) };
    }
    for (let s = size; ; s *= 0.93) {
      const lines = this.shaper.breakLines(text.trim(), style, maxWidth / s);
      const widest = Math.max(...lines.map((l) => l.width));
      if ((lines.length <= maxLines && widest * s <= maxWidth) || s < minSize) {
        return { lines, size: Math.min(s, maxWidth / widest) };
      }
    }
  }

  /** A red, slightly transparent stamp across the page: "已撤销" over the second language's word. */
  private drawRevoked(page: PageContent, zh: string, other: string, otherTag: string, latinScript: boolean): void {
    const zhLine = this.fit(zh, { weight: 'bold', language: LANGUAGE_TAGS.zh, tracking: 0.2 }, 54, 460);
    const otherLine = this.fit(
      latinScript ? other.toLocaleUpperCase(otherTag) : other,
      { weight: 'bold', language: otherTag, tracking: latinScript ? 0.12 : 0 },
      latinScript ? 40 : 46,
      460,
    );
    const zl = zhLine.lines[0];
    const ol = otherLine.lines[0];
    const zhAscent = zl.ascent * zhLine.size;
    const otherDescent = ol.descent * otherLine.size;
    const inner = zhAscent + zl.descent * zhLine.size + 16 + ol.ascent * otherLine.size + otherDescent;
    const boxWidth = Math.max(zl.width * zhLine.size, ol.width * otherLine.size) + 64;
    const boxHeight = inner + 52;
    const angle = (24 * Math.PI) / 180;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    page.save().opacity(0.82);
    // Rotate about the middle of the page, rising to the right.
    page.transform(cos, sin, -sin, cos, CENTER, PAGE_HEIGHT / 2);
    page
      .strokeColor(STAMP_RED)
      .lineWidth(4)
      .rect(-boxWidth / 2, -boxHeight / 2, boxWidth, boxHeight)
      .stroke();
    page
      .lineWidth(1.2)
      .rect(-boxWidth / 2 + 7, -boxHeight / 2 + 7, boxWidth - 14, boxHeight - 14)
      .stroke();
    page.text(zl, (-zl.width * zhLine.size) / 2, inner / 2 - zhAscent, zhLine.size, STAMP_RED, LANGUAGE_TAGS.zh);
    page.text(ol, (-ol.width * otherLine.size) / 2, -inner / 2 + otherDescent, otherLine.size, STAMP_RED, otherTag);
    page.restore();
  }
}

/** Double frame (navy outside, gold inside) with small diamonds in the corners. */
function drawBorder(page: PageContent): void {
  page.save();
  page
    .strokeColor(NAVY)
    .lineWidth(3)
    .rect(20, 20, PAGE_WIDTH - 40, PAGE_HEIGHT - 40)
    .stroke();
  page
    .strokeColor(GOLD)
    .lineWidth(0.9)
    .rect(28, 28, PAGE_WIDTH - 56, PAGE_HEIGHT - 56)
    .stroke();
  page
    .strokeColor(NAVY)
    .lineWidth(0.4)
    .rect(32, 32, PAGE_WIDTH - 64, PAGE_HEIGHT - 64)
    .stroke();
  page.fillColor(GOLD);
  for (const [x, y] of [
    [28, 28],
    [PAGE_WIDTH - 28, 28],
    [28, PAGE_HEIGHT - 28],
    [PAGE_WIDTH - 28, PAGE_HEIGHT - 28],
  ]) {
    diamond(page, x, y, 7);
  }
  page.restore();
}

/** A gold rule with a diamond in the middle, under the titles. */
function drawOrnament(page: PageContent, y: number): void {
  const py = PAGE_HEIGHT - y;
  page.save().strokeColor(GOLD).lineWidth(0.8);
  page
    .moveTo(CENTER - 120, py)
    .lineTo(CENTER - 10, py)
    .moveTo(CENTER + 10, py)
    .lineTo(CENTER + 120, py)
    .stroke();
  page.fillColor(GOLD);
  diamond(page, CENTER, py, 4.5);
  page.restore();
}

function diamond(page: PageContent, x: number, y: number, r: number): void {
  page
    .moveTo(x, y + r)
    .lineTo(x + r, y)
    .lineTo(x, y - r)
    .lineTo(x - r, y)
    .closePath()
    .fill();
}
