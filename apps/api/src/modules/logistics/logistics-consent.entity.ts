import type { ConsentCollection, SensitivePurpose } from '@skillbridge/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Enrolment } from '../enrolments/enrolment.entity';
import { User } from '../users/user.entity';

/**
 * A person's separate, specific consent to one purpose of sensitive data
 * (passport for the visa letter, dietary and health for catering), with the
 * version of the notice they were shown and how it was collected. Written
 * once; a new notice version adds a row.
 */
@Entity({ name: 'logistics_consents' })
@Check('CHK_logistics_consents_purpose', `"purpose" IN ('passport', 'dietary')`)
@Check('CHK_logistics_consents_collected', `"collected" IN ('self', 'paper')`)
@Index('UQ_logistics_consents_enrolment_purpose_version', ['enrolmentId', 'purpose', 'noticeVersion'], {
  unique: true,
})
export class LogisticsConsentRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_logistics_consents' })
  id: string;

  @Column({ type: 'uuid' })
  enrolmentId: string;

  @ManyToOne(() => Enrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'FK_logistics_consents_enrolment' })
  enrolment?: Enrolment;

  @Column({ type: 'text' })
  purpose: SensitivePurpose;

  @Column({ type: 'text' })
  noticeVersion: string;

  @Column({ type: 'text' })
  collected: ConsentCollection;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  givenAt: Date;

  /** The person withdrew it (profile page): the data it allowed was deleted then. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_logistics_consents_recorded_by' })
  recorder?: User | null;
}
