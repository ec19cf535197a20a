import type { Locale, LocalizedText } from '@skillbridge/contracts';
import { LOCALIZED_TEXT_FALLBACK, SUPPORTED_LOCALES, resolveLocalizedText } from '@skillbridge/contracts';
import { translate } from '../../../common/i18n/translator';
import { formatCertificateDate } from './dates';
import { FontLibrary } from './fonts';
import { pdfImage } from './images';
import { LanguageRange, PageContent, PdfImage, PdfResources, Rgb, writePdf } from './pdf-writer';
import { qrMatrix, qrPath } from './qr';
import { ShapedLine, TextShaper, TextStyle, Weight } from './text';

/** An image of the design: the PNG or JPEG file as uploaded (and checked, see images.ts). */
export type CertificateImage = Uint8Array;

/** Someone who signs the certificate for the issuer, with their title, in Chinese and other languages. */
export interface CertificateSignatory {
  name: LocalizedText;
  title: LocalizedText;
  signature?: CertificateImage;
}

/** The issuing institution's look: colour, logo, seal (the red stamp) and up to two signatories. */
export interface CertificateDesign {
  /** '#RRGGBB'; the titles, the holder's name and the frame take it. Default navy. */
  accentColor?: string;
  logo?: CertificateImage;
  seal?: CertificateImage;
  signatories: CertificateSignatory[];
}

/** One session that counted towards the certificate, as the record page lists it. */
export interface CertificateTopic {
  title: LocalizedText;
  /** Instant, ISO 8601; printed as a calendar date in `timezone`. */
  startsAt: string;
  /** Scheduled hours of the session. */
  hours: number;
}

/** Why the holder completed: their attendance rate, and their score when the program has a pass mark. */
export interface CompletionBasis {
  /** 0..1 */
  attendanceRate?: number;
  score?: number;
  /** The program's pass mark; the score is printed only beside one. */
  passingScore?: number;
}

export interface CertificateDocument {
  serial: string; // 'SB-2024-000123'
  verificationUrl: string; // 'http://localhost:3000/verify/<code>' — encode in the QR and print it
  verificationCode: string; // printed as given under the QR, at a readable size ('7KQ4-M9TX-2WHP-…')
  issuedOn: string; // calendar date 'YYYY-MM-DD'
  holderName: string; // own script
  holderNameLatin?: string; // Latin letters
  programTitle: LocalizedText; // { en?, zh?, th?, ms? }
  programStartDate: string; // 'YYYY-MM-DD'
  programEndDate: string;
  /** The program's IANA time zone: the topics' dates are read in it. Default UTC. */
  timezone?: string;
  hours: number; // training hours (学时), e.g. 24 or 22.5
  validUntil?: string; // 'YYYY-MM-DD'
  basis?: CompletionBasis;
  topics: CertificateTopic[]; // listed on the second page, in this order
  hostName: LocalizedText; // issuing institution
  design?: CertificateDesign;
  language: Locale; // the second language ('en' | 'th' | 'ms'); 'zh' means Chinese + English
  revoked?: boolean; // draw a clear diagonal "REVOKED" stamp in both languages, on every page
  sample?: boolean; // a design preview: a "SAMPLE" stamp on every page
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
const SAMPLE_GREY: Rgb = [0.45, 0.47, 0.5];
const HAIRLINE: Rgb = [0.8, 0.8, 0.82];

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
  /** BCP 47 tag, or the ranges of a line in two languages; none: tagged by script. */
  language?: string | LanguageRange[];
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
 * Renders certificates of completion as PDFs (A4 landscape) in Chinese and
 * one more language, with text shaped by HarfBuzz, fonts embedded as subsets,
 * the issuer's design (colour, logo, seal, signatories), a QR code for the
 * verification URL with the code printed under it, and a second page, the
 * training record: hours, the completion basis and the sessions that counted.
 */
export class CertificateRenderer {
  private readonly fonts: FontLibrary;
  private readonly shaper: TextShaper;

  /**
   * Loads and parses the fonts once; reuse one instance for many certificates.
   * `fonts`: an already loaded library to share (a render thread's, which also draws letters).
   */
  constructor(options?: { fontDir?: string; fonts?: FontLibrary }) {
    this.fonts = options?.fonts ?? new FontLibrary(options?.fontDir);
    this.shaper = new TextShaper(this.fonts);
  }

