import qrcode from 'qrcode-generator';

/** A QR code as one SVG path, in module units, with its quiet zone. */
export interface QrSvg {
  /** Width and height of the drawing, in modules (the code plus the quiet zone on both sides). */
  size: number;
  /** `d` of a path that fills every dark module (one rectangle per horizontal run). */
  path: string;
}

/** The quiet zone the QR standard asks for around the code, in modules. */
export const QR_QUIET_ZONE = 4;

/**
 * Draws the text as a QR code (error correction M), here in the browser: an
 * otpauth:// address holds the account's two-factor secret and must not be
 * sent to any QR service.
 */
export function qrSvg(text: string): QrSvg {
  const code = qrcode(0, 'M');
  // The library's byte mode takes one byte per UTF-16 unit: hand it the UTF-8 bytes as such units.
  code.addData(String.fromCharCode(...new TextEncoder().encode(text)), 'Byte');
  code.make();
  const count = code.getModuleCount();
  const runs: string[] = [];
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count;) {
      if (!code.isDark(row, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end < count && code.isDark(row, end)) end++;
      runs.push(`M${col + QR_QUIET_ZONE} ${row + QR_QUIET_ZONE}h${end - col}v1h-${end - col}z`);
      col = end;
    }
  }
  return { size: count + 2 * QR_QUIET_ZONE, path: runs.join('') };
}
