import type { EnrolmentStatus } from '@skillbridge/contracts';
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
import { Program } from '../programs/program.entity';
import { Trainee } from '../trainees/trainee.entity';
import { User } from '../users/user.entity';

/**
 * One trainee in one program. The program's seat counters move with every
 * change of status, in the same transaction and under the program's row lock.
 */
@Entity({ name: 'enrolments' })
@Check(
  'CHK_enrolments_status',
  `"status" IN ('pending', 'nominated', 'confirmed', 'waitlisted', 'rejected', 'withdrawn', 'completed', 'not-completed', 'cancelled')`,
)
@Check('CHK_enrolments_score', `"score" IS NULL OR "score" BETWEEN 0 AND 100`)
@Check('CHK_enrolments_waitlisted_at', `"status" <> 'waitlisted' OR "waitlisted_at" IS NOT NULL`)
@Index('UQ_enrolments_program_trainee', ['programId', 'traineeId'], { unique: true })
@Index('IDX_enrolments_program_created', ['programId', 'createdAt', 'id'])
// Reports count enrolments per program and status, and reach the trainee from the index alone.
@Index('IDX_enrolments_program_status', ['programId', 'status', 'traineeId'])
@Index('IDX_enrolments_trainee_created', ['traineeId', 'createdAt'])
@Index('IDX_enrolments_status_created', ['status', 'createdAt', 'id'])
@Index('IDX_enrolments_waitlist', ['programId', 'waitlistedAt', 'id'], { where: `"status" = 'waitlisted'` })
export class Enrolment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_enrolments' })
  id: string;

  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'FK_enrolments_program' })
  program?: Program;

  @Column({ type: 'uuid' })
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'FK_enrolments_trainee' })
  trainee?: Trainee;

  @Column({ type: 'text' })
  status: EnrolmentStatus;

  /** When the enrolment joined the wait-list: the oldest is promoted first. */
  @Column({ type: 'timestamptz', nullable: true })
  waitlistedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'FK_enrolments_decided_by' })
  decider?: User | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Assessment result, 0–100, when the program assesses. */
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: numericColumn })
  score: number | null;

  @Column({ type: 'text', nullable: true })
  remarks: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  assessedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  assessedBy: string | null;

  /** Millisecond precision: list pages continue after it (keyset cursors carry JS dates). */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
