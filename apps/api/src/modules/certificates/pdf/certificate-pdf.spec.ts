import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import jsQR from 'jsqr';
import { translate } from '../../../common/i18n/translator';
import { CertificateDocument, CertificateRenderer } from './certificate-pdf';
import { formatCertificateDate } from './dates';
import { FONT_KEYS, FontLibrary, fontPath } from './fonts';
import { TextShaper } from './text';
import { logoPng, sealPng, signatureJpeg } from './testing/images';
import { PdfReading, RgbaImage, readPdf } from './testing/read-pdf';

// Rendering with the full fonts and rasterising to check pixels takes up to 3.5 s a test on a busy machine (npm test
// runs this beside the API's end-to-end suites): near jest's 5 s. Time is not what is tested here.
jest.setTimeout(30_000);

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
  timezone: 'Asia/Shanghai',
  verificationCode: '7KQ2-M9XD-P4WH-3CVN',
  hours: 24,
  topics: [
    {
      title: { zh: '工业机器人编程', en: 'Programming industrial robots', th: 'การเขียนโปรแกรมหุ่นยนต์อุตสาหกรรม' },
      // 01:00 on the 3rd in UTC is 09:00 on the 3rd in Shanghai; 20:00 on the 4th in UTC is the 5th there.
      startsAt: '2024-09-03T01:00:00Z',
      hours: 3,
    },
    { title: { zh: '数控机床实训', en: 'CNC machining practice' }, startsAt: '2024-09-04T20:00:00Z', hours: 1.5 },
  ],
  basis: { attendanceRate: 0.955, score: 88, passingScore: 60 },
  hostName: { zh: '深圳职业技术大学', en: 'Shenzhen Polytechnic University' },
  language: 'th',
};

