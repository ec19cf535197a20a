import { ROLES, type Role } from '@skillbridge/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { documentedEnvVars } from './env-var.decorator';
import { EnvSchema } from './env.schema';
import { JWT_SECRET_MIN_LENGTH, jwtSecretWeakness } from './jwt-secret';

/** The validated environment; injected wherever configuration is needed. */
export class AppConfig extends EnvSchema {
  get webRoot(): string | null {
    return this.WEB_ROOT.trim() === '' || this.WEB_ROOT === 'none' ? null : this.WEB_ROOT;
  }

  /** Demo data is on by default only for the embedded database. */
  get demoData(): boolean {
    return this.DEMO_DATA ?? !this.DATABASE_URL;
  }

  /** Where people open the web app: certificate QR codes and links point here. */
  get publicUrl(): string {
    return (this.PUBLIC_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }

  /** Roles that must sign in with two factors: `admin,partner` in deployments, none for the embedded demo. */
  get mfaRequiredRoles(): Role[] {
    const listed = this.MFA_REQUIRED_ROLES ?? (this.DATABASE_URL ? 'admin,partner' : '');
    return listed
      .split(',')
      .map((role) => role.trim())
      .filter((role): role is Role => (ROLES as readonly string[]).includes(role));
  }

  /** DATABASE_REPLICA_URLS as a list; empty: no replicas, and no `replication` option at all. */
  get replicaUrls(): string[] {
    return this.DATABASE_REPLICA_URLS.split(',')
      .map((url) => url.trim())
      .filter(Boolean);
  }

  get corsOrigins(): string[] {
    return this.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
  }
}

export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidConfigError';
  }
}

/** Variables whose values never appear in an error message (it goes to the logs). */
const SECRET_VARS = new Set([
  'DATABASE_REPLICA_URLS',
  'JWT_SECRET',
  'DATA_ENCRYPTION_KEY',
  'CREDENTIAL_KEY_SECRET',
  'ADMIN_PASSWORD',
]);

function shown(property: string, value: unknown): string {
  if (SECRET_VARS.has(property) && typeof value === 'string') return `(${value.length} characters, not shown)`;
  return JSON.stringify(value);
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (message) =>
        `${error.property}=${shown(error.property, error.value)}: ${message.replace(`${error.property} `, '')}`,
    ),
  );
}

function crossFieldProblems(config: AppConfig): string[] {
  const problems: string[] = [];
  if (config.DATABASE_URL && !config.JWT_SECRET) {
    problems.push('JWT_SECRET is required when DATABASE_URL is set (32+ random characters, the same on every replica)');
  }
  // Shorter ones are already refused by the schema, in every environment.
  for (const name of ['JWT_SECRET', 'DATA_ENCRYPTION_KEY', 'CREDENTIAL_KEY_SECRET'] as const) {
    const value = config[name];
    if (config.NODE_ENV !== 'production' || !value || value.length < JWT_SECRET_MIN_LENGTH) continue;
    const weakness = jwtSecretWeakness(value);
    if (weakness) {
      problems.push(
        `${name} is refused in production: ${weakness}. Use ${JWT_SECRET_MIN_LENGTH}+ random characters, e.g. \`openssl rand -base64 48\``,
      );
    }
  }
  if (config.DATABASE_URL && !config.DATA_ENCRYPTION_KEY) {
    problems.push(
      'DATA_ENCRYPTION_KEY is required when DATABASE_URL is set (32+ random characters, the same on every replica, kept apart from JWT_SECRET)',
    );
  }
  if (config.JWT_SECRET && config.DATA_ENCRYPTION_KEY && config.JWT_SECRET === config.DATA_ENCRYPTION_KEY) {
    problems.push('DATA_ENCRYPTION_KEY must differ from JWT_SECRET');
  }
  if (config.DATABASE_URL && !config.CREDENTIAL_KEY_SECRET) {
    problems.push(
      'CREDENTIAL_KEY_SECRET is required when DATABASE_URL is set (32+ random characters, the same on every replica, kept apart from JWT_SECRET and DATA_ENCRYPTION_KEY)',
    );
  }
  if (
    config.CREDENTIAL_KEY_SECRET &&
    [config.JWT_SECRET, config.DATA_ENCRYPTION_KEY].includes(config.CREDENTIAL_KEY_SECRET)
  ) {
    problems.push('CREDENTIAL_KEY_SECRET must differ from JWT_SECRET and DATA_ENCRYPTION_KEY');
  }
  if (config.DATABASE_URL && config.NODE_ENV === 'production' && !config.PUBLIC_URL) {
    problems.push(
      'PUBLIC_URL is required in production with DATABASE_URL: certificate QR codes and e-mailed links carry it (e.g. https://skillbridge.example.edu.cn)',
    );
  }
  if (config.DATABASE_URL && config.replicaUrls.includes(config.DATABASE_URL.trim())) {
    problems.push('DATABASE_REPLICA_URLS must not list DATABASE_URL: the replicas are other servers');
  }
  if (Boolean(config.ADMIN_EMAIL) !== Boolean(config.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
  }
  return problems;
}

/** Reads and validates the environment; throws InvalidConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = documentedEnvVars().map((v) => v.name);
  const relevant = Object.fromEntries(Object.entries(env).filter(([key]) => known.includes(key)));
  const config = plainToInstance(AppConfig, relevant);
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  const problems = [...describe(errors), ...crossFieldProblems(config)];
  if (problems.length > 0) throw new InvalidConfigError(problems);
  return config;
}
