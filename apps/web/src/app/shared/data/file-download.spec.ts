import { filenameFromDisposition } from './file-download';

describe('filenameFromDisposition', () => {
  it('prefers the UTF-8 name, so Thai and Chinese file names survive', () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="roster.csv"; filename*=UTF-8''%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%8A%E0%B8%B7%E0%B9%88%E0%B8%AD.csv`,
      ),
    ).toBe('รายชื่อ.csv');
  });

  it('falls back to the plain name, quoted or not, and to null', () => {
    expect(filenameFromDisposition('attachment; filename="TRPC-TH-2024-roster.xlsx"')).toBe('TRPC-TH-2024-roster.xlsx');
    expect(filenameFromDisposition('attachment; filename=roster.csv')).toBe('roster.csv');
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''%E0%ZZ; filename="safe.csv"`)).toBe('safe.csv');
    expect(filenameFromDisposition('attachment')).toBeNull();
    expect(filenameFromDisposition(null)).toBeNull();
  });
});
