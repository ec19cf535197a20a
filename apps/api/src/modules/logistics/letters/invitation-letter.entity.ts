import type { LocalizedText, ProgramKind } from '@skillbridge/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Enrolment } from '../../enrolments/enrolment.entity';

/**
 * A visa invitation letter as issued (issue 20): its reference, and a frozen
 * snapshot of the facts it vouches for that are not passport data. The
 * passport data itself is never copied here — only an HMAC of what the letter
 * was issued for (`Secrets.mac`), so a later download knows whether it still
 * fits; the PDF is drawn from this row and the current sealed passport data,
 * and never stored. A change of the passport data (or of a frozen fact)
 * supersedes the letter and issues a new one with a new reference; at most one
 * letter per enrolment is current.
 */
@Entity({ name: 'invitation_letters' })
@Index('UQ_invitation_letters_reference', ['reference'], { unique: true })
@Index('UQ_invitation_letters_current', ['enrolmentId'], { unique: true, where: '"superseded_at" IS NULL' })
@Index('IDX_invitation_letters_enrolment', ['enrolmentId', 'issuedAt'])
export class InvitationLetter {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_invitation_letters' })
  id: string;

  /** `SB-INV-2027-000123`: printed on the letter, in its QR, and what the public verifies. */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'uuid' })
  enrolmentId: string;

  @ManyToOne(() => Enrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'FK_invitation_letters_enrolment' })
  enrolment?: Enrolment;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  issuedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  /** The trainee's name as the platform knew it at issue (own script), and in Latin letters when known. */
  @Column({ type: 'text' })
  holderName: string;

  @Column({ type: 'text', nullable: true })
  holderNameLatin: string | null;

  @Column({ type: 'jsonb' })
  programTitle: LocalizedText;

  @Column({ type: 'text' })
  programKind: ProgramKind;

  /** `YYYY-MM-DD` */
  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  /** The program's IANA zone: the letter's date is read in it. */
  @Column({ type: 'text' })
  timeZone: string;

  /** Whose letterhead: its certificate design as of `issuedAt` draws the letter. */
  @Column({ type: 'uuid' })
  hostInstitutionId: string;

  @Column({ type: 'jsonb' })
  hostName: LocalizedText;

  /** HMAC-SHA256 (purpose `invitation-letter.passport`) of the passport data the letter was issued for. */
  @Column({ type: 'bytea' })
  passportMac: Buffer;
}