/** BCP 47 tag the holder's name span must carry, by case. */
const NAME_LANGUAGES: Record<string, string> = {
  'สมศักดิ์ ใจดี': 'th',
  'မြင့်မြတ် ကြည်': 'my',
  'ស្រីមុំ ម៉ៅ': 'km',
  'ສົມພອນ ແກ້ວມະນີ': 'lo',
  'Nguyễn Thị Thuỷ': 'und-Latn',
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

// Rendering a certificate and rasterizing it with pdf.js takes about a second
// alone, and many times that on a loaded two-core CI machine (a hook hit the
// default 5 s). Speed is judged by `npm run bench`, not here.
jest.setTimeout(60_000);

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

    it('prints the verification code as given, at 9 pt or more', () => {
      const piece = reading.pieces.find((p) => p.text === doc.verificationCode);
      expect(piece?.size).toBeGreaterThanOrEqual(9);
    });

    it('tags every text span with its language, the holder’s name by its script', () => {
      for (const page of reading.pages) {
        expect(page.textWithoutLang).toBe(0);
        for (const span of page.spans) expect(span.effectiveLang).toMatch(/^[a-z]{2,3}(-[A-Za-z]{4})?$/);
      }
      const name = reading.spans.find((span) => span.actualText === doc.holderName);
      expect(name?.lang).toBe(NAME_LANGUAGES[doc.holderName]);
      const second = doc.language === 'zh' ? 'en' : doc.language;
      const title = reading.spans.find((span) => span.actualText === translate(second, 'certificate.certifies'));
      expect(title?.lang).toBe(second);
      expect(reading.spans.find((span) => span.actualText === translate('zh', 'certificate.title'))?.lang).toBe(
        'zh-Hans',
      );
    });

    it('carries its title and languages as document metadata, and every piece of text in a span', () => {
      const second = doc.language === 'zh' ? 'en' : doc.language;
      const title = [translate('zh', 'certificate.title'), translate(second, 'certificate.title'), doc.serial]
        .concat(doc.revoked ? [translate('zh', 'certificate.revoked'), translate(second, 'certificate.revoked')] : [])
        .join(' · ');
      expect(reading.info).toMatchObject({ title, subject: doc.holderName, language: 'zh-CN' });
      expect(reading.info.xmp?.['dc:title']).toBe(title);
      expect(reading.info.xmp?.['dc:description']).toBe(doc.holderName);
      expect(reading.info.xmpLanguages).toEqual(['zh-CN', second === 'zh' ? 'en' : second]);
      // pdf.js finds no text outside marked content; our reader of the content streams, that each span has a /Lang.
      for (const page of reading.pages) {
        expect(page.textOutsideMarkedContent).toBe(0);
        expect(page.textWithoutLang).toBe(0);
      }
    });

    it('lists the hours and the sessions that counted on the second page', () => {
      expect(reading.pages).toHaveLength(2);
      const second = doc.language === 'zh' ? 'en' : doc.language;
      expect(text).toContain('共 24 学时');
      const record = reading.pages[1].text.normalize('NFC');
      expect(record).toContain(translate('zh', 'certificate.recordTitle'));
      expect(record).toContain('工业机器人编程');
      expect(record).toContain('数控机床实训');
      expect(record).toContain('2024年9月3日');
      expect(record).toContain('2024年9月5日'); // the session's date where the program is, not in UTC
      expect(record).toContain('出勤率 95.5%');
      expect(record).toContain('考核成绩 88 分（合格线 60 分）');
      expect(record).toContain(translate(second, 'certificate.attendance', { rate: '95.5%' }));
      expect(record).toMatch(/^1\.5$|\s1\.5(\s|$)/m);
      if (doc.revoked) expect(record).toContain(translate('zh', 'certificate.revoked'));
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

  it('draws the institution’s design: accent colour, logo, seal and signatories with a signature', async () => {
    const design = {
      accentColor: '#B01E28',
      logo: logoPng(),
      seal: sealPng(),
      signatories: [
        {
          name: { zh: '王建国', en: 'Wang Jianguo' },
          title: { zh: '校长', en: 'President' },
          signature: signatureJpeg(),
        },
        { name: { zh: '李明', th: 'หลี่ หมิง' }, title: { zh: '国际交流处处长', th: 'ผู้อำนวยการสำนักงานวิเทศสัมพันธ์' } },
      ],
    };
    const pdf = await renderer.render({ ...base, design });
    const reading = await readPdf(pdf, { dpi: 72 });
    expect(reading.images.map(({ width, height }) => `${width}x${height}`).sort()).toEqual(
      ['160x120', '200x200', '240x90'].sort(),
    );
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/Filter /DCTDecode'); // the JPEG as it is
    expect(raw).toMatch(/\/SMask \d+ 0 R/); // the seal's transparency
    for (const words of ['王建国', 'Wang Jianguo', '校长', 'President', '李明', 'หลี่ หมิง', '国际交流处处长'])
      expect(reading.text.normalize('NFC')).toContain(words.normalize('NFC'));
    expect(reading.spans.find((span) => span.actualText === 'President')?.lang).toBe('en'); // no Thai title: English
    // The frame takes the accent colour: the middle of the top edge, 20 pt down, 3 pt wide.
    const image = reading.image as RgbaImage;
    const at = (x: number, y: number) => [
      ...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3),
    ];
    const [r, g, b] = at(Math.round(image.width / 2), 20);
    expect(Math.abs(r - 0xb0) + Math.abs(g - 0x1e) + Math.abs(b - 0x28)).toBeLessThan(40);
    // Without a design: no images, the default navy frame.
    const plain = await readPdf(await renderer.render(base), { dpi: 72 });
    expect(plain.images).toEqual([]);
    const plainImage = plain.image as RgbaImage;
    const i = (20 * plainImage.width + Math.round(plainImage.width / 2)) * 4;
    expect(plainImage.data[i + 2]).toBeGreaterThan(plainImage.data[i]);
  });

  it('continues the record on further pages, numbered, when there are many sessions', async () => {
    const topics = Array.from({ length: 30 }, (_, i) => ({
      title: { zh: `第${i + 1}讲`, en: `Session ${i + 1}` },
      startsAt: `2024-09-${String(3 + (i % 10)).padStart(2, '0')}T02:00:00Z`,
      hours: 2,
    }));
    const reading = await readPdf(await renderer.render({ ...base, language: 'en', topics, revoked: true }));
    expect(reading.pages.length).toBeGreaterThanOrEqual(4);
    const record = reading.pages.slice(1).map((page) => page.text);
    for (let i = 1; i <= 30; i++) expect(record.join('\n')).toContain(`Session ${i}\n`.trimEnd());
    record.forEach((page, i) => {
      expect(page).toContain(`第 ${i + 2} 页，共 ${reading.pages.length} 页`);
      expect(page).toContain(`Page ${i + 2} of ${reading.pages.length}`);
      expect(page).toContain('REVOKED'); // the stamp is on every page
    });
  });

  it('stamps a preview as a sample, and says when the certificate expires', async () => {
    const { text, info, pages } = await readPdf(
      await renderer.render({ ...base, sample: true, validUntil: '2027-09-19' }),
    );
    expect(info.title).toBe('结业证书 · ประกาศนียบัตร · SB-2024-000123 · 样本 · ตัวอย่าง');
    expect(info.language).toBe('zh-CN');
    for (const page of pages) expect([page.textOutsideMarkedContent, page.textWithoutLang]).toEqual([0, 0]);
    expect(text).toContain('样本');
    expect(text).toContain(translate('th', 'certificate.sample'));
    expect(text).toContain('有效期至 2027年9月19日');
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
