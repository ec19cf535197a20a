import type { LocalizedText, SessionStatus, SessionType } from '@skillbridge/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Program } from '../programs/program.entity';
import { SessionInstructor } from './session-instructor.entity';

/** One scheduled slot of a program, between two instants. */
@Entity({ name: 'sessions' })
@Check(
  'CHK_sessions_type',
  `"type" IN ('lecture', 'workshop', 'seminar', 'practice', 'case-study', 'field-visit', 'ceremony')`,
)
@Check('CHK_sessions_time', `"ends_at" > "starts_at"`)
@Check('CHK_sessions_status', `"status" IN ('scheduled', 'cancelled')`)
@Check(
  'CHK_sessions_cancelled',
  `("status" = 'cancelled') = ("cancelled_at" IS NOT NULL AND "cancelled_reason" IS NOT NULL)`,
)
@Index('IDX_sessions_program_starts_at', ['programId', 'startsAt'])
export class Session {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_sessions' })
  id: string;

  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'FK_sessions_program' })
  program?: Program;

  @Column({ type: 'jsonb' })
  title: LocalizedText;

  @Column({ type: 'text' })
  type: SessionType;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'text', nullable: true })
  venue: string | null;

  @Column({ type: 'text', nullable: true })
  meetingUrl: string | null;

  /**
   * iCalendar SEQUENCE: bumped on every change (time, place, link, title, cancellation — its own or its
   * program's) so calendar apps replace their copy.
   */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  /** `cancelled` is final: the session stays on record (calendars show it cancelled) but no longer counts. */
  @Column({ type: 'text', default: 'scheduled' })
  status: SessionStatus;

  @Column({ type: 'text', nullable: true })
  cancelledReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @OneToMany(() => SessionInstructor, (assignment) => assignment.session)
  assignments?: SessionInstructor[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
