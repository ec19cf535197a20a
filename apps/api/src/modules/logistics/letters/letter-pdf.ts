import type { LocalizedText, ProgramKind } from '@skillbridge/contracts';
import { resolveLocalizedText } from '@skillbridge/contracts';
import { accentRgb, type CertificateDesign, type CertificateImage } from '../../certificates/pdf/certificate-pdf';
import { formatCertificateDate } from '../../certificates/pdf/dates';
import type { FontLibrary } from '../../certificates/pdf/fonts';
import { pdfImage } from '../../certificates/pdf/images';
import { PageContent, PdfImage, PdfResources, Rgb, writePdf } from '../../certificates/pdf/pdf-writer';
import { qrMatrix, qrPath } from '../../certificates/pdf/qr';
import { ShapedLine, TextShaper, TextStyle } from '../../certificates/pdf/text';
import { LETTER_WORDS as W, PROGRAM_KIND_WORDS, type Bilingual } from './letter-words';

/** What a visa invitation letter is drawn from (plain data: it crosses to a render thread). */
export interface InvitationLetterDocument {
  reference: string; // 'SB-INV-2027-000123'
  verificationUrl: string; // encoded in the QR and printed under it
  issuedOn: string; // 'YYYY-MM-DD'
  embassy: Bilingual;
  passport: {
    fullNameAsInPassport: string;
    number: string;
    nationality: Bilingual;
    dateOfBirth: string; // 'YYYY-MM-DD'
  };
  programTitle: LocalizedText;
  programKind: ProgramKind;
  startDate: string;
  endDate: string;
  hostName: LocalizedText;
  design?: CertificateDesign;
}

/** A4 portrait, in points. */
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const LEFT = 60;
const RIGHT = PAGE_WIDTH - 60;
const WIDTH = RIGHT - LEFT;
/** Where the flowing text must end: the signature and QR band starts under it. */
const FLOW_BOTTOM = 672;

const INK: Rgb = [0.12, 0.12, 0.14];
const MUTED: Rgb = [0.36, 0.38, 0.42];
const HAIRLINE: Rgb = [0.8, 0.8, 0.82];
const ZH = 'zh-Hans';
const EN = 'en';
const LEADING = 0.55;

interface Para {
  lines: ShapedLine[];
  size: number;
  color: Rgb;
  gap: number;
  language: string;
  align?: 'left' | 'center' | 'right';
}

interface Row {
  label: Para[];
  value: Para[];
  gap: number;
}

type Flow = { kind: 'para'; para: Para } | { kind: 'table'; rows: Row[]; gap: number };

const lineHeight = (line: ShapedLine, size: number) =>
  (Math.max(line.ascent, 0.8) + Math.max(line.descent, 0.25)) * size;

function paraHeight(p: Para): number {
  return p.gap + p.lines.reduce((h, line, i) => h + lineHeight(line, p.size) + (i ? LEADING * p.size : 0), 0);
}

function paraStackHeight(paras: Para[]): number {
  return paras.reduce((h, p) => h + paraHeight(p), 0);
}

/**
 * Visa invitation letters (issue 20): one A4 page, Chinese first then
 * English, on the host's letterhead from its certificate design (logo, name,
 * accent colour), the participant's passport details in a bilingual table,
 * the first signatory with the seal, and a QR code for the public
 * verification of the reference. Shares the certificate renderer's fonts,
 * HarfBuzz shaping and PDF writer; runs in the render pool's threads.
 */
export class InvitationLetterRenderer {
  private readonly shaper: TextShaper;

  constructor(private readonly fonts: FontLibrary) {
    this.shaper = new TextShaper(fonts);
  }

