import type { AttendanceSource, AttendanceStatus } from '@skillbridge/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Session } from '../sessions/session.entity';
import { Trainee } from '../trainees/trainee.entity';

/** One trainee's mark for one session. */
@Entity({ name: 'attendance' })
@Check('CHK_attendance_status', `"status" IN ('present', 'late', 'absent', 'excused')`)
@Check('CHK_attendance_source', `"source" IN ('register', 'check-in', 'import')`)
@Index('IDX_attendance_trainee', ['traineeId'])
export class Attendance {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_attendance' })
  sessionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_attendance' })
  traineeId: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_attendance_session' })
  session?: Session;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'trainee_id', foreignKeyConstraintName: 'FK_attendance_trainee' })
  trainee?: Trainee;

  @Column({ type: 'text' })
  status: AttendanceStatus;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  /** How the mark was last written: an instructor's register, the trainee's QR check-in, a meeting report. */
  @Column({ type: 'text', default: 'register' })
  source: AttendanceSource;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  recordedAt: Date;
}
