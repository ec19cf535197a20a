import jsQR from 'jsqr';
import { FontLibrary } from '../../certificates/pdf/fonts';
import { logoPng, sealPng, signatureJpeg } from '../../certificates/pdf/testing/images';
import { readPdf, type PdfReading } from '../../certificates/pdf/testing/read-pdf';
import { InvitationLetterDocument, InvitationLetterRenderer } from './letter-pdf';
import { embassyFor } from './letter-words';

// Rendering and rasterizing with pdf.js takes a while on a loaded two-core machine.
jest.setTimeout(60_000);

const doc: InvitationLetterDocument = {
  reference: 'SB-INV-2027-000123',
  verificationUrl: 'http://localhost:3000/verify/letters/SB-INV-2027-000123',
  issuedOn: '2027-05-20',
  embassy: embassyFor('KH'),
  passport: {
    fullNameAsInPassport: 'SOK DARA',
    number: 'N01234567',
    nationality: { zh: '柬埔寨', en: 'Cambodia' },
    dateOfBirth: '2000-12-31',
  },
  programTitle: { zh: '智能制造暑期训练营', en: 'Smart Manufacturing Summer Camp', th: 'ค่ายฤดูร้อน' },
  programKind: 'camp',
  startDate: '2027-07-05',
  endDate: '2027-07-16',
  hostName: { zh: '铜仁职业技术学院', en: 'Tongren Polytechnic College' },
  design: {
    accentColor: '#7a1f2b',
    logo: logoPng(),
    seal: sealPng(),
    signatories: [
      {
        name: { zh: '王建国', en: 'Wang Jianguo' },
        title: { zh: '校长', en: 'President' },
        signature: signatureJpeg(),
      },
    ],
  },
};

describe('InvitationLetterRenderer', () => {
  const renderer = new InvitationLetterRenderer(new FontLibrary());
  let reading: PdfReading;
  let text: string;

  beforeAll(async () => {
    const pdf = renderer.render(doc);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    reading = await readPdf(pdf, { dpi: 110 });
    text = reading.text.replace(/\s+/g, ' ');
  });

  it('is one A4 page in Chinese, then English', () => {
    expect(reading.pages).toHaveLength(1);
    expect(reading.info.title).toBe('邀请函 · Letter of Invitation · SB-INV-2027-000123');
    const zh = text.indexOf('致：中华人民共和国驻柬埔寨王国大使馆');
    const en = text.indexOf('To: Embassy of the People’s Republic of China in the Kingdom of Cambodia');
    expect(zh).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(zh);
    // Chinese wraps anywhere: read it without the line breaks.
    const compact = reading.text.replace(/\s+/g, '');
    for (const expected of [
      '参加培训营项目“智能制造暑期训练营”',
      '2027年7月5日至2027年7月16日',
      '培训费、住宿费和餐费由我单位承担',
    ]) {
      expect({ expected, found: compact.includes(expected) }).toEqual({ expected, found: true });
    }
    for (const expected of [
      'training camp “Smart Manufacturing Summer Camp” from 5 July 2027 to 16 July 2027',
      'international travel is covered by the participant or the sending institution',
      'SOK DARA',
      'N01234567',
      '2000年12月31日',
      '31 December 2000',
      '2027年5月20日 / 20 May 2027',
    ]) {
      expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
    }
    // The Thai title is not the letter's: it is in Chinese and English only.
    expect(text).not.toContain('ค่ายฤดูร้อน');
  });

  it('embeds subsets of its fonts and tags every line with its language', () => {
    for (const font of reading.fonts) expect(font).toMatchObject({ embedded: true, subset: true });
    expect(reading.spans.find((span) => span.actualText === 'SOK DARA')).toBeDefined();
    const lang = (actualText: string) => reading.spans.find((span) => span.actualText === actualText)?.effectiveLang;
    expect(lang('邀请函')).toBe('zh-Hans');
    expect(lang('Yours faithfully,')).toBe('en');
    expect(reading.textWithoutLang).toBe(0);
    expect(reading.textOutsideMarkedContent).toBe(0);
  });

  it('carries the verification address in a QR code that reads back', () => {
    const image = reading.image;
    if (!image) throw new Error('the page was not rendered');
    expect(jsQR(image.data, image.width, image.height)?.data).toBe(doc.verificationUrl);
  });

  it('addresses any mission of China when the nationality has no embassy in the table', () => {
    expect(embassyFor('DE')).toEqual({
      zh: '中华人民共和国驻外使领馆',
      en: 'the Embassy or Consulate-General of the People’s Republic of China',
    });
    expect(embassyFor('TH').zh).toBe('中华人民共和国驻泰王国大使馆');
  });
});
