import { SUPPORTED_LOCALES } from '@skillbridge/contracts';
import { translate } from '../../common/i18n/translator';
import { checkRow, KNOWN_HEADERS, readSheet } from './trainee-import';

const row = (cells: Partial<Record<string, string>>, number = 2) => ({
  row: number,
  cells: {
    fullName: '',
    fullNameLatin: '',
    email: '',
    nationality: '',
    institutionCode: '',
    preferredLocale: '',
    ...cells,
  },
});

describe('trainee import parsing', () => {
  it('reads semicolon CSV with a BOM, quoted newlines, and counts rows as a spreadsheet does', async () => {
    const text =
      '\ufeffFull Name;E-mail;Nationality\r\n"Lê Văn\r\nTám";tam@e2e.test;vn\r\n;;\r\nKhin Mar;khin@e2e.test;MM\r\n';
    const rows = await readSheet(Buffer.from(text, 'utf8'));
    expect(rows.map((r) => [r.row, r.cells.fullName, r.cells.email])).toEqual([
      [2, 'Lê Văn\r\nTám', 'tam@e2e.test'],
      [4, 'Khin Mar', 'khin@e2e.test'],
    ]);
  });

  it('normalizes what people type and names each bad field', () => {
    expect(checkRow(row({ fullName: 'Somchai', email: 'A@B.example', nationality: 'th' })).value).toMatchObject({
      email: 'a@b.example',
      nationality: 'TH',
      preferredLocale: null,
    });
    const bad = checkRow(
      row({ fullName: 'x', fullNameLatin: 'สมชาย', email: 'nope', nationality: 'UK', preferredLocale: 'vi' }),
    );
    expect(bad.value).toBeUndefined();
    expect(bad.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'fullNameLatin:IS_LATIN_NAME',
      'email:IS_EMAIL',
      'nationality:IS_COUNTRY_CODE',
      'preferredLocale:IS_IN',
    ]);
  });

  it.each(SUPPORTED_LOCALES)(
    'knows the %s headers of the roster export, and leaves its other columns alone',
    async (locale) => {
      const header = (key: string) => translate(locale, key, { zone: 'Asia/Yangon' });
      const columns = [
        'roster.columns.fullName',
        'roster.columns.fullNameLatin',
        'roster.columns.email',
        'roster.columns.nationality',
        'roster.columns.nationalityCode',
        'roster.columns.institution',
        'roster.columns.status',
        'roster.columns.enrolledAt',
        'import.columns.preferredLocale',
      ];
      const text = [
        columns.map(header).join('\t'),
        ['陈思远', 'Chen Siyuan', 'chen@e2e.test', 'Malaysia', 'CN', 'RMUTT', 'x', '2024-09-03 09:00', 'zh'].join('\t'),
      ].join('\r\n');
      const [row] = await readSheet(Buffer.from(text, 'utf8'));
      // The code column wins over the name column, whichever comes first.
      expect(row.cells).toEqual({
        fullName: '陈思远',
        fullNameLatin: 'Chen Siyuan',
        email: 'chen@e2e.test',
        nationality: 'CN',
        institutionCode: 'RMUTT',
        preferredLocale: 'zh',
      });
    },
  );

  it('never reads one header as two different columns, in any language', () => {
    const meanings = new Map<string, Set<string>>();
    for (const [header, { column }] of KNOWN_HEADERS)
      meanings.set(header, (meanings.get(header) ?? new Set()).add(column));
    expect(meanings.size).toBeGreaterThan(20);
    expect([...meanings].filter(([, columns]) => columns.size > 1)).toEqual([]);
  });

  it('takes a nationality by its code or by its name in any of the four languages', () => {
    const nationality = (value: string) => checkRow(row({ fullName: 'x', email: 'x@e2e.test', nationality: value }));
    for (const value of ['th', 'TH', 'Thailand', 'ไทย', '泰国', ' Thailand ']) {
      expect(nationality(value.trim()).value?.nationality).toBe('TH');
    }
    expect(nationality('缅甸').value?.nationality).toBe('MM');
    expect(nationality('Narnia').problems.map((p) => p.code)).toEqual(['IS_COUNTRY_CODE']);
  });

  it('drops the apostrophe our CSV export puts before would-be formulas, and only that one', async () => {
    const text = "fullName,email,nationality\r\n'=1+1,a@e2e.test,TH\r\n'Ann,b@e2e.test,TH\r\n";
    const rows = await readSheet(Buffer.from(text, 'utf8'));
    expect(rows.map((r) => r.cells.fullName)).toEqual(['=1+1', "'Ann"]);
  });
});
