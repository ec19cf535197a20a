import type { LocalizedText } from '@skillbridge/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Institution } from '../../institutions/institution.entity';
import { CertificateDesignImage } from './certificate-design-image.entity';

/** A signatory as stored: the signature is the SHA-256 of an image in certificate_design_images. */
export interface StoredSignatory {
  name: LocalizedText;
  title: LocalizedText;
  signature?: string;
}

/**
 * One version of a host institution's certificate design. Versions are only
 * ever added (each change saves a new one): a certificate is drawn with the
 * version that was current when it was issued, so a new logo, seal or
 * signatory never changes a certificate already given out — and a rendered
 * PDF can be kept for good. The current design is the newest version.
 */
@Entity({ name: 'certificate_designs' })
@Check('CHK_certificate_designs_accent', `"accent_color" IS NULL OR "accent_color" ~ '^#[0-9A-F]{6}$'`)
@Check(
  'CHK_certificate_designs_signatories',
  `jsonb_typeof("signatories") = 'array' AND jsonb_array_length("signatories") <= 2`,
)
@Index('IDX_certificate_designs_institution_created', ['institutionId', 'createdAt'])
export class CertificateDesign {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_certificate_designs' })
  id: string;

  @Column({ type: 'uuid' })
  institutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'FK_certificate_designs_institution' })
  institution?: Institution;

  /** '#RRGGBB' (upper case); null: the default navy. */
  @Column({ type: 'text', nullable: true })
  accentColor: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  signatories: StoredSignatory[];

  @Column({ type: 'text', nullable: true })
  logo: string | null;

  @ManyToOne(() => CertificateDesignImage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'logo', foreignKeyConstraintName: 'FK_certificate_designs_logo' })
  logoImage?: CertificateDesignImage;

  @Column({ type: 'text', nullable: true })
  seal: string | null;

  @ManyToOne(() => CertificateDesignImage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'seal', foreignKeyConstraintName: 'FK_certificate_designs_seal' })
  sealImage?: CertificateDesignImage;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}
