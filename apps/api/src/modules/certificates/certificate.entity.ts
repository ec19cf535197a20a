import type { CertificateStatus, CertificateTopic, CompletionBasis, LocalizedText } from '@skillbridge/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { numericColumn } from '../../database/transformers';
import { Enrolment } from '../enrolments/enrolment.entity';
import { Program } from '../programs/program.entity';
import { Trainee } from '../trainees/trainee.entity';

/**
 * What a completed enrolment earned, frozen at issue: the holder's names, the
 * program's title, dates, hours and sessions, the issuer and the completion
 * basis are copied here once and never read from live records again — the
 * PDF, the verification page, lists and the credential read only these. A
 * correction is a reissue: a new certificate, the old one revoked and
 * pointing to it. At most one issued certificate per enrolment (a partial
 * unique index), so issuing twice never makes a second one. The serial is for
 * people; the verification code (120 random bits) for the QR and for typing.
 */
@Entity({ name: 'certificates' })
@Check('CHK_certificates_status', `"status" IN ('issued', 'revoked')`)
@Check(
  'CHK_certificates_revoked',
  `"status" <> 'revoked' OR ("revoked_reason" IS NOT NULL AND "revoked_at" IS NOT NULL)`,
)
@Check('CHK_certificates_not_own_replacement', `"replaced_by" IS NULL OR "replaced_by" <> "id"`)
@Index('UQ_certificates_enrolment_issued', ['enrolmentId'], { unique: true, where: `status = 'issued'` })
@Index('IDX_certificates_program_issued', ['programId', 'issuedAt', 'id'])
@Index('IDX_certificates_trainee', ['traineeId', 'issuedAt'])
@Index('IDX_certificates_issued_id', ['issuedAt', 'id'])
export class Certificate {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_certificates' })
  id: string;

  @Index('UQ_certificates_serial', { unique: true })
  @Column({ type: 'text' })
  serial: string;

  @Index('UQ_certificates_verification_code', { unique: true })
  @Column({ type: 'text' })
  verificationCode: string;

  @Index('IDX_certificates_enrolment')
  @Column({ type: 'uuid' })
  enrolmentId: string;

  @ManyToOne(() => Enrolment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'FK_certificates_enrolment' })
  enrolment?: Enrolment;

  @Column({ type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'FK_certificates_trainee' })
  trainee?: Trainee;

  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'FK_certificates_program' })
  program?: Program;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  issuedAt: Date;

  @Column({ type: 'text', default: 'issued' })
  status: CertificateStatus;

  @Column({ type: 'text', nullable: true })
  revokedReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedBy: string | null;

  // ---- frozen at issue ---------------------------------------------------------------------

  @Column({ type: 'text' })
  holderName: string;

  @Column({ type: 'text', nullable: true })
  holderNameLatin: string | null;

  @Column({ type: 'text' })
  programCode: string;

  @Column({ type: 'jsonb' })
  programTitle: LocalizedText;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'text' })
  timeZone: string;

  @Column({ type: 'numeric', precision: 7, scale: 2, transformer: numericColumn })
  hours: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  topics: CertificateTopic[];

  @Column({ type: 'jsonb' })
  completion: CompletionBasis;

  @Column({ type: 'uuid' })
  issuerInstitutionId: string;

  @Column({ type: 'jsonb' })
  issuerName: LocalizedText;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  /** The certificate this one replaced (reissue). */
  @Column({ type: 'uuid', nullable: true })
  replaces: string | null;

  @ManyToOne(() => Certificate, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'replaces', foreignKeyConstraintName: 'FK_certificates_replaces' })
  replacesCertificate?: Certificate | null;

  /** The certificate that replaced this one. */
  @Column({ type: 'uuid', nullable: true })
  replacedBy: string | null;

  @ManyToOne(() => Certificate, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'replaced_by', foreignKeyConstraintName: 'FK_certificates_replaced_by' })
  replacedByCertificate?: Certificate | null;
}
