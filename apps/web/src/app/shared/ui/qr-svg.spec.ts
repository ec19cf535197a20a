import { TestBed } from '@angular/core/testing';
import jsQR from 'jsqr';
import { QrCodeComponent } from './qr-code.component';
import { QR_QUIET_ZONE, qrSvg } from './qr-svg';

const SCALE = 4;

/**
 * Paints the SVG path (only `M x y h w v1 h-w z` runs, as qrSvg draws them)
 * onto white pixels, as a screen would, and reads the result with jsQR.
 */
function decode(size: number, path: string): string | undefined {
  const width = size * SCALE;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  const runs = [...path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)];
  expect(runs.map((m) => m[0]).join('')).toBe(path); // nothing in the path that is not a run
  for (const [, x, y, w] of runs) {
    for (let py = Number(y) * SCALE; py < (Number(y) + 1) * SCALE; py++) {
      for (let px = Number(x) * SCALE; px < (Number(x) + Number(w)) * SCALE; px++) {
        pixels.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
      }
    }
  }
  return jsQR(pixels, width, width)?.data;
}

const URI =
  'otpauth://totp/Skillbridge:partner%40skillbridge.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Skillbridge&algorithm=SHA1&digits=6&period=30';

describe('qrSvg', () => {
  it('draws a QR code that reads back as the otpauth address, inside a quiet zone', () => {
    const { size, path } = qrSvg(URI);
    expect(decode(size, path)).toBe(URI);
    // The standard's quiet zone: four light modules on every side of the code.
    const xs = [...path.matchAll(/M(\d+) (\d+)h(\d+)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
    expect(Math.min(...xs.map(([x]) => x))).toBe(4);
    expect(Math.min(...xs.map(([, y]) => y))).toBe(4);
    expect(Math.max(...xs.map(([x, , w]) => x + w))).toBe(size - 4);
    expect(QR_QUIET_ZONE).toBe(4);
  });

  it('keeps text beyond ASCII intact (UTF-8)', () => {
    const text = 'otpauth://totp/Skillbridge:สมชาย?secret=ABC&issuer=技能桥';
    const { size, path } = qrSvg(text);
    expect(decode(size, path)).toBe(text);
  });
});

describe('QrCodeComponent', () => {
  it('renders an inline SVG image with a label, drawn from the value', async () => {
    const fixture = TestBed.createComponent(QrCodeComponent);
    fixture.componentRef.setInput('value', URI);
    fixture.componentRef.setInput('label', 'QR code for your authenticator app');
    await fixture.whenStable();
    const svg = (fixture.nativeElement as HTMLElement).querySelector('svg');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toBe('QR code for your authenticator app');
    const size = Number(svg?.getAttribute('viewBox')?.split(' ')[2]);
    expect(decode(size, svg?.querySelector('path')?.getAttribute('d') ?? '')).toBe(URI);
  });
});
