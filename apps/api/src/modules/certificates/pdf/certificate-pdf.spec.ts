import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import jsQR from 'jsqr';
import { translate } from '../../../common/i18n/translator';
import { CertificateDocument, CertificateRenderer } from './certificate-pdf';
import { formatCertificateDate } from './dates';
import { FONT_KEYS, FontLibrary, fontPath } from './fonts';
import { TextShaper } from './text';
import { PdfReading, RgbaImage, readPdf } from './testing/read-pdf';

// These tests read the PDFs back in JavaScript with pdf.js (the pdfjs-dist
// package; see testing/read-pdf.ts): the text in reading order, honouring each
// line's /ActualText as pdftotext does, the embedded fonts, and page 1 rendered
// to pixels for the QR code. No system program is needed.

const base: CertificateDocument = {
  serial: 'SB-2024-000123',
  verificationUrl: 'http://localhost:3000/verify/7KQ2M9XDP4',
  issuedOn: '2024-09-20',
  holderName: 'สมศักดิ์ ใจดี',
  holderNameLatin: 'Somsak Jaidee',
  programTitle: {
    zh: '智能制造技术海外研修班',
    en: 'Overseas Training Camp in Smart Manufacturing',
    th: 'หลักสูตรฝึกอบรมเทคโนโลยีการผลิตอัจฉริยะ',
  },
  programStartDate: '2024-09-03',
  programEndDate: '2024-09-13',
  hostName: { zh: '深圳职业技术大学', en: 'Shenzhen Polytechnic University' },
  language: 'th',
};

const cases: Array<{ name: string; doc: CertificateDocument }> = [
  { name: 'Thai holder, Thai', doc: base },
  {
    name: 'Burmese holder, English',
    doc: { ...base, holderName: 'မြင့်မြတ် ကြည်', holderNameLatin: 'Myint Myat Kyi', language: 'en' },
  },
  {
    name: 'Khmer holder, Malay (revoked)',
    doc: { ...base, holderName: 'ស្រីមុំ ម៉ៅ', holderNameLatin: 'Sreymom Mao', language: 'ms', revoked: true },
  },
  {
    name: 'Lao holder, Chinese only (with English)',
    doc: { ...base, holderName: 'ສົມພອນ ແກ້ວມະນີ', holderNameLatin: 'Somphone Keomany', language: 'zh' },
  },
  {
    name: 'Vietnamese holder, English',
    doc: { ...base, holderName: 'Nguyễn Thị Thuỷ', holderNameLatin: 'Nguyen Thi Thuy', language: 'en' },
  },
];

/** Decodes a QR code on the rendered page with jsQR. */
function decodeQr(image: RgbaImage | undefined): string | undefined {
  if (!image) throw new Error('the page was not rendered');
  return jsQR(image.data, image.width, image.height)?.data;
}

