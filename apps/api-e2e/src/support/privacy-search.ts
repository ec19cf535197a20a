import type { TestApp } from './test-app';

/**
 * Every column of the schema that can hold text: text, character varying,
 * character, json/jsonb (searched as their text), and arrays of text.
 */
export async function textColumns(t: TestApp): Promise<{ table: string; column: string }[]> {
  return (await t.dataSource.query(
    `SELECT c.table_name AS "table", c.column_name AS "column"
       FROM information_schema.columns c
       JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
      WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE'
        AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
             OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar', '_bpchar')))
      ORDER BY c.table_name, c.column_name`,
  )) as { table: string; column: string }[];
}

/** `table.column` of every text column where some row contains `needle` (case-insensitive). */
export async function whereFound(t: TestApp, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const { table, column } of await textColumns(t)) {
    const [{ found }] = (await t.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM "${table}" WHERE strpos(lower("${column}"::text), lower($1)) > 0) AS found`,
      [needle],
    )) as { found: boolean }[];
    if (found) hits.push(`${table}.${column}`);
  }
  return hits;
}
