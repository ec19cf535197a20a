import type { Role } from '@skillbridge/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ProblemException } from '../problem/problem.exception';
import type { Viewer } from './viewer';

/**
 * Which records of one kind a role may see, declared once per kind:
 * `'all'`, `'none'`, or "this column of the record equals that attribute of
 * the viewer" (e.g. a partner sees trainees whose institution is its own).
 * The same rule filters lists in SQL and checks single records in code.
 */
export type RoleScope<T> =
  'all' | 'none' | { column: keyof T & string; sqlColumn: string; equals: (viewer: Viewer) => string | null };

export type RecordScope<T> = Readonly<Record<Role, RoleScope<T>>>;

export function defineScope<T>(scope: RecordScope<T>): RecordScope<T> {
  return scope;
}

/** Whether the viewer may see this record. */
export function canSee<T>(scope: RecordScope<T>, viewer: Viewer, record: T): boolean {
  const rule = scope[viewer.role];
  if (rule === 'all') return true;
  if (rule === 'none') return false;
  const expected = rule.equals(viewer);
  return expected !== null && record[rule.column] === expected;
}

/** The record if the viewer may see it; otherwise 404 — a record you may not see does not exist for you. */
export function visibleOr404<T>(scope: RecordScope<T>, viewer: Viewer, record: T | null | undefined): T {
  if (!record || !canSee(scope, viewer, record)) throw ProblemException.notFound();
  return record;
}

/** Narrows a list query to what the viewer may see. */
export function scopeQuery<T extends ObjectLiteral>(
  scope: RecordScope<unknown>,
  viewer: Viewer,
  query: SelectQueryBuilder<T>,
  alias = query.alias,
): SelectQueryBuilder<T> {
  const rule = scope[viewer.role];
  if (rule === 'all') return query;
  const expected = rule === 'none' ? null : rule.equals(viewer);
  if (rule === 'none' || expected === null) return query.andWhere('FALSE');
  return query.andWhere(`${alias}.${rule.sqlColumn} = :scopeValue`, { scopeValue: expected });
}
