import type { LogisticsGender } from '@skillbridge/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Enrolment } from '../enrolments/enrolment.entity';

/**
 * One trainee's travel and stay details for one program. Passport and dietary
 * data are sealed (AES-256-GCM under DATA_ENCRYPTION_KEY, `Secrets`), as JSON,
 * with the purposes `logistics.passport` and `logistics.dietary`: the database
 * alone never reads them. Travel and the emergency contact stay plain (lists
 * and manifests sort and group by them).
 */
@Entity({ name: 'enrolment_logistics' })
@Check('CHK_enrolment_logistics_gender', `"gender" IS NULL OR "gender" IN ('female', 'male', 'unspecified')`)
export class EnrolmentLogisticsRecord {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_enrolment_logistics' })
  enrolmentId: string;

  @OneToOne(() => Enrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'FK_enrolment_logistics_enrolment' })
  enrolment?: Enrolment;

  @Column({ type: 'text', nullable: true })
  gender: LogisticsGender | null;

  @Column({ type: 'timestamptz', nullable: true })
  arrivalAt: Date | null;

  @Column({ type: 'text', nullable: true })
  arrivalCarrier: string | null;

  @Column({ type: 'text', nullable: true })
  arrivalNumber: string | null;

  @Column({ type: 'text', nullable: true })
  arrivalPoint: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  departureAt: Date | null;

  @Column({ type: 'text', nullable: true })
  departureCarrier: string | null;

  @Column({ type: 'text', nullable: true })
  departureNumber: string | null;

  @Column({ type: 'text', nullable: true })
  departurePoint: string | null;

  @Column({ type: 'text', nullable: true })
  emergencyName: string | null;

  @Column({ type: 'text', nullable: true })
  emergencyRelationship: string | null;

  /** E.164 */
  @Column({ type: 'text', nullable: true })
  emergencyPhone: string | null;

  /** `PassportDetails` as JSON, sealed. */
  @Column({ type: 'text', nullable: true })
  passportSealed: string | null;

  /** When the retention job deleted the passport data (SENSITIVE_DATA_RETENTION_DAYS after the program). */
  @Column({ type: 'timestamptz', nullable: true })
  passportDeletedAt: Date | null;

  /** `DietaryDetails` as JSON, sealed. */
  @Column({ type: 'text', nullable: true })
  dietarySealed: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;
}
