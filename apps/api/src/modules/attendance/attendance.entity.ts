import type { AttendanceStatus } from '@skillbridge/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Session } from '../sessions/session.entity';
import { Trainee } from '../trainees/trainee.entity';

/** One trainee's mark for one session; a session's sheet is replaced as a whole. */
@Entity({ name: 'attendance' })
@Check('CHK_attendance_status', `"status" IN ('present', 'late', 'absent', 'excused')`)
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

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  recordedAt: Date;
}
