import type { Page } from '@skillbridge/contracts';
import { isUUID } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ProblemException } from '../problem/problem.exception';
import { isStorableText } from '../validation/storable-text';
import { isCalendarDate } from '../validation/validators';

/**
 * What a key's column holds. A cursor's value for the key is checked against
 * it before it reaches SQL: a value PostgreSQL cannot read as the column's type
 * (`not-a-date` for a timestamp) would fail the query instead of being a 400.
 */
export type KeyType = 'timestamp' | 'date' | 'uuid' | 'text';

/** One column of a keyset ordering: the SQL expression, the entity property holding its value, its type. */
export interface SortKey<T> {
  expression: string;
  property: keyof T & string;
  type: KeyType;
}

/** An instant exactly as a cursor carries it (Date#toISOString), in the years 1 to 9999 PostgreSQL reads. */
const ISO_INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const VALID: Record<KeyType, (value: string) => boolean> = {
  timestamp: (value) => ISO_INSTANT.test(value) && new Date(value).toISOString() === value,
  date: isCalendarDate,
  uuid: (value) => isUUID(value),
  text: isStorableText,
};

export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The values of a cursor this list gave out: one per key, each a string its
 * key's column can hold. Anything else (not base64url JSON, the wrong shape,
 * numbers, NUL bytes or lone surrogates, a value of the wrong type) is a 400
 * naming `cursor`, never a query PostgreSQL refuses.
 */
export function decodeCursor(cursor: string, types: readonly KeyType[]): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined; // not JSON: not a cursor we issued
  }
  if (
    Array.isArray(values) &&
    values.length === types.length &&
    values.every((value, index) => typeof value === 'string' && VALID[types[index]](value))
  ) {
    return values as string[];
  }
  throw ProblemException.invalidField('cursor', 'INVALID_CURSOR', 'validation.cursor');
}

function cursorValue(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** Continues strictly after the cursor's row (if any) and orders by the keys, all in one direction. */
function applyKeyset(
  query: SelectQueryBuilder<ObjectLiteral>,
  keys: { expression: string; type: KeyType }[],
  direction: 'ASC' | 'DESC',
  cursor: string | undefined,
): void {
  const expressions = keys.map((key) => key.expression);
  if (cursor) {
    const values = decodeCursor(
      cursor,
      keys.map((key) => key.type),
    );
    const params = Object.fromEntries(values.map((value, index) => [`cursor${index}`, value]));
    const right = values.map((_v, index) => `:cursor${index}`).join(', ');
    query.andWhere(`(${expressions.join(', ')}) ${direction === 'DESC' ? '<' : '>'} (${right})`, params);
  }
  expressions.forEach((expression, index) =>
    index === 0 ? query.orderBy(expression, direction) : query.addOrderBy(expression, direction),
  );
}

function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => string[]): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: hasMore && last ? encodeCursor(cursorOf(last)) : null };
}

/**
 * Keyset pagination (no OFFSET): orders by the keys, all in one direction,
 * continues strictly after the cursor's row, and returns one page plus the
 * cursor of its last row when more rows follow. The query may join to-one
 * relations only (each row of the result one entity).
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  options: { keys: SortKey<T>[]; direction: 'ASC' | 'DESC'; limit: number; cursor?: string },
): Promise<Page<T>> {
  const { keys, direction, limit, cursor } = options;
  applyKeyset(query, keys, direction, cursor);
  // LIMIT, not TypeORM's take(): take() with joins runs a DISTINCT id query first and then a second one for the
  // rows. Every list joins only to-one relations (a row never repeats), so a plain LIMIT is exact — and one query.
  const rows = await query.limit(limit + 1).getMany();
  return toPage(rows, limit, (last) => keys.map((key) => cursorValue(last[key.property])));
}

/**
 * The same keyset pagination for a query that selects its own columns
 * (`select('e.id', 'id')`…) and is read raw: no entities are built, which is
 * most of the cost of a long list. Each key names the raw column holding its value.
 */
export async function paginateRaw<R extends ObjectLiteral>(
  query: SelectQueryBuilder<ObjectLiteral>,
  options: {
    keys: { expression: string; column: keyof R & string; type: KeyType }[];
    direction: 'ASC' | 'DESC';
    limit: number;
    cursor?: string;
  },
): Promise<Page<R>> {
  const { keys, direction, limit, cursor } = options;
  applyKeyset(query, keys, direction, cursor);
  const rows = (await query.limit(limit + 1).getRawMany()) as R[];
  return toPage(rows, limit, (last) => keys.map((key) => cursorValue(last[key.column])));
}
