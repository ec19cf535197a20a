import { QueryFailedError } from 'typeorm';

interface PgError {
  code?: string;
  constraint?: string;
}

function driverError(error: unknown): PgError | undefined {
  return error instanceof QueryFailedError ? (error.driverError as PgError) : undefined;
}

/** A unique-constraint violation, optionally of the named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = driverError(error);
  return pg?.code === '23505' && (!constraint || pg.constraint === constraint);
}

/** A foreign-key violation (a referenced row is missing, or a referencing row blocks a delete). */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  const pg = driverError(error);
  return pg?.code === '23503' && (!constraint || pg.constraint === constraint);
}
