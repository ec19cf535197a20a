import { Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Instructor } from '../instructors/instructor.entity';
import { Session } from './session.entity';

/**
 * An instructor teaching a session. `during` mirrors the session's time
 * (kept in step by triggers of the migration), so an exclusion constraint
 * can refuse two overlapping sessions for one instructor — across all
 * programs, under any concurrency. Ranges are half-open: back-to-back is fine.
 */
@Entity({ name: 'session_instructors' })
@Exclusion('EXC_session_instructors_no_overlap', `USING gist ("instructor_id" WITH =, "during" WITH &&)`)
@Index('IDX_session_instructors_instructor_id', ['instructorId'])
export class SessionInstructor {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_session_instructors' })
  sessionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_session_instructors' })
  instructorId: string;

  @ManyToOne(() => Session, (session) => session.assignments, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_session_instructors_session' })
  session?: Session;

  @ManyToOne(() => Instructor, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'instructor_id', foreignKeyConstraintName: 'FK_session_instructors_instructor' })
  instructor?: Instructor;

  @Column({ type: 'tstzrange' })
  during: string;
}
