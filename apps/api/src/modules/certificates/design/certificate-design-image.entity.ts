import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An image of a certificate design (logo, seal, signature), stored once by
 * the SHA-256 of its bytes and never changed. In PostgreSQL like all other
 * state: every API replica reads the same images, backups hold them, and a
 * design's versions can share them. At most 1 MiB each, checked on upload.
 */
@Entity({ name: 'certificate_design_images' })
@Check('CHK_certificate_design_images_type', `"content_type" IN ('image/png', 'image/jpeg')`)
@Check('CHK_certificate_design_images_size', `octet_length("data") <= 1048576`)
export class CertificateDesignImage {
  /** Lower-case hex SHA-256 of `data`. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_certificate_design_images' })
  sha256: string;

  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  @Column({ type: 'bytea' })
  data: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