  async render(doc: CertificateDocument): Promise<Buffer> {
    return this.renderSync(doc);
  }

  /** The same, synchronously (what a worker thread of the render pool calls). */
  renderSync(doc: CertificateDocument): Buffer {
    const second: Locale = doc.language === 'zh' ? 'en' : doc.language;
    const ctx: Context = {
      doc,
      second,
      zhTag: LANGUAGE_TAGS.zh,
      secondTag: LANGUAGE_TAGS[second],
      latinScript: second !== 'th',
      accent: accentRgb(doc.design?.accentColor),
      images: new Map(),
      t: (locale, key, params) => translate(locale, `certificate.${key}`, params),
    };
    const resources = new PdfResources();
    const first = new PageContent(resources);
    this.drawCertificate(first, ctx);
    const record = this.drawRecord(resources, ctx);
    const pages = [first, ...record];
    for (const page of pages) {
      if (doc.sample) this.drawStamp(page, ctx, 'sample', SAMPLE_GREY);
      if (doc.revoked) this.drawStamp(page, ctx, 'revoked', STAMP_RED);
    }
    // The title a viewer shows in its title bar and tab: what the document is, whose, and if it is not a valid one.
    const state = doc.sample ? 'sample' : doc.revoked ? 'revoked' : null;
    const titleText = [
      ctx.t('zh', 'title'),
      ctx.t(second, 'title'),
      doc.serial,
      ...(state ? [ctx.t('zh', state), ctx.t(second, state)] : []),
    ].join(' · ');
    return writePdf(
      pages.map((content) => ({ width: PAGE_WIDTH, height: PAGE_HEIGHT, content })),
      { title: titleText, subject: doc.holderName, language: 'zh-CN', languages: ['zh-CN', LANGUAGE_TAGS[second]] },
      this.fonts.subsetter,
    );
  }

  // ---- page 1: the certificate ------------------------------------------------------------------

