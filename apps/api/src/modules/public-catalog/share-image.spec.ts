import { PNG } from 'pngjs';
import { FontLibrary } from '../certificates/pdf/fonts';
import { SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH, ShareImageRenderer, type ShareImageDocument } from './share-image';

// Loading every Noto font and HarfBuzz takes a while on a loaded two-core machine.
jest.setTimeout(60_000);

/** White pixels (the title's ink) in a band of rows of the image. */
function whiteIn(png: PNG, fromRow: number, toRow: number): number {
  let count = 0;
  for (let y = fromRow; y < toRow; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (png.data[i] > 240 && png.data[i + 1] > 240 && png.data[i + 2] > 240) count++;
    }
  }
  return count;
}

describe('the share image', () => {
  let renderer: ShareImageRenderer;
  beforeAll(() => {
    renderer = new ShareImageRenderer(new FontLibrary());
  });

  const doc = (title: string, language = 'en'): ShareImageDocument => ({
    language,
    eyebrow: 'Training camp · Tongren Polytechnic College',
    title,
    footer: '6 July 2031 – 12 July 2031 · Hall A',
    code: 'CAMP-2031',
  });

  it('sets each run of a title in the font our shaper chose for its script, escaped', () => {
    const svg = renderer.svg(doc('ការបណ្តុះបណ្តាល & ພາສາລາວ <camp>'));
    expect(svg).toContain(`font-family="'Noto Sans Khmer'"`);
    expect(svg).toContain(`font-family="'Noto Sans Lao'"`);
    expect(svg).toContain('&amp;');
    expect(svg).toContain('&lt;camp&gt;');
    expect(svg).not.toContain('<camp>');
  });

  it.each([
    ['Thai', 'ค่ายเยาวชนอีคอมเมิร์ซข้ามพรมแดน', 'th'],
    ['Chinese', '跨境电商青年训练营', 'zh-Hans'],
    ['Khmer and Lao on one line', 'ការបណ្តុះបណ្តាល ພາສາລາວ', 'en'],
    ['Burmese', 'မြန်မာဘာသာ သင်တန်း', 'en'],
  ])('draws a %s title: a 1200×630 PNG with the title inked', (_what, title, language) => {
    const png = PNG.sync.read(Buffer.from(renderer.render(doc(title, language))));
    expect([png.width, png.height]).toEqual([SHARE_IMAGE_WIDTH, SHARE_IMAGE_HEIGHT]);
    // The title's band (between the eyebrow and the footer) holds white letters.
    expect(whiteIn(png, 130, 420)).toBeGreaterThan(3_000);
  });
});
