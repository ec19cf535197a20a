import { Global, Injectable, Module } from '@nestjs/common';
import { AppConfig } from '../../config';
import { SecretBox } from './secret-box';

/**
 * The SecretBox of DATA_ENCRYPTION_KEY: two-factor secrets are sealed with
 * it, the secret half of e-mailed links is a MAC under it.
 */
@Injectable()
export class Secrets extends SecretBox {
  constructor(config: AppConfig) {
    if (!config.DATA_ENCRYPTION_KEY) {
      throw new Error('DATA_ENCRYPTION_KEY is not set (main.ts provides one for the embedded database)');
    }
    super(config.DATA_ENCRYPTION_KEY);
  }
}

/** Global: the auth module seals two-factor secrets, the outbox rebuilds e-mailed links. */
@Global()
@Module({ providers: [Secrets], exports: [Secrets] })
export class SecretsModule {}