  private drawCertificate(page: PageContent, ctx: Context): void {
    const { doc, second, zhTag, secondTag, latinScript, accent, t } = ctx;
    const program = both(doc.programTitle, second);
    const host = both(doc.hostName, second);
    const period = (locale: Locale) =>
      t(locale, 'periodAndHours', {
        period: t(locale, 'period', {
          from: formatCertificateDate(locale, doc.programStartDate),
          to: formatCertificateDate(locale, doc.programEndDate),
        }),
        hours: t(locale, 'hours', { hours: formatNumber(locale, doc.hours) }),
      });

    drawBorder(page, accent);
    const logo = doc.design?.logo && this.image(ctx, doc.design.logo);
    if (logo) placeImage(page, logo, LEFT - 22, 50, 92, 62, 'left');

    // Titles.
    const zhTitle = this.fit(t('zh', 'title'), { weight: 'bold', language: zhTag, tracking: 0.3 }, 32, 560);
    const secondTitle = this.fit(
      latinScript ? t(second, 'title').toLocaleUpperCase(secondTag) : t(second, 'title'),
      { weight: 'bold', language: secondTag, tracking: latinScript ? 0.08 : 0 },
      latinScript ? 19 : 24,
      560,
    );
    const titleBottom = this.stack(
      page,
      [
        { ...zhTitle, color: accent, gap: 0, language: zhTag },
        { ...secondTitle, color: accent, gap: 6, language: secondTag },
      ],
      54,
      'center',
      CENTER,
    );
    drawOrnament(page, titleBottom + 12);

    // The middle: who completed what, when, and for how many hours.
    const width = 620;
    const middle: Block[] = [];
    const add = (text: string, style: TextStyle, size: number, color: Rgb, gap: number, maxLines = 1) => {
      if (!text.trim()) return;
      middle.push({ ...this.fitLines(text, style, size, width, maxLines), color, gap, language: style.language });
    };
    add(t('zh', 'certifies'), { weight: 'regular', language: zhTag }, 12, MUTED, 0);
    add(t(second, 'certifies'), { weight: 'regular', language: secondTag }, 11.5, MUTED, 4);
    add(doc.holderName, { weight: 'regular' }, 32, accent, 14, 2);
    const latinName = doc.holderNameLatin?.trim();
    if (latinName && latinName !== doc.holderName.trim()) add(latinName, { weight: 'regular' }, 13, INK, 6);
    const ruled = middle.length;
    add(t('zh', 'completed'), { weight: 'regular', language: zhTag }, 12, MUTED, 20);
    if (middle[ruled]) middle[ruled].ruleAbove = 150;
    add(t(second, 'completed'), { weight: 'regular', language: secondTag }, 11.5, MUTED, 4);
    add(program.zh, { weight: 'bold', language: program.zhTag }, 18, INK, 10, 2);
    add(program.other, { weight: 'bold', language: program.otherTag }, 15, INK, 5, 2);
    add(period('zh'), { weight: 'regular', language: zhTag }, 11, INK, 12);
    add(period(second), { weight: 'regular', language: secondTag }, 11, INK, 4);
    if (doc.validUntil) {
      const until = (locale: Locale) =>
        t(locale, 'validUntil', { date: formatCertificateDate(locale, doc.validUntil as string) });
      add(until('zh'), { weight: 'regular', language: zhTag }, 10.5, MUTED, 8);
      add(until(second), { weight: 'regular', language: secondTag }, 10.5, MUTED, 3);
    }
    const middleTop = titleBottom + 28;
    const middleBottom = 358;
    this.stackScaled(page, middle, middleTop, middleBottom);

    this.drawSignatures(page, ctx, host);

    // Bottom left: certificate number and date of issue.
    const footerTop = 478;
    const column = 210;
    const label = (key: string): Block => this.label(ctx, t('zh', key), t(second, key), 8.5, column);
    this.stack(
      page,
      [
        label('serial'),
        { ...this.fit(doc.serial, { weight: 'bold' }, 12, column), color: INK, gap: 3 },
        { ...label('issuedOn'), gap: 7 },
        {
          ...this.fit(formatCertificateDate('zh', doc.issuedOn), { weight: 'regular', language: zhTag }, 10.5, column),
          color: INK,
          gap: 3,
          language: zhTag,
        },
        {
          ...this.fit(
            formatCertificateDate(second, doc.issuedOn),
            { weight: 'regular', language: secondTag },
            10,
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

    // Bottom right: the QR code, the code under it, the verification URL beside it.
    const qrSize = 64;
    const qrLeft = RIGHT - qrSize;
    const qrTop = footerTop - 4;
    page
      .save()
      .fillColor([0, 0, 0])
      .raw(qrPath(qrMatrix(doc.verificationUrl), qrLeft, PAGE_HEIGHT - qrTop, qrSize))
      .fill()
      .restore();
    // The code people type: never smaller than 9 pt (it gets the room it needs, to the left of the QR's edge).
    const code = this.fit(doc.verificationCode, { weight: 'bold', tracking: 0.04 }, 9.5, 330);
    this.stack(
      page,
      [{ ...code, size: Math.max(code.size, 9), color: INK, gap: 0 }],
      qrTop + qrSize + 3,
      'right',
      RIGHT,
    );
    const urlWidth = 170;
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
  }

  /**
   * The band above the footer: the issuer (name, with the seal stamped over
   * it) and the signatories (signature image over a rule, name and title in
   * Chinese and the second language) side by side.
   */
  private drawSignatures(page: PageContent, ctx: Context, host: ReturnType<typeof both>): void {
    const { doc, second, t } = ctx;
    const signatories = (doc.design?.signatories ?? []).slice(0, 2);
    const columns: Array<{ kind: 'issuer' } | { kind: 'signatory'; signatory: CertificateSignatory }> = [
      { kind: 'issuer' },
    ];
    // Two signatories flank the issuer, the first on the left; one alone stands to its right.
    if (signatories.length === 2) columns.unshift({ kind: 'signatory', signatory: signatories[0] });
    const last = signatories[signatories.length - 1];
    if (last) columns.push({ kind: 'signatory', signatory: last });
    const spacing = 250;
    const centres =
      columns.length === 3
        ? [CENTER - spacing, CENTER, CENTER + spacing]
        : columns.length === 2
          ? [CENTER - 125, CENTER + 125]
          : [CENTER];
    const ruleY = 416;
    const width = columns.length === 3 ? 200 : 240;
    columns.forEach((column, i) => {
      const x = centres[i];
      page.save().strokeColor(GOLD).lineWidth(0.6);
      page
        .moveTo(x - 95, PAGE_HEIGHT - ruleY)
        .lineTo(x + 95, PAGE_HEIGHT - ruleY)
        .stroke()
        .restore();
      if (column.kind === 'issuer') {
        const blocks: Block[] = [
          this.label(ctx, t('zh', 'issuedBy'), t(second, 'issuedBy'), 8.5, width),
          {
            ...this.fitLines(host.zh, { weight: 'bold', language: host.zhTag }, 12, width, 2),
            color: INK,
            gap: 3,
            language: host.zhTag,
          },
        ];
        if (host.other) {
          blocks.push({
            ...this.fitLines(host.other, { weight: 'regular', language: host.otherTag }, 10, width, 2),
            color: INK,
            gap: 2,
            language: host.otherTag,
          });
        }
        const bottom = this.stack(page, blocks, ruleY + 5, 'center', x);
        const seal = doc.design?.seal && this.image(ctx, doc.design.seal);
        if (seal) {
          // Stamped over the issuer's name, as on paper; slightly see-through so the name stays legible.
          const size = 92;
          const middle = (ruleY + bottom) / 2;
          page.save().opacity(0.85);
          placeImage(page, seal, x - size / 2, middle - size / 2, size, size, 'center');
          page.restore();
        }
        return;
      }
      const { signatory } = column;
      const signature = signatory.signature && this.image(ctx, signatory.signature);
      if (signature) placeImage(page, signature, x - 80, ruleY - 46, 160, 44, 'bottom');
      const name = both(signatory.name, second);
      const title = both(signatory.title, second);
      const blocks: Block[] = [];
      const add = (text: string, weight: Weight, size: number, color: Rgb, gap: number, language: string) => {
        if (text.trim()) blocks.push({ ...this.fit(text, { weight, language }, size, width), color, gap, language });
      };
      add(name.zh, 'bold', 10.5, INK, 0, name.zhTag);
      add(name.other, 'regular', 9.5, INK, 2, name.otherTag);
      add(title.zh, 'regular', 8.5, MUTED, 3, title.zhTag);
      add(title.other, 'regular', 8.5, MUTED, 1, title.otherTag);
      this.stack(page, blocks, ruleY + 5, 'center', x);
    });
  }

  // ---- page 2 (and on): the training record ------------------------------------------------------

  private drawRecord(resources: PdfResources, ctx: Context): PageContent[] {
    const { doc, second, zhTag, secondTag, accent, t } = ctx;
    const zone = doc.timezone ?? 'UTC';
    const program = both(doc.programTitle, second);

    // The summary: hours, attendance, and the score when there is a pass mark.
    const summaryZh: string[] = [];
    const summaryOther: string[] = [];
    const push = ([zh, other]: string[]) => {
      summaryZh.push(zh);
      summaryOther.push(other);
    };
    push([
      t('zh', 'hours', { hours: formatNumber('zh', doc.hours) }),
      t(second, 'hours', { hours: formatNumber(second, doc.hours) }),
    ]);
    const basis = doc.basis;
    if (basis?.attendanceRate !== undefined) {
      push([
        t('zh', 'attendance', { rate: formatPercent('zh', basis.attendanceRate) }),
        t(second, 'attendance', { rate: formatPercent(second, basis.attendanceRate) }),
      ]);
    }
    if (basis?.score !== undefined && basis.passingScore !== undefined) {
      push([
        t('zh', 'scoreWithPass', {
          score: formatNumber('zh', basis.score),
          pass: formatNumber('zh', basis.passingScore),
        }),
        t(second, 'scoreWithPass', {
          score: formatNumber(second, basis.score),
          pass: formatNumber(second, basis.passingScore),
        }),
      ]);
    }

    // The rows of the topic table, laid out once, then dealt out to pages.
    const dateX = LEFT;
    const dateWidth = 150;
    const topicX = LEFT + 165;
    const hoursRight = RIGHT;
    const topicWidth = hoursRight - 70 - topicX;
    const rows = doc.topics.map((topic) => {
      const day = calendarDate(topic.startsAt, zone);
      const dates: Block[] = [
        {
          ...this.fit(formatCertificateDate('zh', day), { weight: 'regular', language: zhTag }, 9.5, dateWidth),
          color: INK,
          gap: 0,
          language: zhTag,
        },
        {
          ...this.fit(formatCertificateDate(second, day), { weight: 'regular', language: secondTag }, 8.5, dateWidth),
          color: MUTED,
          gap: 1,
          language: secondTag,
        },
      ];
      const title = both(topic.title, second);
      const titles: Block[] = [
        {
          ...this.fitLines(title.zh, { weight: 'bold', language: title.zhTag }, 10, topicWidth, 2),
          color: INK,
          gap: 0,
          language: title.zhTag,
        },
      ];
      if (title.other) {
        titles.push({
          ...this.fitLines(title.other, { weight: 'regular', language: title.otherTag }, 9, topicWidth, 2),
          color: MUTED,
          gap: 1,
          language: title.otherTag,
        });
      }
      const hours: Block = {
        ...this.fit(formatNumber(second, topic.hours), { weight: 'regular' }, 10, 60),
        color: INK,
        gap: 0,
      };
      return { dates, titles, hours, height: Math.max(blocksHeight(dates), blocksHeight(titles)) + 10 };
    });

    const header = (page: PageContent): number => {
      drawBorder(page, accent);
      let y = this.stack(
        page,
        [
          {
            ...this.fit(t('zh', 'recordTitle'), { weight: 'bold', language: zhTag, tracking: 0.2 }, 20, 560),
            color: accent,
            gap: 0,
            language: zhTag,
          },
          {
            ...this.fit(
              ctx.latinScript ? t(second, 'recordTitle').toLocaleUpperCase(secondTag) : t(second, 'recordTitle'),
              { weight: 'bold', language: secondTag, tracking: ctx.latinScript ? 0.06 : 0 },
              ctx.latinScript ? 12 : 14,
              560,
            ),
            color: accent,
            gap: 4,
            language: secondTag,
          },
        ],
        50,
        'center',
        CENTER,
      );
      const latin = doc.holderNameLatin?.trim();
      const who = latin && latin !== doc.holderName.trim() ? `${doc.holderName} (${latin})` : doc.holderName;
      const lines: Block[] = [
        { ...this.fit(`${who} · ${doc.serial}`, { weight: 'regular' }, 11, 640), color: INK, gap: 0 },
        {
          ...this.fitLines(program.zh, { weight: 'bold', language: program.zhTag }, 11, 640, 1),
          color: INK,
          gap: 4,
          language: program.zhTag,
        },
      ];
      if (program.other) {
        lines.push({
          ...this.fitLines(program.other, { weight: 'regular', language: program.otherTag }, 10, 640, 1),
          color: INK,
          gap: 2,
          language: program.otherTag,
        });
      }
      lines.push(
        {
          ...this.fit(summaryZh.join(' · '), { weight: 'regular', language: zhTag }, 10, 680),
          color: MUTED,
          gap: 8,
          language: zhTag,
        },
        {
          ...this.fit(summaryOther.join(' · '), { weight: 'regular', language: secondTag }, 9.5, 680),
          color: MUTED,
          gap: 2,
          language: secondTag,
        },
      );
      y = this.stack(page, lines, y + 12, 'center', CENTER);
      // Column heads.
      const headTop = y + 14;
      const head = (key: string, x: number, align: Align, w: number) =>
        this.stack(
          page,
          [
            {
              ...this.fit(t('zh', key), { weight: 'bold', language: zhTag }, 9, w),
              color: accent,
              gap: 0,
              language: zhTag,
            },
            {
              ...this.fit(t(second, key), { weight: 'regular', language: secondTag }, 8, w),
              color: MUTED,
              gap: 1,
              language: secondTag,
            },
          ],
          headTop,
          align,
          x,
        );
      const headBottom = Math.max(
        head('date', dateX, 'left', dateWidth),
        head('topic', topicX, 'left', topicWidth),
        head('hoursColumn', hoursRight, 'right', 60),
      );
      rule(page, headBottom + 4, LEFT, RIGHT, GOLD, 0.8);
      return headBottom + 10;
    };

    const bottom = PAGE_HEIGHT - 62;
    const pages: PageContent[] = [];
    let page = new PageContent(resources);
    pages.push(page);
    let y = header(page);
    if (rows.length === 0) {
      this.stack(
        page,
        [this.label(ctx, t('zh', 'noTopics'), t(second, 'noTopics'), 10, 600, ' ')],
        y + 6,
        'center',
        CENTER,
      );
    }
    for (const row of rows) {
      if (y + row.height > bottom) {
        page = new PageContent(resources);
        pages.push(page);
        y = header(page);
      }
      const top = y + 5;
      this.stack(page, row.dates, top, 'left', dateX);
      this.stack(page, row.titles, top, 'left', topicX);
      this.stack(page, [row.hours], top, 'right', hoursRight);
      y += row.height;
      rule(page, y, LEFT, RIGHT, HAIRLINE, 0.4);
    }
    // Page numbers, counting the certificate itself as page 1.
    const total = pages.length + 1;
    pages.forEach((p, i) => {
      const params = { page: String(i + 2), pages: String(total) };
      const { text, ranges } = tagged([
        [`${doc.serial} · `, 'und-Latn'],
        [`${t('zh', 'page', params)} · `, zhTag],
        [t(second, 'page', params), secondTag],
      ]);
      const line = this.fit(text, { weight: 'regular', language: zhTag }, 8, 600);
      this.stack(p, [{ ...line, color: MUTED, gap: 0, language: ranges }], PAGE_HEIGHT - 52, 'center', CENTER);
    });
    return pages;
  }

  // ---- shared ----------------------------------------------------------------------------------------

  /** A small muted label in Chinese and the second language, each part tagged with its language. */
  private label(ctx: Context, zh: string, other: string, size: number, width: number, separator = ' / '): Block {
    const { text, ranges } = tagged([
      [`${zh}${separator}`, ctx.zhTag],
      [other, ctx.secondTag],
    ]);
    return {
      ...this.fit(text, { weight: 'regular', language: ctx.zhTag }, size, width),
      color: MUTED,
      gap: 0,
      language: ranges,
    };
  }

  /** A design image prepared once per document, however many pages show it. */
  private image(ctx: Context, bytes: CertificateImage): PdfImage {
    let image = ctx.images.get(bytes);
    if (!image) {
      image = pdfImage(bytes);
      ctx.images.set(bytes, image);
    }
    return image;
  }

  /** Stacks the blocks centred between `top` and `bottom`, scaled down if they do not fit (never cut). */
  private stackScaled(page: PageContent, blocks: Block[], top: number, bottom: number): void {
    const height = blocksHeight(blocks);
    const available = bottom - top;
    if (height > available) {
      const scale = available / height;
      for (const block of blocks) {
        block.size *= scale;
        block.gap *= scale;
      }
    }
    this.stack(page, blocks, top + Math.max(0, (available - blocksHeight(blocks)) / 2), 'center', CENTER);
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

  /** A slightly transparent stamp across the page: the Chinese word over the second language's ("已撤销" / "REVOKED"). */
  private drawStamp(page: PageContent, ctx: Context, key: 'revoked' | 'sample', color: Rgb): void {
    const { second, secondTag, latinScript, t } = ctx;
    const other = t(second, key);
    const zhLine = this.fit(t('zh', key), { weight: 'bold', language: LANGUAGE_TAGS.zh, tracking: 0.2 }, 54, 460);
    const otherLine = this.fit(
      latinScript ? other.toLocaleUpperCase(secondTag) : other,
      { weight: 'bold', language: secondTag, tracking: latinScript ? 0.12 : 0 },
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
      .strokeColor(color)
      .lineWidth(4)
      .rect(-boxWidth / 2, -boxHeight / 2, boxWidth, boxHeight)
      .stroke();
    page
      .lineWidth(1.2)
      .rect(-boxWidth / 2 + 7, -boxHeight / 2 + 7, boxWidth - 14, boxHeight - 14)
      .stroke();
    page.text(zl, (-zl.width * zhLine.size) / 2, inner / 2 - zhAscent, zhLine.size, color, LANGUAGE_TAGS.zh);
    page.text(ol, (-ol.width * otherLine.size) / 2, -inner / 2 + otherDescent, otherLine.size, color, secondTag);
    page.restore();
  }
}

interface Context {
  doc: CertificateDocument;
  second: Locale;
  zhTag: string;
  secondTag: string;
  /** The second language is written in Latin letters (titles in capitals, spaced out). */
  latinScript: boolean;
  accent: Rgb;
  images: Map<CertificateImage, PdfImage>;
  t: (locale: Locale, key: string, params?: Record<string, string>) => string;
}

/**
 * Text in Chinese and in the second language (`other` empty when it falls
 * back to the same text), each with the language it really is in: a title
 * without a Malay version falls back to English, and is tagged `en`.
 */
function both(text: LocalizedText, second: Locale): { zh: string; zhTag: string; other: string; otherTag: string } {
  const zh = resolveWithLocale(text, 'zh');
  const other = resolveWithLocale(text, second);
  return {
    zh: zh.text,
    zhTag: LANGUAGE_TAGS[zh.locale],
    other: other.text === zh.text ? '' : other.text,
    otherTag: LANGUAGE_TAGS[other.locale],
  };
}

/** resolveLocalizedText, and which language it found. */
function resolveWithLocale(text: LocalizedText, locale: Locale): { text: string; locale: Locale } {
  const value = resolveLocalizedText(text, locale);
  const found = [locale, ...LOCALIZED_TEXT_FALLBACK, ...SUPPORTED_LOCALES].find(
    (candidate) => text[candidate] === value,
  );
  return { text: value, locale: found ?? locale };
}

/**
 * A line made of parts in different languages ("证书编号 / Certificate No."):
 * the text and each part's language range, for the /Lang of its spans.
 */
function tagged(parts: Array<readonly [text: string, language: string]>): { text: string; ranges: LanguageRange[] } {
  let text = '';
  const ranges: LanguageRange[] = [];
  for (const [part, language] of parts) {
    text += part;
    ranges.push({ end: text.length, language });
  }
  return { text, ranges };
}

/** '#RRGGBB' as PDF colour components; navy without one. */
export function accentRgb(color: string | undefined): Rgb {
  const match = color ? /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color) : null;
  if (!match) return NAVY;
  return [parseInt(match[1], 16) / 255, parseInt(match[2], 16) / 255, parseInt(match[3], 16) / 255];
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    // Western digits in every language, as the dates are.
    format = new Intl.NumberFormat(`${locale}-u-nu-latn`, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** 24, 22.5, 7.25: hours and scores as people write them. */
function formatNumber(locale: Locale, value: number): string {
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** 0.955 → 95.5% */
function formatPercent(locale: Locale, rate: number): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** The calendar date 'YYYY-MM-DD' of an instant in a time zone. */
function calendarDate(instant: string, timeZone: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`Not an instant: ${instant}`);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/**
 * Draws an image as large as fits the box (`top` from the top of the page),
 * keeping its proportions: against the box's left edge, its centre, or its
 * bottom centre (a signature sits on its rule).
 */
function placeImage(
  page: PageContent,
  image: PdfImage,
  left: number,
  top: number,
  boxWidth: number,
  boxHeight: number,
  anchor: 'left' | 'center' | 'bottom',
): void {
  const scale = Math.min(boxWidth / image.width, boxHeight / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  const x = anchor === 'left' ? left : left + (boxWidth - width) / 2;
  const y = anchor === 'bottom' ? top + boxHeight - height : anchor === 'center' ? top + (boxHeight - height) / 2 : top;
  page.image(image, x, PAGE_HEIGHT - y - height, width, height);
}

function rule(page: PageContent, y: number, from: number, to: number, color: Rgb, width: number): void {
  page.save().strokeColor(color).lineWidth(width);
  page
    .moveTo(from, PAGE_HEIGHT - y)
    .lineTo(to, PAGE_HEIGHT - y)
    .stroke()
    .restore();
}

/** Double frame (accent outside, gold inside) with small diamonds in the corners. */
function drawBorder(page: PageContent, accent: Rgb): void {
  page.save();
  page
    .strokeColor(accent)
    .lineWidth(3)
    .rect(20, 20, PAGE_WIDTH - 40, PAGE_HEIGHT - 40)
    .stroke();
  page
    .strokeColor(GOLD)
    .lineWidth(0.9)
    .rect(28, 28, PAGE_WIDTH - 56, PAGE_HEIGHT - 56)
    .stroke();
  page
    .strokeColor(accent)
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