  render(doc: InvitationLetterDocument): Buffer {
    const accent = accentRgb(doc.design?.accentColor);
    const resources = new PdfResources();
    const page = new PageContent(resources);
    const images = new Map<CertificateImage, PdfImage>();
    const image = (bytes: CertificateImage) => {
      let found = images.get(bytes);
      if (!found) {
        found = pdfImage(bytes);
        images.set(bytes, found);
      }
      return found;
    };
    const hostZh = resolveLocalizedText(doc.hostName, 'zh');
    const hostEn = resolveLocalizedText(doc.hostName, 'en');

    // Letterhead: logo, the host's name in Chinese and English, an accent rule.
    const logo = doc.design?.logo && image(doc.design.logo);
    let headLeft = LEFT;
    if (logo) {
      this.placeImage(page, logo, LEFT, 40, 70, 52);
      headLeft = LEFT + 82;
    }
    const head: Para[] = [this.para(hostZh, { weight: 'bold', language: ZH }, 16, RIGHT - headLeft, accent, 0, 1)];
    if (hostEn && hostEn !== hostZh) {
      head.push(this.para(hostEn, { weight: 'regular', language: EN }, 10.5, RIGHT - headLeft, INK, 4, 1));
    }
    this.stack(page, head, 66 - paraStackHeight(head) / 2 + 0, headLeft);
    this.rule(page, 100, LEFT, RIGHT, accent, 1.6);
    this.rule(page, 103.5, LEFT, RIGHT, accent, 0.5);

    // Title, reference and date.
    let y = this.stack(
      page,
      [
        this.para(W.title.zh, { weight: 'bold', language: ZH, tracking: 0.4 }, 22, WIDTH, accent, 0, 1, 'center'),
        this.para(
          W.title.en.toLocaleUpperCase('en'),
          { weight: 'bold', language: EN, tracking: 0.1 },
          11,
          WIDTH,
          accent,
          5,
          1,
          'center',
        ),
      ],
      118,
      LEFT,
    );
    const dates = (value: string) => `${formatCertificateDate('zh', value)} / ${formatCertificateDate('en', value)}`;
    y = this.stack(
      page,
      [
        this.para(
          `${W.reference.zh} / ${W.reference.en}: ${doc.reference}`,
          { weight: 'regular', language: ZH },
          9,
          WIDTH,
          MUTED,
          0,
          1,
          'right',
        ),
        this.para(
          `${W.date.zh} / ${W.date.en}: ${dates(doc.issuedOn)}`,
          { weight: 'regular', language: ZH },
          9,
          WIDTH,
          MUTED,
          2,
          1,
          'right',
        ),
      ],
      y + 10,
      LEFT,
    );

    // The letter: Chinese, the participant's details, English.
    const program = {
      zh: resolveLocalizedText(doc.programTitle, 'zh'),
      en: resolveLocalizedText(doc.programTitle, 'en'),
    };
    const kind = PROGRAM_KIND_WORDS[doc.programKind] ?? PROGRAM_KIND_WORDS.course;
    const p = doc.passport;
    const flow = (scale: number): Flow[] => {
      const body = (text: string, language: string, gap: number, weight: 'regular' | 'bold' = 'regular'): Flow => ({
        kind: 'para',
        para: this.para(text, { weight, language }, 10.5 * scale, WIDTH, INK, gap * scale, 8),
      });
      const row = (label: Bilingual, value: string[]): Row => ({
        label: [
          this.para(label.zh, { weight: 'bold', language: ZH }, 9.5 * scale, 150, INK, 0, 1),
          this.para(label.en, { weight: 'regular', language: EN }, 8.5 * scale, 150, MUTED, 1, 1),
        ],
        value: value.map((text, i) =>
          this.para(
            text,
            { weight: i ? 'regular' : 'bold', language: i ? EN : ZH },
            (i ? 9.5 : 10.5) * scale,
            WIDTH - 170,
            INK,
            i ? 1 : 0,
            2,
          ),
        ),
        gap: 0,
      });
      return [
        body(W.to.zh(doc.embassy.zh), ZH, 0, 'bold'),
        body(
          W.invite.zh({
            host: hostZh,
            program: program.zh,
            kind: kind.zh,
            from: formatCertificateDate('zh', doc.startDate),
            to: formatCertificateDate('zh', doc.endDate),
          }),
          ZH,
          8,
        ),
        body(W.costs.zh, ZH, 7),
        body(W.request.zh, ZH, 7),
        {
          kind: 'table',
          gap: 14 * scale,
          rows: [
            row(W.name, [p.fullNameAsInPassport]),
            row(W.passportNumber, [p.number]),
            row(W.nationality, [p.nationality.zh, p.nationality.en]),
            row(W.dateOfBirth, [
              formatCertificateDate('zh', p.dateOfBirth),
              formatCertificateDate('en', p.dateOfBirth),
            ]),
          ],
        },
        body(W.to.en(doc.embassy.en), EN, 16, 'bold'),
        body(
          W.invite.en({
            host: hostEn,
            program: program.en,
            kind: kind.en,
            from: formatCertificateDate('en', doc.startDate),
            to: formatCertificateDate('en', doc.endDate),
          }),
          EN,
          8,
        ),
        body(W.costs.en, EN, 7),
        body(W.request.en, EN, 7),
      ];
    };
    const top = y + 16;
    let items = flow(1);
    for (let scale = 0.96; this.flowHeight(items) > FLOW_BOTTOM - top && scale > 0.6; scale *= 0.96) {
      items = flow(scale);
    }
    const end = this.drawFlow(page, items, top);
    // The signature band follows the text, never lower than the room kept for it.
    const band = Math.min(end + 24, FLOW_BOTTOM + 4);
    this.drawSignature(page, doc, accent, image, hostZh, hostEn, band);
    this.drawQr(page, doc, band);

    return writePdf(
      [{ width: PAGE_WIDTH, height: PAGE_HEIGHT, content: page }],
      {
        title: `${W.title.zh} · ${W.title.en} · ${doc.reference}`,
        subject: p.fullNameAsInPassport,
        language: 'zh-CN',
        languages: ['zh-CN', 'en'],
      },
      this.fonts.subsetter,
    );
  }

