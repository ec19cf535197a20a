import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Institution } from '../institutions/institution.entity';

/**
 * An Ed25519 key a host institution signs its credentials (and status lists)
 * with. One is current (retired_at null) per institution — made on first
 * use; rotation retires it and makes another. Retired keys stay published in
 * the issuer document so that what they signed still verifies. The private
 * key is sealed with CREDENTIAL_KEY_SECRET; the database alone cannot sign.
 */
@Entity({ name: 'issuer_keys' })
@Index('UQ_issuer_keys_current', ['institutionId'], { unique: true, where: '"retired_at" IS NULL' })
@Index('IDX_issuer_keys_institution', ['institutionId', 'createdAt'])
export class IssuerKey {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_issuer_keys' })
  id: string;

  @Column({ type: 'uuid' })
  institutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'FK_issuer_keys_institution' })
  institution?: Institution;

  /** The Multikey public key (`z6Mk…`); also the key's fragment in `<issuer id>#<public key>`. */
  @Index('UQ_issuer_keys_public_key', { unique: true })
  @Column({ type: 'text' })
  publicKeyMultibase: string;

  /** The secret key multibase, sealed (AES-256-GCM under a key derived from CREDENTIAL_KEY_SECRET). */
  @Column({ type: 'text' })
  sealedSecretKey: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  retiredAt: Date | null;
}
