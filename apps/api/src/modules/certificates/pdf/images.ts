import { imageSize } from 'image-size';
import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import type { PdfImage } from './pdf-writer';

/*
 * The images a certificate design may carry (logo, seal, signatures): PNG or
 * JPEG, told apart by their first bytes, never by a file name or a declared
 * type. `checkImage` is what an upload must pass; `pdfImage` turns a checked
 * file into what the PDF writer embeds — a JPEG as it is (DCTDecode), a PNG
 * decoded to 8-bit RGB samples with its transparency as a soft mask.
 */

export type ImageType = 'png' | 'jpeg';

export const IMAGE_CONTENT_TYPES: Record<ImageType, string> = { png: 'image/png', jpeg: 'image/jpeg' };

/** Smallest and largest width and height, in pixels, of an accepted image. */
export const IMAGE_MIN_SIDE = 16;
export const IMAGE_MAX_SIDE = 4000;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type by the file's magic bytes, or undefined for anything else. */
export function sniffImage(bytes: Uint8Array): ImageType | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length >= 8 && buffer.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (buffer.length >= 3 && buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff) return 'jpeg';
  return undefined;
}

/** Why an upload is refused; each is a message in the API catalogs (`design.image.<reason>`). */
export type ImageProblem = 'type' | 'corrupt' | 'dimensions';

export interface CheckedImage {
  type: ImageType;
  width: number;
  height: number;
}

export type ImageCheck = ({ ok: true } & CheckedImage) | { ok: false; problem: ImageProblem };

/**
 * Whether the bytes are an image a certificate may carry: PNG or JPEG by
 * content; width and height (read from the header before anything is
 * decoded, so a small file cannot claim a huge canvas) within
 * IMAGE_MIN_SIDE..IMAGE_MAX_SIDE; and the whole file readable — a PNG is
 * decoded (checksums, compressed data), a JPEG's markers are walked to its
 * scan. CPU-heavy for big PNGs: run it off the main thread (the render pool).
 */
export function checkImage(bytes: Uint8Array): ImageCheck {
  const type = sniffImage(bytes);
  if (!type) return { ok: false, problem: 'type' };
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    return { ok: false, problem: 'corrupt' };
  }
  if (size.type !== (type === 'png' ? 'png' : 'jpg') || !size.width || !size.height) {
    return { ok: false, problem: 'corrupt' };
  }
  const { width, height } = size;
  const side = (value: number) => value >= IMAGE_MIN_SIDE && value <= IMAGE_MAX_SIDE;
  if (!side(width) || !side(height)) return { ok: false, problem: 'dimensions' };
  try {
    if (type === 'png') {
      // pngjs does not notice pixel data that is too short (it reads on into uninitialised memory and
      // fails or not by chance), so the inflated length is checked against what the header promises first.
      if (!pngDataComplete(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) {
        return { ok: false, problem: 'corrupt' };
      }
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (png.width !== width || png.height !== height) return { ok: false, problem: 'corrupt' };
    } else {
      const info = jpegInfo(bytes);
      if (info.width !== width || info.height !== height) return { ok: false, problem: 'corrupt' };
    }
  } catch {
    return { ok: false, problem: 'corrupt' };
  }
  return { ok: true, type, width, height };
}

/** Samples per pixel of each PNG colour type (ISO/IEC 15948, 11.2.2). */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** The seven Adam7 passes: first column and row, column and row step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/**
 * Whether a PNG's IDAT chunks inflate to exactly the bytes its IHDR promises
 * (a filter byte per row plus the rows, per Adam7 pass when interlaced).
 * Throws on a malformed chunk structure or compressed stream.
 */
export function pngDataComplete(png: Buffer): boolean {
  let offset = 8;
  let header: Buffer | undefined;
  const data: Buffer[] = [];
  while (offset + 12 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > png.length) return false;
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') data.push(body);
    if (type === 'IEND') break;
    offset = end;
  }
  if (!header || header.length !== 13 || data.length === 0) return false;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const bitDepth = header[8];
  const channels = PNG_CHANNELS[header[9]];
  if (!channels) return false;
  const rowBytes = (pixels: number) => Math.ceil((pixels * channels * bitDepth) / 8);
  const passes = header[12] === 1 ? ADAM7 : [[0, 0, 1, 1]];
  let expected = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const columns = Math.ceil((width - x0) / dx);
    const rows = Math.ceil((height - y0) / dy);
    if (columns > 0 && rows > 0) expected += rows * (1 + rowBytes(columns));
  }
  return inflateSync(Buffer.concat(data)).length === expected;
}