  /** Bottom left: "此致 / Yours faithfully", the signature over a rule, the first signatory, the seal over them. */
  private drawSignature(
    page: PageContent,
    doc: InvitationLetterDocument,
    accent: Rgb,
    image: (bytes: CertificateImage) => PdfImage,
    hostZh: string,
    hostEn: string,
    top: number,
  ): void {
    const width = 250;
    const y = this.stack(
      page,
      [
        this.para(W.closing.zh, { weight: 'regular', language: ZH }, 10, width, INK, 0, 1),
        this.para(W.regards.zh, { weight: 'regular', language: ZH }, 10, width, INK, 2, 1),
        this.para(W.closing.en, { weight: 'regular', language: EN }, 9.5, width, INK, 6, 1),
      ],
      top,
      LEFT,
    );
    const signatory = doc.design?.signatories[0];
    const ruleY = y + 44;
    const signature = signatory?.signature && image(signatory.signature);
    if (signature) this.placeImage(page, signature, LEFT, ruleY - 40, 150, 38, 'bottom');
    this.rule(page, ruleY, LEFT, LEFT + 180, HAIRLINE, 0.6);
    const lines: Para[] = [];
    const add = (text: string, bold: boolean, size: number, color: Rgb, gap: number, language: string) => {
      if (text.trim())
        lines.push(this.para(text, { weight: bold ? 'bold' : 'regular', language }, size, width, color, gap, 1));
    };
    if (signatory) {
      const nameZh = resolveLocalizedText(signatory.name, 'zh');
      const nameEn = resolveLocalizedText(signatory.name, 'en');
      add(nameZh, true, 10, INK, 0, ZH);
      if (nameEn !== nameZh) add(nameEn, false, 9, INK, 1, EN);
      const titleZh = resolveLocalizedText(signatory.title, 'zh');
      const titleEn = resolveLocalizedText(signatory.title, 'en');
      add(titleZh, false, 8.5, MUTED, 2, ZH);
      if (titleEn !== titleZh) add(titleEn, false, 8.5, MUTED, 1, EN);
    }
    add(hostZh, true, 9, accent, 4, ZH);
    if (hostEn !== hostZh) add(hostEn, false, 8.5, accent, 1, EN);
    const bottom = this.stack(page, lines, ruleY + 4, LEFT);
    const seal = doc.design?.seal && image(doc.design.seal);
    if (seal) {
      // Stamped over the signatory and the host's name, as on paper, slightly see-through.
      const size = 96;
      page.save().opacity(0.85);
      this.placeImage(page, seal, LEFT + 110, (ruleY + bottom) / 2 - size / 2, size, size, 'center');
      page.restore();
    }
  }

  /** Bottom right: the QR code of the verification address, the reference under it, the address beside. */
  private drawQr(page: PageContent, doc: InvitationLetterDocument, top: number): void {
    const size = 78;
    const qrLeft = RIGHT - size;
    const qrTop = top + 40;
    page
      .save()
      .fillColor([0, 0, 0])
      .raw(qrPath(qrMatrix(doc.verificationUrl), qrLeft, PAGE_HEIGHT - qrTop, size))
      .fill()
      .restore();
    this.stack(
      page,
      [this.para(doc.reference, { weight: 'bold', tracking: 0.03 }, 9, 200, INK, 0, 1, 'right')],
      qrTop + size + 3,
      RIGHT - 200,
      200,
    );
    const width = 170;
    const verify = [
      this.para(W.verify.zh, { weight: 'regular', language: ZH }, 8.5, width, MUTED, 0, 1, 'right'),
      this.para(W.verify.en, { weight: 'regular', language: EN }, 8.5, width, MUTED, 1, 1, 'right'),
      this.para(doc.verificationUrl, { weight: 'regular' }, 7, width, INK, 3, 3, 'right'),
    ];
    this.stack(page, verify, qrTop + (size - paraStackHeight(verify)) / 2, qrLeft - 10 - width, width);
  }

