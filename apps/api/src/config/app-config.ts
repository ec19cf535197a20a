import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { documentedEnvVars } from './env-var.decorator';
import { EnvSchema } from './env.schema';

/** The validated environment; injected wherever configuration is needed. */
export class AppConfig extends EnvSchema {
  get webRoot(): string | null {
    return this.WEB_ROOT.trim() === '' || this.WEB_ROOT === 'none' ? null : this.WEB_ROOT;
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

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (message) => `${error.property}=${JSON.stringify(error.value)}: ${message.replace(`${error.property} `, '')}`,
    ),
  );
}

/** Reads and validates the environment; throws InvalidConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = documentedEnvVars().map((v) => v.name);
  const relevant = Object.fromEntries(Object.entries(env).filter(([key]) => known.includes(key)));
  const config = plainToInstance(AppConfig, relevant);
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new InvalidConfigError(describe(errors));
  return config;
}
