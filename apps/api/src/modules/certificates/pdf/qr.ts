import qrcode from 'qrcode-generator';

/** The dark modules of a QR code (error correction M) for the text, as a square matrix. */
export function qrMatrix(text: string): boolean[][] {
  const code = qrcode(0, 'M');
  // qrcode-generator's default byte mode takes one byte per UTF-16 unit; give it UTF-8 bytes.
  code.addData(Buffer.from(text, 'utf8').toString('latin1'), 'Byte');
  code.make();
  const size = code.getModuleCount();
  const rows: boolean[][] = [];
  for (let row = 0; row < size; row++) {
    const cells: boolean[] = [];
    for (let col = 0; col < size; col++) cells.push(code.isDark(row, col));
    rows.push(cells);
  }
  return rows;
}

/**
 * PDF path operators drawing the QR code as filled rectangles (one per
 * horizontal run of dark modules), with its top-left corner at (x, top)
 * in PDF coordinates (y grows upwards) and `size` points wide.
 */
export function qrPath(matrix: boolean[][], x: number, top: number, size: number): string {
  const cell = size / matrix.length;
  const ops: string[] = [];
  const n = (value: number) => String(Math.round(value * 1000) / 1000);
  matrix.forEach((cells, row) => {
    for (let col = 0; col < cells.length;) {
      if (!cells[col]) {
        col++;
        continue;
      }
      let end = col;
      while (end < cells.length && cells[end]) end++;
      ops.push(`${n(x + col * cell)} ${n(top - (row + 1) * cell)} ${n((end - col) * cell)} ${n(cell)} re`);
      col = end;
    }
  });
  return ops.join('\n');
}