  private flowHeight(items: Flow[]): number {
    return items.reduce(
      (h, item) => h + (item.kind === 'para' ? paraHeight(item.para) : this.tableHeight(item.rows) + item.gap * 2),
      0,
    );
  }

  private rowHeight(row: Row): number {
    return Math.max(paraStackHeight(row.label), paraStackHeight(row.value)) + 10;
  }

  private tableHeight(rows: Row[]): number {
    return rows.reduce((h, row) => h + this.rowHeight(row), 0);
  }

  /** Draws the flowing text and the table from `top`; returns where they end. */
  private drawFlow(page: PageContent, items: Flow[], top: number): number {
    let y = top;
    for (const item of items) {
      if (item.kind === 'para') {
        y = this.stack(page, [item.para], y, LEFT);
        continue;
      }
      y += item.gap;
      this.rule(page, y, LEFT, RIGHT, HAIRLINE, 0.8);
      for (const row of item.rows) {
        this.stack(page, row.label, y + 5, LEFT + 6);
        this.stack(page, row.value, y + 5, LEFT + 170);
        y += this.rowHeight(row);
        this.rule(page, y, LEFT, RIGHT, HAIRLINE, 0.8);
      }
      y += item.gap;
    }
    return y;
  }

  /** Text laid out in at most `maxLines` lines of `width` points, shrunk when it would need more (never cut). */
  private para(
    text: string,
    style: TextStyle,
    size: number,
    width: number,
    color: Rgb,
    gap: number,
    maxLines: number,
    align: Para['align'] = 'left',
  ): Para {
    const language = style.language ?? 'und';
    const base = { color, gap, language, align, size };
    const one = this.shaper.shapeLine(text.trim(), style);
    if (one.width * size <= width) return { ...base, lines: [one] };
    if (maxLines === 1) return { ...base, lines: [one], size: width / one.width };
    for (let s = size; ; s *= 0.94) {
      const lines = this.shaper.breakLines(text.trim(), style, width / s);
      const widest = Math.max(...lines.map((l) => l.width));
      if ((lines.length <= maxLines && widest * s <= width) || s < size * 0.55) {
        return { ...base, lines, size: Math.min(s, width / widest) };
      }
    }
  }

  /** Draws paragraphs one under another from `top` (points from the top); returns where the last one ends. */
  private stack(page: PageContent, paras: Para[], top: number, x: number, boxWidth = WIDTH): number {
    let y = top;
    for (const p of paras) {
      y += p.gap;
      p.lines.forEach((line, i) => {
        const baseline = y + (i ? LEADING * p.size : 0) + Math.max(line.ascent, 0.8) * p.size;
        const width = line.width * p.size;
        const left = p.align === 'center' ? LEFT + (WIDTH - width) / 2 : p.align === 'right' ? x + boxWidth - width : x;
        page.text(line, left, PAGE_HEIGHT - baseline, p.size, p.color, p.language === 'und' ? undefined : p.language);
        y = baseline + Math.max(line.descent, 0.25) * p.size;
      });
    }
    return y;
  }

  private rule(page: PageContent, y: number, from: number, to: number, color: Rgb, width: number): void {
    page.save().strokeColor(color).lineWidth(width);
    page
      .moveTo(from, PAGE_HEIGHT - y)
      .lineTo(to, PAGE_HEIGHT - y)
      .stroke()
      .restore();
  }

  private placeImage(
    page: PageContent,
    image: PdfImage,
    left: number,
    top: number,
    boxWidth: number,
    boxHeight: number,
    anchor: 'left' | 'center' | 'bottom' = 'left',
  ): void {
    const scale = Math.min(boxWidth / image.width, boxHeight / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    const x = anchor === 'center' ? left + (boxWidth - width) / 2 : left;
    const y =
      anchor === 'bottom' ? top + boxHeight - height : anchor === 'center' ? top + (boxHeight - height) / 2 : top;
    page.image(image, x, PAGE_HEIGHT - y - height, width, height);
  }
}
