/**
 * Every fixed key of a PostgreSQL advisory lock the API takes, in one place:
 * two uses of one key serialise against each other. (The seeding lock once
 * took the trainee import's key; the demo loader imports trainees while the
 * start-up holds the seeding lock, and waited for itself until the statement
 * timeout stopped the start.) Keys built from text (`hashtext('consents:…')`)
 * are per record and not listed here.
 */
export const ADVISORY_LOCK_KEYS = {
  /** Migrations: one process at a time (migrate.ts). */
  migrations: 7_460_331_205,
  /** Trainee imports: one at a time, so two files naming the same people cannot deadlock (trainees.service.ts). */
  traineeImport: 7_460_331_206,
  /** Start-up seeding — the first admin, the demo data: one process at a time (migrate.ts). */
  seeding: 7_460_331_207,
  /** Logistics reminders and clean-up: one process per round (logistics-jobs.service.ts). */
  logisticsJobs: 2_020_001,
} as const;
