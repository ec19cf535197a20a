import { crc32, deflateSync } from 'node:zlib';
import { checkImage, IMAGE_MAX_SIDE, jpegInfo, pdfImage, sniffImage } from './images';
import { logoPng, makePng, sealPng, signatureJpeg } from './testing/images';

/** A PNG file whose header claims any size, with a few bytes of pixel data (a "decompression bomb" shape). */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('design images', () => {
  it('tells PNG and JPEG by their first bytes, and nothing else', () => {
    expect(sniffImage(sealPng())).toBe('png');
    expect(sniffImage(signatureJpeg())).toBe('jpeg');
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImage(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffImage(Buffer.alloc(0))).toBeUndefined();
  });

  it('accepts PNG and JPEG files of sane sizes', () => {
    expect(checkImage(sealPng(200))).toEqual({ ok: true, type: 'png', width: 200, height: 200 });
    expect(checkImage(signatureJpeg())).toEqual({ ok: true, type: 'jpeg', width: 240, height: 90 });
    expect(checkImage(makePng(16, IMAGE_MAX_SIDE, () => [0, 0, 0, 255]))).toMatchObject({ ok: true });
  });

  it.each([
    [
      'an SVG',
      Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>'),
      'type',
    ],
    ['text', Buffer.from('just some text\n'), 'type'],
    ['a PNG whose header claims 100,000 × 100,000 pixels', pngClaiming(100_000, 100_000), 'dimensions'],
    ['a PNG wider than the limit', pngClaiming(IMAGE_MAX_SIDE + 1, 100), 'dimensions'],
    ['a PNG too small to see', makePng(8, 8, () => [0, 0, 0, 255]), 'dimensions'],
    [
      'a PNG with a broken checksum',
      Buffer.from(sealPng().map((byte, i, all) => (i === all.length - 20 ? byte ^ 0xff : byte))),
      'corrupt',
    ],
    ['a PNG whose header is right but whose pixels are missing', pngClaiming(100, 100), 'corrupt'],
    ['a PNG cut short', sealPng().subarray(0, 120), 'corrupt'],
    ['a JPEG cut inside its headers', signatureJpeg().subarray(0, 100), 'corrupt'],
    ['a PNG signature in front of text', Buffer.concat([sealPng().subarray(0, 8), Buffer.from('hello')]), 'corrupt'],
  ])('refuses %s', (_name, bytes, problem) => {
    expect(checkImage(bytes)).toEqual({ ok: false, problem });
  });

  it('embeds a JPEG as it is, and a PNG as RGB samples with its transparency as a mask', () => {
    const jpeg = signatureJpeg();
    expect(jpegInfo(jpeg)).toEqual({ width: 240, height: 90, components: 3, adobe: false });
    expect(pdfImage(jpeg)).toMatchObject({ encoding: 'jpeg', colorSpace: 'DeviceRGB', width: 240, height: 90 });
    expect(pdfImage(jpeg).data).toBe(jpeg);
    const seal = pdfImage(sealPng(100));
    expect(seal).toMatchObject({ encoding: 'raw', colorSpace: 'DeviceRGB', width: 100, height: 100 });
    expect(seal.data).toHaveLength(100 * 100 * 3);
    expect(seal.alpha).toHaveLength(100 * 100);
    expect(seal.alpha?.[0]).toBe(0); // the corner is transparent
    expect(pdfImage(logoPng()).alpha).toBeUndefined(); // opaque: no mask
  });
});
