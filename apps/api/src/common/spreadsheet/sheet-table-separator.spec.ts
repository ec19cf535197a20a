import { readTable } from './sheet-table';

const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

describe('readTable: the separator', () => {
  it('is the one the first line uses most', async () => {
    const table = await readTable(Buffer.from('name,email\r\nAn\tB,an@example.com\r\n', 'utf8'));
    expect(table.lines.map((l) => l.cells)).toEqual([
      ['name', 'email'],
      ['An\tB', 'an@example.com'],
    ]);
  });

  it('is read from the first lines when the first has none (a Teams report’s “1. Summary”)', async () => {
    const text = [
      '1. Summary',
      'Meeting title\tClass 3, group A',
      'Start time\t9/3/24, 8:58:03 AM',
      '',
      '2. Participants',
      'Name\tFirst Join\tLast Leave\tEmail',
      'An\t9/3/24, 9:00:00 AM\t9/3/24, 11:00:00 AM\tan@example.com',
    ].join('\r\n');
    const table = await readTable(utf16(text));
    expect(table.encoding).toBe('UTF-16LE');
    expect(table.lines[1].cells).toEqual(['Meeting title', 'Class 3, group A']);
    expect(table.lines[5].cells).toEqual(['Name', 'First Join', 'Last Leave', 'Email']);
    expect(table.lines[6].cells[1]).toBe('9/3/24, 9:00:00 AM');
  });
});
