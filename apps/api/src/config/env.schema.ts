import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { EnvVar } from './env-var.decorator';

const toBoolean = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
  if (['false', '0', 'no', 'off', ''].includes(normalized)) return false;
  return value;
};

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const blankToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every environment variable the API reads. The process refuses to start when
 * one of them is malformed, before it opens a port or touches a database.
 */
export class EnvSchema {
  @EnvVar({
    description: '`production`, `development` or `test`. Only changes defaults (log format) — behaviour is the same.',
    default: 'production',
  })
  @IsIn(['production', 'development', 'test'])
  NODE_ENV: 'production' | 'development' | 'test' = 'production';

  @EnvVar({ description: 'Interface to listen on. Use `0.0.0.0` in a container.', default: 'localhost' })
  @IsString()
  HOST = 'localhost';

  @EnvVar({ description: 'HTTP port of the API and the web app.', default: '3000' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @EnvVar({
    description:
      'PostgreSQL connection URL. When unset, an embedded PostgreSQL is started with its data under `DATA_DIR`.',
  })
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @EnvVar({
    description: 'Where the embedded PostgreSQL keeps its data (only without `DATABASE_URL`).',
    default: '.data',
  })
  @IsString()
  DATA_DIR = '.data';

  @EnvVar({ description: 'Port of the embedded PostgreSQL; `0` picks a free one at each start.', default: '0' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_PG_PORT = 0;

  @EnvVar({ description: 'Largest number of connections each API process opens to PostgreSQL.', default: '20' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DB_POOL_MAX = 20;

  @EnvVar({ description: 'Statement timeout for every query, in milliseconds.', default: '15000' })
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DB_STATEMENT_TIMEOUT_MS = 15000;

  @EnvVar({
    description: 'Run pending migrations at start-up (under an advisory lock, so replicas may start together).',
    default: 'true',
  })
  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @EnvVar({
    description: 'Log level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.',
    default: 'info',
  })
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @EnvVar({
    description: '`json` (one object per line, for log collectors) or `pretty` (for people).',
    default: 'json',
  })
  @IsIn(['json', 'pretty'])
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  @EnvVar({
    description: 'Folder of the built web app that the API serves at `/`; `none` serves only the API.',
    default: 'dist/apps/web/browser',
  })
  @IsString()
  WEB_ROOT = 'dist/apps/web/browser';

  @EnvVar({ description: 'Comma-separated origins allowed by CORS. Empty keeps CORS closed.', default: '(empty)' })
  @IsString()
  CORS_ORIGINS = '';

  @EnvVar({
    description: 'Trust `X-Forwarded-*` from a reverse proxy (needed for client IPs behind nginx).',
    default: 'false',
  })
  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  @EnvVar({ description: 'Largest JSON request body, in bytes.', default: '1048576' })
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;
}
