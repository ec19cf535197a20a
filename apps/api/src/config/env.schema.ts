import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { IsEmailAddress } from '../common/validation/validators';
import { EnvVar } from './env-var.decorator';
import { JWT_SECRET_MIN_LENGTH } from './jwt-secret';
import { IsTrustProxy, toTrustProxy, type TrustProxy } from './trust-proxy';

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
    description:
      '`production`, `development` or `test`. Changes defaults (log format), and `production` refuses a weak or placeholder `JWT_SECRET`.',
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

  @EnvVar({
    description:
      "Read replicas (PostgreSQL streaming standbys of `DATABASE_URL`), comma-separated `postgres://` URLs with the same user. GETs of read-only routes (catalog, verification, lists, rosters, reports, exports, calendar feeds) read from a healthy one; writes, transactions, background work and a caller's reads right after they wrote use the primary. Empty: no replicas.",
    default: '(empty)',
  })
  @Matches(/^\s*(postgres(ql)?:\/\/[^,\s]+\s*(,\s*postgres(ql)?:\/\/[^,\s]+\s*)*)?$/, {
    message: 'must be comma-separated postgres:// or postgresql:// URLs, or empty',
  })
  DATABASE_REPLICA_URLS = '';

  @EnvVar({
    description:
      "After a request that may write (POST, PUT, PATCH, DELETE), that caller's reads stay on the primary this long, in milliseconds (a signed cookie, valid on every API process), so they see their own write.",
    default: '2000',
  })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  REPLICA_READ_AFTER_WRITE_MS = 2000;

  @EnvVar({
    description:
      'A replica further behind the primary than this, in milliseconds, is skipped until it catches up. Keep it below `REPLICA_READ_AFTER_WRITE_MS`: then the window also covers a write made through another browser or device a moment ago.',
    default: '1000',
  })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  REPLICA_MAX_LAG_MS = 1000;

  @EnvVar({
    description: 'How often each API process checks each replica (reachable, lag), in milliseconds.',
    default: '1000',
  })
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  REPLICA_CHECK_INTERVAL_MS = 1000;

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
    description:
      'JavaScript heap of each thread that reads uploaded spreadsheets, in MB. A file that needs more (a hostile workbook past the ZIP checks) ends only its thread and is refused with a 400 naming `file`.',
    default: '384',
  })
  @Transform(toInt)
  @IsInt()
  @Min(32)
  @Max(4096)
  IMPORT_THREAD_HEAP_MB = 384;

  @EnvVar({
    description:
      'Uploaded spreadsheets that may wait for a reading thread (per API process); past that an import is answered 503 with `Retry-After`.',
    default: '8',
  })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  IMPORT_QUEUE_MAX = 8;

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
    description:
      "Whose `X-Forwarded-For` gives the client IP (throttling, audit): `false` nobody's; a hop count (`1`: one proxy, like the compose nginx); or the proxies' addresses/CIDRs (`127.0.0.1,10.0.0.0/8`). `true` is refused: clients write the first entries.",
    default: 'false',
  })
  @Transform(toTrustProxy)
  @IsTrustProxy()
  TRUST_PROXY: TrustProxy = false;

  @EnvVar({
    description:
      'Address people reach the web app at, used in certificate QR codes, credentials and e-mailed links (e.g. `https://skillbridge.example.edu.cn`). Required in production with `DATABASE_URL`; otherwise defaults to `http://localhost:<PORT>`.',
  })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_URL?: string;

  @EnvVar({
    description:
      'SMTP server for e-mail, e.g. `smtps://user:pass@smtp.example.edu.cn:465`. Unset: e-mail goes to the development mailbox (`/admin/mailbox`).',
  })
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @EnvVar({ description: 'Sender of e-mail (`From:`).', default: 'Skillbridge <no-reply@skillbridge.local>' })
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Skillbridge <no-reply@skillbridge.local>';

  @EnvVar({
    description: 'Run the outbox worker that delivers e-mail in this process. Every replica may run one.',
    default: 'true',
  })
  @Transform(toBoolean)
  @IsBoolean()
  OUTBOX_WORKER = true;

  @EnvVar({
    description:
      'Days after a program’s end after which its trainees’ passport data is deleted (camp logistics; each deletion is audited, the rest of their details is kept).',
    default: '90',
  })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3650)
  SENSITIVE_DATA_RETENTION_DAYS = 90;

  @EnvVar({
    description:
      'Years without any activity after which a trainee is anonymized by the daily retention job (their certificates stay verifiable); also the period the privacy notice states.',
    default: '5',
  })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  RETENTION_YEARS = 5;

  @EnvVar({
    description: 'Days the in-app mailbox keeps a copy of each e-mail sent before the daily retention job deletes it.',
    default: '90',
  })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  MAILBOX_RETENTION_DAYS = 90;

  @EnvVar({
    description: 'How often the outbox worker looks for e-mail to send when idle, in milliseconds.',
    default: '1000',
  })
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(600_000)
  OUTBOX_POLL_MS = 1000;

  @EnvVar({
    description: 'First retry delay of a failed e-mail, in milliseconds; it doubles with each attempt (up to an hour).',
    default: '30000',
  })
  @Transform(toInt)
  @IsInt()
  @Min(10)
  OUTBOX_RETRY_BASE_MS = 30_000;

  @EnvVar({ description: 'Attempts to deliver one e-mail before it is marked failed.', default: '10' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  OUTBOX_MAX_ATTEMPTS = 10;

  @EnvVar({ description: 'Certificate verifications per client IP per minute before 429.', default: '60' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  VERIFY_RATE_LIMIT_PER_MINUTE = 60;

  @EnvVar({
    description:
      'Certificate verifications by serial (rather than by code) per client IP per minute before 429: serials run in sequence, so this keeps anyone from walking them.',
    default: '10',
  })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  VERIFY_SERIAL_RATE_LIMIT_PER_MINUTE = 10;

  @EnvVar({
    description:
      'Open-catalog look-ups (GET /public/programs…, the share image and the poster) per client IP per minute before 429.',
    default: '300',
  })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CATALOG_RATE_LIMIT_PER_MINUTE = 300;

  @EnvVar({ description: 'Largest JSON request body, in bytes.', default: '1048576' })
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  @EnvVar({
    description:
      'Secret that signs access tokens: 32+ random characters, e.g. `openssl rand -base64 48`; in production a placeholder or hand-made value is refused (see above). Required with `DATABASE_URL`; with the embedded database one is generated and kept in `DATA_DIR`.',
  })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(JWT_SECRET_MIN_LENGTH)
  JWT_SECRET?: string;

  @EnvVar({ description: 'Lifetime of an access token, in seconds.', default: '900' })
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86_400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @EnvVar({
    description:
      "How long, in milliseconds, a process may reuse an account's status (role, disabled, token version) for the requests it authenticates. Changes made through this process take effect at once; other replicas see them within this time. `0` reads the account on every request.",
    default: '2000',
  })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  VIEWER_CACHE_MS = 2000;

  @EnvVar({ description: 'Lifetime of a sign-in (the refresh cookie), in days.', default: '14' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 14;

  @EnvVar({
    description: 'Mark the refresh cookie `Secure` (browsers accept it on http://localhost too).',
    default: 'true',
  })
  @Transform(toBoolean)
  @IsBoolean()
  COOKIE_SECURE = true;

  @EnvVar({
    description:
      'Failed sign-ins (passwords or two-factor codes) for one account from one client IP within the window before that client gets 429 for that account. The right password from a client that has not been failing still signs in.',
    default: '5',
  })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  @EnvVar({
    description:
      "Failed sign-ins for one account from all clients together within the window after which the account's sign-in is locked (429 `ACCOUNT_LOCKED`) until the window passes or its owner follows the unlock link e-mailed to them.",
    default: '50',
  })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LOCK_AFTER_FAILURES = 50;

  @EnvVar({
    description: 'Failed sign-ins per client IP within the window before further attempts get 429.',
    default: '30',
  })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_IP = 30;

  @EnvVar({ description: 'The sign-in throttling window, in minutes.', default: '15' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_MINUTES = 15;

  @EnvVar({
    description:
      'How many minutes before a session starts its attendance may be taken; earlier writes get 409 `SESSION_NOT_STARTED`.',
    default: '30',
  })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1440)
  ATTENDANCE_OPENS_MINUTES_BEFORE = 30;

  @EnvVar({
    description: 'Self-registrations from one client IP per hour before further ones get 429.',
    default: '20',
  })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REGISTER_MAX_PER_IP_PER_HOUR = 20;

  @EnvVar({
    description:
      'Account e-mails (verification, password reset, unlock) one address receives per hour, and requests for them one client IP may make per hour (three times as many). Further requests to resend a verification get 429; further reset requests are answered as usual but send nothing.',
    default: '5',
  })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  ACCOUNT_MAIL_MAX_PER_HOUR = 5;

  @EnvVar({
    description:
      'Roles that must sign in with two factors (comma-separated: `admin`, `partner`, `instructor`, `trainee`); such an account without two-factor may only set it up. Defaults to `admin,partner` with `DATABASE_URL` and to none for the embedded demo.',
  })
  @IsOptional()
  @Matches(/^\s*((admin|partner|instructor|trainee)\s*(,\s*(admin|partner|instructor|trainee)\s*)*)?$/, {
    message: 'must be a comma-separated list of roles (admin, partner, instructor, trainee), or empty',
  })
  MFA_REQUIRED_ROLES?: string;

  @EnvVar({
    description:
      'Key (32+ random characters) that encrypts secrets kept in the database (two-factor secrets) and signs the links e-mailed for account actions. Required with `DATABASE_URL`, the same on every replica; with the embedded database one is generated and kept in `DATA_DIR`.',
  })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32)
  DATA_ENCRYPTION_KEY?: string;

  @EnvVar({
    description:
      'Key (32+ random characters) that encrypts the private keys institutions sign their Open Badges credentials with. Required with `DATABASE_URL`, the same on every replica, different from `JWT_SECRET` and `DATA_ENCRYPTION_KEY`; losing it means new signing keys (old credentials still verify). With the embedded database one is generated and kept in `DATA_DIR`.',
  })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32)
  CREDENTIAL_KEY_SECRET?: string;

  @EnvVar({
    description:
      'Load the demo institutions and accounts into an empty database. Defaults to on for the embedded database, off with `DATABASE_URL`.',
  })
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  DEMO_DATA?: boolean;

  @EnvVar({
    description: 'E-mail of the first admin, created on a start when no admin exists (with `ADMIN_PASSWORD`).',
  })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsEmailAddress()
  ADMIN_EMAIL?: string;

  @EnvVar({ description: 'Password of that first admin (10+ characters); change it after the first sign-in.' })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(10)
  ADMIN_PASSWORD?: string;
}
