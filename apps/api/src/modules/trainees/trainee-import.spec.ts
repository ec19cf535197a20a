import { checkRow, readSheet } from './trainee-import';

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
});
