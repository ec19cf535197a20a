import type { ValueTransformer } from 'typeorm';

/** PostgreSQL `numeric` comes back as text (exact); these columns are small and read as numbers. */
export const numericColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
