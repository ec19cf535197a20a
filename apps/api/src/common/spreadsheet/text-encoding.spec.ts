import { encode } from 'iconv-lite';
import { readTable, SheetFileError } from './sheet-table';
import { decodeText, DETECTION_SAMPLE_BYTES } from './text-encoding';

/** A file as Excel on Windows saves it: CRLF lines, in the given encoding (iconv-lite writes it, as Excel would). */
const file = (lines: string[], encoding: string, separator = ',') =>
  encode(lines.map((line) => line.replace(/,/g, separator)).join('\r\n') + '\r\n', encoding);
const withBom = (bom: number[], bytes: Buffer) => Buffer.concat([Buffer.from(bom), bytes]);

const HEADER = 'fullName,fullNameLatin,email,nationality';
const SIMPLIFIED = ['王小明,Wang Xiaoming,wang@e2e.test,CN', '张伟,Zhang Wei,zhang@e2e.test,CN'];
const TRADITIONAL = ['陳大文,Chan Tai Man,chan@e2e.test,TW', '黃志強,Wong Chi Keung,wong@e2e.test,HK'];
const THAI = ['สมชาย ใจดี,Somchai Jaidee,somchai@e2e.test,TH', 'ศิริพร แก้วมณี,Siriphon Kaeomani,siri@e2e.test,TH'];

describe('reading the text of an uploaded file', () => {
  it('takes UTF-8, with or without a byte-order mark', () => {
    const text = [HEADER, ...SIMPLIFIED, ...THAI, 'Nguyễn Thị Hồng,Nguyen Thi Hong,hong@e2e.test,VN'].join('\r\n');
    expect(decodeText(withBom([0xef, 0xbb, 0xbf], Buffer.from(text)))).toEqual({ text, encoding: 'UTF-8' });
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'UTF-8' });
  });

  it('takes Excel’s “Unicode text”: UTF-16 little-endian with a byte-order mark, tab-separated', async () => {
    const lines = [HEADER, ...SIMPLIFIED, ...THAI];
    const bytes = withBom([0xff, 0xfe], file(lines, 'utf-16le', '\t'));
    expect(decodeText(bytes)?.encoding).toBe('UTF-16LE');
    const table = await readTable(bytes);
    expect(table.encoding).toBe('UTF-16LE');
    expect(table.lines.map((line) => line.cells)).toEqual(lines.map((line) => line.split(',')));
    expect(decodeText(withBom([0xfe, 0xff], file(lines, 'utf-16be')))?.encoding).toBe('UTF-16BE');
  });

  // The files a "CSV" save of Chinese, Taiwanese and Thai Excel makes, down to a single line, in English headers
  // (the template's) and in the file's own language (the roster export's).
  it.each([
    ['GBK', 'gbk', HEADER, SIMPLIFIED],
    ['GBK', 'gbk', '姓名,姓名（拉丁字母）,邮箱,国籍', SIMPLIFIED],
    ['Big5', 'big5', HEADER, TRADITIONAL],
    ['Big5', 'big5', '姓名,姓名（拉丁字母）,郵箱,國籍', TRADITIONAL],
    ['windows-874', 'windows-874', HEADER, THAI],
    ['windows-874', 'windows-874', 'ชื่อ-นามสกุล,ชื่อ (อักษรละติน),อีเมล,สัญชาติ', THAI],
  ])('recognises %s in short files (%s, %s)', (expected, encoding, header, rows) => {
    for (const lines of [
      [header, rows[0]],
      [header, rows[1]],
      [header, ...rows],
    ]) {
      const text = lines.join('\r\n') + '\r\n';
      expect(decodeText(file(lines, encoding))).toEqual({ text, encoding: expected });
    }
  });

  it('names GB18030 when the file has characters beyond GBK', () => {
    const lines = [HEADER, '刘𠮷,Liu Ji,liu@e2e.test,CN', ...SIMPLIFIED];
    expect(decodeText(file(lines, 'gb18030'))).toEqual({ text: lines.join('\r\n') + '\r\n', encoding: 'GB18030' });
  });

  it('does not take a name or two in GBK for UTF-8 because their bytes happen to be valid UTF-8', () => {
    // 郑爽 in GBK is D6 A3 CB AC: valid UTF-8 for "\u05a3\u02ec", a Hebrew accent and a modifier letter.
    for (const name of ['郑爽', '袁泉']) {
      const bytes = file([HEADER, `${name},X,x@e2e.test,CN`], 'gbk');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
      expect(decodeText(bytes)?.encoding).toBe('GBK');
      expect(decodeText(bytes)?.text).toContain(name);
    }
  });

  it('looks at a sample to choose, and decodes the whole of a big file', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `王小明${i},Wang Xiaoming,wang${i}@e2e.test,CN`);
    const bytes = file([HEADER, ...rows], 'gbk');
    expect(bytes.length).toBeGreaterThan(DETECTION_SAMPLE_BYTES * 10);
    const decoded = decodeText(bytes);
    expect(decoded?.encoding).toBe('GBK');
    expect(decoded?.text.endsWith('王小明19999,Wang Xiaoming,wang19999@e2e.test,CN\r\n')).toBe(true);
  });

  it('refuses what none of these encodings reads', async () => {
    const refused = [
      Buffer.from('fullName,email,nationality\r\nJos\xe9 Garc\xeda,jose@e2e.test,PH\r\n', 'latin1'),
      Buffer.from('fullName,email,nationality\r\nM\xfcller,m@e2e.test,DE\r\n', 'latin1'),
      withBom([0xef, 0xbb, 0xbf], Buffer.from([0x41, 0xc3, 0x28, 0x0d, 0x0a])), // a UTF-8 mark, then broken UTF-8
      withBom([0xff, 0xfe], Buffer.from([0x41, 0x00, 0x42])), // half a UTF-16 character
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), // a PNG
      Buffer.from('f\0u\0l\0l\0N\0a\0m\0e\0', 'latin1'), // UTF-16 without its mark
    ];
    for (const bytes of refused) {
      expect(decodeText(bytes)).toBeUndefined();
      await expect(readTable(bytes)).rejects.toEqual(new SheetFileError('UNKNOWN_ENCODING', 'import.unknownEncoding'));
    }
  });

  it('refuses more rows than the caller takes before handing the table over', async () => {
    const bytes = file([HEADER, ...SIMPLIFIED, '', ...SIMPLIFIED], 'gbk');
    await expect(readTable(bytes, { maxRows: 4 })).resolves.toMatchObject({ encoding: 'GBK' });
    await expect(readTable(bytes, { maxRows: 3 })).rejects.toMatchObject({ code: 'TOO_MANY_ROWS', params: { max: 3 } });
  });
});
