import { Injectable } from '@nestjs/common';
import { generateEd25519Key, type SigningKey } from '@skillbridge/credentials';
import type { EntityManager } from 'typeorm';
import { SecretBox } from '../../common/crypto/secret-box';
import { AppConfig } from '../../config';
import { IssuerKey } from './issuer-key.entity';
import { CredentialUrls } from './open-badge';

const SEAL_PURPOSE = 'credential-issuer-key';

/**
 * The host institutions' Ed25519 signing keys: one current key each, made on
 * first use; an admin's rotation retires it and makes the next. Private keys
 * are sealed with a SecretBox over CREDENTIAL_KEY_SECRET.
 */
@Injectable()
export class IssuerKeysService {
  private readonly box: SecretBox;
  private readonly urls: CredentialUrls;

  constructor(config: AppConfig) {
    if (!config.CREDENTIAL_KEY_SECRET) {
      throw new Error('CREDENTIAL_KEY_SECRET is not set (main.ts provides one for the embedded database)');
    }
    this.box = new SecretBox(config.CREDENTIAL_KEY_SECRET);
    this.urls = new CredentialUrls(config.publicUrl);
  }

  /** Every key of the institution, oldest first: the current one and those retired. */
  all(manager: EntityManager, institutionId: string): Promise<IssuerKey[]> {
    return manager.find(IssuerKey, { where: { institutionId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * The institution's current key, made now if it has none. Two requests
   * making the first key at once agree on one: the second insert finds the
   * first (the partial unique index on current keys) and takes it.
   */
  async current(manager: EntityManager, institutionId: string): Promise<IssuerKey> {
    const current = await this.findCurrent(manager, institutionId);
    if (current) return current;
    await this.insert(manager, institutionId, 'ON CONFLICT ("institution_id") WHERE "retired_at" IS NULL DO NOTHING');
    const made = await this.findCurrent(manager, institutionId);
    if (!made) throw new Error(`no current signing key for institution ${institutionId}`);
    return made;
  }

  /**
   * Retires the current key (it stays published, so what it signed still
   * verifies) and makes the next, under the institution's row lock so that
   * two rotations at once make two keys one after the other, not a conflict.
   */
  async rotate(manager: EntityManager, institutionId: string): Promise<IssuerKey> {
    await manager.query('SELECT 1 FROM institutions WHERE id = $1 FOR UPDATE', [institutionId]);
    await manager.query('UPDATE issuer_keys SET retired_at = now() WHERE institution_id = $1 AND retired_at IS NULL', [
      institutionId,
    ]);
    await this.insert(manager, institutionId, '');
    return (await this.findCurrent(manager, institutionId)) as IssuerKey;
  }

  /** The key ready to sign, as the issuer document publishes it. */
  signingKey(key: IssuerKey): SigningKey {
    return {
      id: this.urls.key(key.institutionId, key.publicKeyMultibase),
      controller: this.urls.issuer(key.institutionId),
      publicKeyMultibase: key.publicKeyMultibase,
      secretKeyMultibase: this.box.open(key.sealedSecretKey, SEAL_PURPOSE),
    };
  }

  private findCurrent(manager: EntityManager, institutionId: string): Promise<IssuerKey | null> {
    return manager
      .createQueryBuilder(IssuerKey, 'k')
      .where('k.institution_id = :institutionId AND k.retired_at IS NULL', { institutionId })
      .getOne();
  }

  private async insert(manager: EntityManager, institutionId: string, onConflict: string): Promise<void> {
    const key = await generateEd25519Key();
    await manager.query(
      `INSERT INTO issuer_keys (institution_id, public_key_multibase, sealed_secret_key) VALUES ($1, $2, $3) ${onConflict}`,
      [institutionId, key.publicKeyMultibase, this.box.seal(key.secretKeyMultibase, SEAL_PURPOSE)],
    );
  }
}