describe('CertificateRenderer', () => {
  let renderer: CertificateRenderer;
  let dir: string;

  beforeAll(() => {
    renderer = new CertificateRenderer();
    dir = mkdtempSync(join(tmpdir(), 'certificate-pdf-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe.each(cases)('$name', ({ doc }) => {
    let reading: PdfReading;
    let text: string;

    beforeAll(async () => {
      const pdf = await renderer.render(doc);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      reading = await readPdf(pdf, { dpi: 100 });
      text = reading.text.normalize('NFC');
    });

    it('embeds a subset of every font it uses', () => {
      expect(reading.fonts.length).toBeGreaterThanOrEqual(3);
      for (const font of reading.fonts)
        expect(font).toEqual({
          name: expect.stringMatching(/^[A-Z]{6}\+/),
          type: 'CIDFontType2',
          embedded: true,
          subset: true,
        });
    });

    it('has extractable text in Chinese and the second language', () => {
      const second = doc.language === 'zh' ? 'en' : doc.language;
      expect(text).toContain(doc.serial);
      expect(text).toContain(translate('zh', 'certificate.title'));
      expect(text).toContain(translate(second, 'certificate.title').toLocaleUpperCase(second === 'th' ? 'th' : 'en'));
      expect(text).toContain(doc.holderName.normalize('NFC'));
      expect(text).toContain(doc.holderNameLatin);
      expect(text).toContain(doc.verificationUrl);
      if (second === 'th') {
        expect(text).toContain('พ.ศ. 2567');
        expect(text).toContain('(ค.ศ. 2024)');
      }
      if (doc.revoked) {
        expect(text).toContain(translate('zh', 'certificate.revoked'));
        expect(text).toContain(translate(second, 'certificate.revoked'));
      }
    });

    it('prints a QR code of the verification URL', () => {
      expect(decodeQr(reading.image)).toBe(doc.verificationUrl);
    });
  });

  it('falls back to English, then Chinese, for missing programme titles', async () => {
    const pdf = await renderer.render({
      ...base,
      language: 'ms',
      programTitle: { zh: '新能源汽车维修技术培训' },
      hostName: { en: 'Guangxi Electrical Polytechnic Institute' },
    });
    const { text } = await readPdf(pdf);
    expect(text).toContain('新能源汽车维修技术培训');
    expect(text).toContain('Guangxi Electrical Polytechnic Institute');
    expect(text).toContain('SIJIL TAMAT LATIHAN');
  });

  it('sets Urdu names in Nastaliq and Bengali ones in Noto Sans Bengali', async () => {
    for (const [holderName, font] of [
      ['عمران احمد خان نیازی ٹیپو', 'NotoNastaliqUrdu-Regular'],
      ['রবীন্দ্রনাথ ঠাকুর', 'NotoSansBengali-Regular'],
      ['प्रियंका शर्मा', 'NotoSansDevanagari-Regular'],
    ]) {
      const { fonts } = await readPdf(await renderer.render({ ...base, holderName, language: 'en' }));
      expect(fonts.map((row) => row.name.slice(7))).toContain(font);
    }
  });

  it('loads the fonts from a directory when given one', async () => {
    const fontDir = join(dir, 'fonts');
    mkdirSync(fontDir);
    for (const key of FONT_KEYS) symlinkSync(fontPath(key), join(fontDir, basename(fontPath(key))));
    const pdf = await new CertificateRenderer({ fontDir }).render(base);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(() => new CertificateRenderer({ fontDir: join(dir, 'nowhere') })).toThrow(/ENOENT/);
  });

  it('rejects dates that are not calendar dates', async () => {
    await expect(renderer.render({ ...base, issuedOn: '2024-02-30' })).rejects.toThrow('Not a calendar date');
  });
});

describe('text shaping', () => {
  let fontLibrary: FontLibrary;
  let shaper: TextShaper;

  beforeAll(() => {
    fontLibrary = new FontLibrary();
    shaper = new TextShaper(fontLibrary);
  });

  const glyphs = (text: string) => {
    const line = shaper.shapeLine(text, { weight: 'regular' });
    expect(line.runs).toHaveLength(1);
    return { font: line.runs[0].font, glyphs: line.runs[0].glyphs };
  };

  it('decomposes Thai sara am so the tone mark stacks on the nikhahit (น้ำ)', () => {
    const { font, glyphs: shaped } = glyphs('น้ำ');
    expect(font.key).toBe('thai');
    const ids = shaped.map((g) => g.gid);
    expect(ids[0]).toBe(font.nominalGlyph(0x0e19)); // น
    expect(ids).not.toContain(font.nominalGlyph(0x0e33)); // no undecomposed sara am
    expect(ids[ids.length - 1]).toBe(font.nominalGlyph(0x0e32)); // sara aa comes last
    // Between them: nikhahit and mai tho as zero-width marks (here one stacked glyph).
    for (const mark of shaped.slice(1, -1)) expect(mark.xAdvance).toBe(0);
  });

  it('puts the Burmese medial ra before its consonant (ကြည်)', () => {
    const { font, glyphs: shaped } = glyphs('ကြည်');
    expect(font.key).toBe('myanmar');
    expect(shaped[0].gid).not.toBe(font.nominalGlyph(0x1000)); // visual order starts with the medial
    expect(shaped[1].gid).toBe(font.nominalGlyph(0x1000));
  });

  it('draws the Khmer coeng ro before its base (ស្រី)', () => {
    const { font, glyphs: shaped } = glyphs('ស្រី');
    expect(font.key).toBe('khmer');
    expect(shaped[0].gid).not.toBe(font.nominalGlyph(0x179f));
    expect(shaped.map((g) => g.gid)).toContain(font.nominalGlyph(0x179f));
  });

  it('picks fonts by script and orders right-to-left text', () => {
    const line = shaper.shapeLine('Ali محمد 2024', { weight: 'regular' });
    // Visual order: "Ali 2024 محمد" (the number follows the Arabic word, to its left).
    expect(line.runs.map((run) => [line.text.slice(run.start, run.end), run.font.key, run.rtl])).toEqual([
      ['Ali ', 'serif', false],
      ['2024', 'naskh', false],
      ['محمد ', 'naskh', true],
    ]);
    expect(shaper.shapeLine('ٹیپو', { weight: 'regular' }).runs[0].font.key).toBe('nastaliq');
  });
});

describe('formatCertificateDate', () => {
  it.each([
    ['zh', '2024年9月3日'],
    ['en', '3 September 2024'],
    ['ms', '3 Ogos 2024'],
    ['th', '3 สิงหาคม พ.ศ. 2567 (ค.ศ. 2024)'],
  ] as const)('%s', (locale, expected) => {
    expect(formatCertificateDate(locale, locale === 'zh' || locale === 'en' ? '2024-09-03' : '2024-08-03')).toBe(
      expected,
    );
  });
});