interface JpegInfo {
  width: number;
  height: number;
  components: 1 | 3 | 4;
  /** An Adobe APP14 marker: CMYK samples are stored inverted. */
  adobe: boolean;
}

/** Start-of-frame markers PDF's DCTDecode reads: baseline, extended sequential and progressive Huffman. */
const SUPPORTED_FRAMES = new Set([0xc0, 0xc1, 0xc2]);
/** Every other start-of-frame marker (lossless, hierarchical, arithmetic-coded): refused. */
const OTHER_FRAMES = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Walks a JPEG's marker segments up to its first scan: the frame's size and components. */
export function jpegInfo(bytes: Uint8Array): JpegInfo {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 2;
  let frame: Omit<JpegInfo, 'adobe'> | undefined;
  let adobe = false;
  for (;;) {
    if (pos + 4 > data.length) throw new Error('JPEG: ends before its scan');
    if (data[pos] !== 0xff) throw new Error(`JPEG: no marker at byte ${pos}`);
    const marker = data[pos + 1];
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    const length = data.readUInt16BE(pos + 2);
    if (length < 2 || pos + 2 + length > data.length) throw new Error('JPEG: a segment runs past the end');
    const body = pos + 4;
    if (SUPPORTED_FRAMES.has(marker)) {
      if (length < 8) throw new Error('JPEG: short frame header');
      const components = data[body + 5];
      if (data[body] !== 8) throw new Error('JPEG: not 8 bits per sample');
      if (components !== 1 && components !== 3 && components !== 4) throw new Error('JPEG: unsupported components');
      frame = { height: data.readUInt16BE(body + 1), width: data.readUInt16BE(body + 3), components };
    } else if (OTHER_FRAMES.has(marker)) {
      throw new Error('JPEG: a coding PDF viewers do not read');
    } else if (marker === 0xee && length >= 14 && data.toString('latin1', body, body + 5) === 'Adobe') {
      adobe = true;
    } else if (marker === 0xda) {
      if (!frame) throw new Error('JPEG: a scan before the frame header');
      return { ...frame, adobe };
    }
    pos += 2 + length;
  }
}

/** A checked image as the PDF writer embeds it. */
export function pdfImage(bytes: Uint8Array): PdfImage {
  const type = sniffImage(bytes);
  if (type === 'jpeg') {
    const info = jpegInfo(bytes);
    return {
      width: info.width,
      height: info.height,
      encoding: 'jpeg',
      data: bytes,
      colorSpace: info.components === 1 ? 'DeviceGray' : info.components === 3 ? 'DeviceRGB' : 'DeviceCMYK',
      ...(info.components === 4 && info.adobe ? { decode: [1, 0, 1, 0, 1, 0, 1, 0] } : {}),
    };
  }
  if (type !== 'png') throw new Error('Not a PNG or JPEG image');
  // pngjs gives 8-bit RGBA whatever the file holds (palette, grey, 16-bit, interlaced).
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const pixels = png.width * png.height;
  const rgb = Buffer.alloc(pixels * 3);
  const alpha = Buffer.alloc(pixels);
  let opaque = true;
  for (let i = 0; i < pixels; i++) {
    rgb[i * 3] = png.data[i * 4];
    rgb[i * 3 + 1] = png.data[i * 4 + 1];
    rgb[i * 3 + 2] = png.data[i * 4 + 2];
    alpha[i] = png.data[i * 4 + 3];
    if (alpha[i] !== 255) opaque = false;
  }
  return {
    width: png.width,
    height: png.height,
    encoding: 'raw',
    data: rgb,
    colorSpace: 'DeviceRGB',
    ...(opaque ? {} : { alpha }),
  };
}
