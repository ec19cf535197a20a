import type { CountryCode, Locale } from '@skillbridge/contracts';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

export const uniqueEmail = (prefix = 'trainee') => `${prefix}-${randomBytes(5).toString('hex')}@e2e.test`;

/** Inserts trainees straight into the table (set-up for tests that need many), returning their ids in order. */
export async function insertTrainees(
  dataSource: DataSource,
  count: number,
  options: {
    institutionId?: string | null;
    nationality?: CountryCode;
    prefix?: string;
    preferredLocale?: Locale;
  } = {},
): Promise<string[]> {
  const tag = randomBytes(4).toString('hex');
  const rows = (await dataSource.query(
    `INSERT INTO trainees (full_name, full_name_latin, email, nationality, institution_id, preferred_locale)
     SELECT 'ผู้เข้าอบรม ' || n, 'Trainee ' || n, $1 || '-' || n || '@e2e.test', $2, $3, $5
       FROM generate_series(1, $4::int) AS n
     RETURNING id`,
    [
      `${options.prefix ?? 'bulk'}-${tag}`,
      options.nationality ?? 'TH',
      options.institutionId ?? null,
      count,
      options.preferredLocale ?? 'th',
    ],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** A CSV file as Excel writes "CSV UTF-8": a BOM, CRLF line ends, quotes where needed. */
export function csvFile(rows: string[][], { bom = true, eol = '\r\n' } = {}): Buffer {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const text = rows.map((row) => row.map(quote).join(',')).join(eol) + eol;
  return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

export const HEADER = ['fullName', 'fullNameLatin', 'email', 'nationality', 'institutionCode', 'preferredLocale'];

/**
 * A roster of `count` Thai trainees, e-mails `<tag>-<n>@<domain>`, as a CSV file: large enough that its import's
 * INSERT runs for a while (the suites that stop or kill the API during one). Latin names take letters only: the row
 * number spelled in letters.
 */
export function largeRoster(tag: string, count: number, domain: string): Buffer {
  const letters = (i: number) => String(i).replace(/\d/g, (d) => String.fromCharCode(97 + Number(d)));
  return csvFile([
    HEADER,
    ...Array.from({ length: count }, (_v, i) => [
      `ผู้เข้าอบรม ${i}`,
      `Trainee ${letters(i)}`,
      `${tag}-${i}@${domain}`,
      'TH',
      '',
      '',
    ]),
  ]);
}
