import { Transform, type Readable } from 'node:stream';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { SheetFileError } from './sheet-file-error';

const MiB = 1024 * 1024;

/**
 * What an uploaded workbook may unpack to. A real 10 MB workbook of 20,000 rows unpacks to 50–150 MB (sheet XML
 * compresses 5–15×, a sheet of one repeated value ~30×); a zip bomb compresses 100–1000×. Checked on the ZIP's
 * central directory before anything is inflated, and again on the bytes actually inflated (the directory can lie).
 */
export const XLSX_BOUNDS = {
  /** Parts of one workbook: Excel writes 10–40; a hostile file can list millions of empty ones. */
  maxEntries: 2_000,
  /** Any one part unpacked. */
  maxPartBytes: 256 * MiB,
  /** All parts unpacked. */
  maxTotalBytes: 384 * MiB,
  /** Unpacked / packed, for parts larger than `ratioFromBytes` (a tiny part of blanks may well pack 200×). */
  maxRatio: 100,
  ratioFromBytes: MiB,
} as const;

export type XlsxBounds = typeof XLSX_BOUNDS;

const tooLarge = () => new SheetFileError('XLSX_TOO_LARGE_UNPACKED', 'import.xlsxTooLargeUnpacked');

/**
 * Opens a workbook's ZIP and reads its central directory only — no part is inflated — refusing it when it would
 * unpack to more than the bounds allow. Returns the open file and its parts by name.
 */
export async function openCheckedZip(
  bytes: Uint8Array,
  bounds: XlsxBounds = XLSX_BOUNDS,
): Promise<{ zip: ZipFile; entries: Map<string, Entry> }> {
  let zip: ZipFile;
  try {
    // validateEntrySizes is ours (inflatedStream): yauzl's own check errors with a message, ours with a reason.
    zip = await fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      validateEntrySizes: false,
      decodeStrings: true,
    });
  } catch {
    throw new SheetFileError('XLSX_UNREADABLE', 'import.xlsxUnreadable');
  }
  try {
    if (zip.entryCount > bounds.maxEntries) {
      throw new SheetFileError('XLSX_TOO_MANY_PARTS', 'import.xlsxTooManyParts', { max: bounds.maxEntries });
    }
    const entries = new Map<string, Entry>();
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      checkEntry(entry, bounds);
      total += entry.uncompressedSize;
      if (total > bounds.maxTotalBytes) throw tooLarge();
      entries.set(entry.fileName, entry);
    }
    return { zip, entries };
  } catch (error) {
    zip.close();
    if (error instanceof SheetFileError) throw error;
    throw new SheetFileError('XLSX_UNREADABLE', 'import.xlsxUnreadable');
  }
}

/** One part's declared sizes against the bounds. */
export function checkEntry(
  entry: Pick<Entry, 'uncompressedSize' | 'compressedSize'>,
  bounds: XlsxBounds = XLSX_BOUNDS,
): void {
  if (entry.uncompressedSize > bounds.maxPartBytes) throw tooLarge();
  if (
    entry.uncompressedSize > bounds.ratioFromBytes &&
    entry.uncompressedSize > bounds.maxRatio * Math.max(1, entry.compressedSize)
  ) {
    throw new SheetFileError('XLSX_SUSPICIOUS_COMPRESSION', 'import.xlsxSuspiciousCompression', {
      ratio: bounds.maxRatio,
    });
  }
}

/**
 * A part's inflated bytes, counted as they come: more than the directory declared (or than a part may have) stops
 * the inflation there and refuses the file — a ZIP whose directory lies is not read to its end.
 */
export async function inflatedStream(zip: ZipFile, entry: Entry, bounds: XlsxBounds = XLSX_BOUNDS): Promise<Readable> {
  let source: Readable;
  try {
    source = await zip.openReadStreamPromise(entry);
  } catch {
    throw new SheetFileError('XLSX_UNREADABLE', 'import.xlsxUnreadable');
  }
  const limit = Math.min(entry.uncompressedSize, bounds.maxPartBytes);
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) {
        source.destroy();
        done(tooLarge());
      } else done(null, chunk);
    },
  });
  source.on('error', (error) =>
    counted.destroy(
      error instanceof SheetFileError ? error : new SheetFileError('XLSX_UNREADABLE', 'import.xlsxUnreadable'),
    ),
  );
  return source.pipe(counted);
}
