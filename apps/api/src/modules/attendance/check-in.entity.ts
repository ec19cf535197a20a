import type { AttendanceStatus } from '@skillbridge/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Session } from '../sessions/session.entity';
import { Trainee } from '../trainees/trainee.entity';

/**
 * A session's QR check-in window, opened by its instructor (or an admin). Codes are an HMAC of the period
 * number under `secret` (random per opening, never sent): the current and the previous period's code are accepted
 * until `closesAt`. Opening again replaces the window (and its secret).
 */
@Entity({ name: 'check_in_windows' })
@Check('CHK_check_in_windows_time', `"closes_at" > "opened_at"`)
export class CheckInWindow {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_check_in_windows' })
  sessionId: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_check_in_windows_session' })
  session?: Session;

  @Column({ type: 'timestamptz' })
  openedAt: Date;

  @Column({ type: 'timestamptz' })
  closesAt: Date;

  @Column({ type: 'uuid', nullable: true })
  openedBy: string | null;

  /** 32 random bytes: the key of the window's codes. */
  @Column({ type: 'bytea' })
  secret: Buffer;
}

/** One trainee's QR check-in to one session: at most one (the primary key says so). */
@Entity({ name: 'check_ins' })
@Check('CHK_check_ins_status', `"status" IN ('present', 'late')`)
@Index('IDX_check_ins_session_checked_in_at', ['sessionId', 'checkedInAt'])
export class CheckIn {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_check_ins' })
  sessionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_check_ins' })
  traineeId: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_check_ins_session' })
  session?: Session;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'FK_check_ins_trainee' })
  trainee?: Trainee;

  @Column({ type: 'text' })
  status: Extract<AttendanceStatus, 'present' | 'late'>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  checkedInAt: Date;
}
