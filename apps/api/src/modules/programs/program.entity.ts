import type { DeliveryMode, LocalizedText, ProgramKind, ProgramStatus } from '@skillbridge/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { numericColumn } from '../../database/transformers';
import { Institution } from '../institutions/institution.entity';

/**
 * A training camp or an overseas course. Its dates are calendar dates in its
 * own time zone; the seat counters are maintained with the enrolments, and
 * PostgreSQL itself keeps confirmed seats within capacity.
 */
@Entity({ name: 'programs' })
@Check('CHK_programs_kind', `"kind" IN ('camp', 'course')`)
@Check('CHK_programs_delivery_mode', `"delivery_mode" IN ('online', 'onsite', 'hybrid')`)
@Check('CHK_programs_status', `"status" IN ('draft', 'published', 'completed', 'cancelled')`)
@Check('CHK_programs_dates', `"end_date" >= "start_date"`)
@Check('CHK_programs_capacity', `"capacity" >= 1`)
@Check(
  'CHK_programs_seats',
  `"confirmed_count" BETWEEN 0 AND "capacity" AND "waitlisted_count" >= 0 AND "pending_count" >= 0 AND "nominated_count" >= 0`,
)
@Check('CHK_programs_attendance_rate', `"min_attendance_rate" BETWEEN 0 AND 1`)
@Check('CHK_programs_minutes_present_rate', `"min_minutes_present_rate" BETWEEN 0 AND 1`)
@Check('CHK_programs_grace_minutes', `"grace_minutes" BETWEEN 0 AND 120`)
@Check('CHK_programs_passing_score', `"passing_score" IS NULL OR "passing_score" BETWEEN 0 AND 100`)
@Check(
  'CHK_programs_enrolment_window',
  `"enrolment_opens_at" IS NULL OR "enrolment_closes_at" IS NULL OR "enrolment_opens_at" < "enrolment_closes_at"`,
)
@Index('IDX_programs_start_date_id', ['startDate', 'id'])
@Index('IDX_programs_status_start_date', ['status', 'startDate'])
export class Program {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_programs' })
  id: string;

  @Index('UQ_programs_code', { unique: true })
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  kind: ProgramKind;

  @Column({ type: 'jsonb' })
  title: LocalizedText;

  @Column({ type: 'jsonb', nullable: true })
  summary: LocalizedText | null;

  @Column({ type: 'text' })
  deliveryMode: DeliveryMode;

  @Column({ type: 'text' })
  timezone: string;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'text', nullable: true })
  venue: string | null;

  @Column({ type: 'text', nullable: true })
  meetingUrl: string | null;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'timestamptz', nullable: true })
  enrolmentOpensAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  enrolmentClosesAt: Date | null;

  @Index('IDX_programs_host_institution_id')
  @Column({ type: 'uuid' })
  hostInstitutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'host_institution_id', foreignKeyConstraintName: 'FK_programs_host_institution' })
  hostInstitution?: Institution;

  @Column({ type: 'numeric', precision: 4, scale: 3, transformer: numericColumn })
  minAttendanceRate: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: numericColumn })
  passingScore: number | null;

  /** Months its certificates stay valid; null: without end. */
  @Column({ type: 'smallint', nullable: true })
  certificateValidityMonths: number | null;

  /**
   * Meeting reports: `present` at this share of the session's minutes (the attendance rule). The default as SQL:
   * PostgreSQL reports a decimal default unquoted, and TypeORM would see a quoted number as drift.
   */
  @Column({ type: 'numeric', precision: 4, scale: 3, default: () => '0.8', transformer: numericColumn })
  minMinutesPresentRate: number;

  /** Meeting reports and QR check-in: `late` after the start + these minutes. */
  @Column({ type: 'smallint', default: 10 })
  graceMinutes: number;

  @Column({ type: 'text', default: 'draft' })
  status: ProgramStatus;

  /** The host office accepts each nominated person: a partner's approval makes an enrolment `nominated`. */
  @Column({ type: 'boolean', default: false })
  hostReview: boolean;

  @Column({ type: 'integer', default: 0, insert: false, update: false })
  confirmedCount: number;

  @Column({ type: 'integer', default: 0, insert: false, update: false })
  waitlistedCount: number;

  @Column({ type: 'integer', default: 0, insert: false, update: false })
  pendingCount: number;

  @Column({ type: 'integer', default: 0, insert: false, update: false })
  nominatedCount: number;

  /**
   * The partner institutions, sorted: a copy of `program_partners` that a
   * database trigger keeps (never written by the application), so visibility
   * is a test on the row. Read by lists; `program_partners` is the truth.
   */
  @Column({ type: 'uuid', array: true, default: () => "'{}'", insert: false, update: false, select: false })
  partnerInstitutionIds?: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
