import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Certificate } from '../certificate.entity';

/**
 * A certificate's PDF in one language, rendered once and kept: what a
 * certificate vouches for never changes after issue, and it is drawn with the
 * design of its issue date. Revocation changes only its state — the revoked
 * rendering (with its stamp) is a variant of its own, made on the first
 * download after the revocation.
 */
@Entity({ name: 'certificate_documents' })
export class CertificateDocument {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_certificate_documents' })
  certificateId: string;

  @ManyToOne(() => Certificate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'certificate_id', foreignKeyConstraintName: 'FK_certificate_documents_certificate' })
  certificate?: Certificate;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_certificate_documents' })
  language: string;

  @PrimaryColumn({ type: 'boolean', primaryKeyConstraintName: 'PK_certificate_documents' })
  revoked: boolean;

  @Column({ type: 'bytea' })
  pdf: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
