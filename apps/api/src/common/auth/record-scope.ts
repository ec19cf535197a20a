import type { Role } from '@skillbridge/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ProblemException } from '../problem/problem.exception';
import type { Viewer } from './viewer';

/** A condition on the record's row (table alias `alias`) with its parameters. */
export type ScopeCondition = (alias: string, viewer: Viewer) => { where: string; params: Record<string, unknown> };

/**
 * Which records of one kind a role may see, declared once per kind:
 * `'all'`, `'none'`, "this column of the record equals that attribute of the
 * viewer" (a partner sees trainees whose institution is its own), or an SQL
 * condition for rules that need other tables (a partner sees the programs its
 * institution takes part in). Lists are filtered with the rule in SQL; single
 * records are checked in code (column rules) or fetched through the same
 * filtered query (SQL rules) — one definition either way.
 */
export type RoleScope<T> =
  | 'all'
  | 'none'
  | { column: keyof T & string; sqlColumn: string; equals: (viewer: Viewer) => string | null }
  | { sql: ScopeCondition };

export type RecordScope<T> = Readonly<Record<Role, RoleScope<T>>>;

export function defineScope<T>(scope: RecordScope<T>): RecordScope<T> {
  return scope;
}

/** Whether the viewer may see this record. */
export function canSee<T>(scope: RecordScope<T>, viewer: Viewer, record: T): boolean {
  const rule = scope[viewer.role];
  if (rule === 'all') return true;
  if (rule === 'none') return false;
  if ('sql' in rule) throw new Error('an SQL scope is checked by querying through scopeQuery(), not in code');
  const expected = rule.equals(viewer);
  return expected !== null && record[rule.column] === expected;
}

/** The record if the viewer may see it; otherwise 404 — a record you may not see does not exist for you. */
export function visibleOr404<T>(scope: RecordScope<T>, viewer: Viewer, record: T | null | undefined): T {
  if (!record || !canSee(scope, viewer, record)) throw ProblemException.notFound();
  return record;
}

/** Narrows a list query to what the viewer may see. */
export function scopeQuery<T extends ObjectLiteral, R>(
  scope: RecordScope<R>,
  viewer: Viewer,
  query: SelectQueryBuilder<T>,
  alias = query.alias,
): SelectQueryBuilder<T> {
  const rule = scope[viewer.role];
  if (rule === 'all') return query;
  if (rule === 'none') return query.andWhere('FALSE');
  if ('sql' in rule) {
    const { where, params } = rule.sql(alias, viewer);
    return query.andWhere(`(${where})`, params);
  }
  const expected = rule.equals(viewer);
  if (expected === null) return query.andWhere('FALSE');
  return query.andWhere(`${alias}.${rule.sqlColumn} = :scopeValue`, { scopeValue: expected });
}
