import type { CertificateStatus } from '@skillbridge/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Enrolment } from '../enrolments/enrolment.entity';
import { Program } from '../programs/program.entity';
import { Trainee } from '../trainees/trainee.entity';

/**
 * One per completed enrolment (the unique enrolment_id makes issuing twice
 * impossible). The serial is for people; the verification code, 128 random
 * bits, is the only key the public verification page accepts.
 */
@Entity({ name: 'certificates' })
@Check('CHK_certificates_status', `"status" IN ('issued', 'revoked')`)
@Check(
  'CHK_certificates_revoked',
  `"status" <> 'revoked' OR ("revoked_reason" IS NOT NULL AND "revoked_at" IS NOT NULL)`,
)
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

  @Index('UQ_certificates_enrolment', { unique: true })
  @Column({ type: 'uuid' })
  enrolmentId: string;

  @OneToOne(() => Enrolment, { onDelete: 'RESTRICT' })
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
}
