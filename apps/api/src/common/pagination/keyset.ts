import type { Page } from '@skillbridge/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ProblemException } from '../problem/problem.exception';

/** One column of a keyset ordering: the SQL expression and the entity property holding its value. */
export interface SortKey<T> {
  expression: string;
  property: keyof T & string;
}

type CursorValue = string | number;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through: not a cursor we issued
  }
  throw ProblemException.invalidField('cursor', 'INVALID_CURSOR', 'validation.cursor');
}

function cursorValue(value: unknown): CursorValue {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

/** Continues strictly after the cursor's row (if any) and orders by the keys, all in one direction. */
function applyKeyset(
  query: SelectQueryBuilder<ObjectLiteral>,
  expressions: string[],
  direction: 'ASC' | 'DESC',
  cursor: string | undefined,
): void {
  if (cursor) {
    const values = decodeCursor(cursor, expressions.length);
    const params = Object.fromEntries(values.map((value, index) => [`cursor${index}`, value]));
    const right = values.map((_v, index) => `:cursor${index}`).join(', ');
    query.andWhere(`(${expressions.join(', ')}) ${direction === 'DESC' ? '<' : '>'} (${right})`, params);
  }
  expressions.forEach((expression, index) =>
    index === 0 ? query.orderBy(expression, direction) : query.addOrderBy(expression, direction),
  );
}

function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => CursorValue[]): Page<T> {
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
  applyKeyset(
    query,
    keys.map((key) => key.expression),
    direction,
    cursor,
  );
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
    keys: { expression: string; column: keyof R & string }[];
    direction: 'ASC' | 'DESC';
    limit: number;
    cursor?: string;
  },
): Promise<Page<R>> {
  const { keys, direction, limit, cursor } = options;
  applyKeyset(
    query,
    keys.map((key) => key.expression),
    direction,
    cursor,
  );
  const rows = (await query.limit(limit + 1).getRawMany()) as R[];
  return toPage(rows, limit, (last) => keys.map((key) => cursorValue(last[key.column])));
}
