import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/*
 * Images for tests, made here with pngjs (a seal, a logo) or read from
 * fixtures/ (a JPEG signature, made once with jpeg-js: 240 × 90, RGB).
 */

type Pixel = [number, number, number, number];

/** A PNG of the given size, each pixel from `paint` (RGBA, 0..255). */
export function makePng(width: number, height: number, paint: (x: number, y: number) => Pixel): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = paint(x, y);
      const i = (y * width + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

/** A red seal: a ring and a star on a transparent ground, as Chinese institutions stamp. */
export function sealPng(size = 200): Buffer {
  const c = size / 2;
  return makePng(size, size, (x, y) => {
    const r = Math.hypot(x - c, y - c);
    const angle = Math.atan2(y - c, x - c);
    const star = r < size * 0.18 * (0.6 + 0.4 * Math.cos(5 * angle));
    const ring = r > size * 0.4 && r < size * 0.47;
    return ring || star ? [214, 30, 36, 230] : [0, 0, 0, 0];
  });
}

/** An opaque logo: a blue square with a white diagonal band. */
export function logoPng(width = 160, height = 120): Buffer {
  return makePng(width, height, (x, y) =>
    Math.abs(x / width - y / height) < 0.12 ? [255, 255, 255, 255] : [24, 70, 150, 255],
  );
}

/** A signature as a JPEG file (baseline, RGB, 240 × 90). */
export function signatureJpeg(): Buffer {
  return readFileSync(join(__dirname, 'fixtures/signature.jpg'));
}
