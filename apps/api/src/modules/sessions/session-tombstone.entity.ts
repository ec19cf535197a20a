import type { LocalizedText, SessionType } from '@skillbridge/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Program } from '../programs/program.entity';

/**
 * What is left of a deleted session, for calendars: a subscribed calendar
 * only learns that an event is gone if the feed says so, so for a while
 * (SESSION_TOMBSTONE_DAYS after the deletion, and at least until the time it
 * was scheduled for has passed) the program's schedule and the personal feeds
 * carry it as a cancelled event with a raised SEQUENCE. Nothing else reads
 * it: the session is gone from agendas, attendance and completion.
 */
@Entity({ name: 'session_tombstones' })
@Index('IDX_session_tombstones_program', ['programId'])
export class SessionTombstone {
  /** The deleted session's id, so the calendar event keeps its UID. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_session_tombstones' })
  id: string;

  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'FK_session_tombstones_program' })
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

  /** The session's last SEQUENCE plus one: the cancellation replaces every copy a calendar holds. */
  @Column({ type: 'integer' })
  sequence: number;

  /** Who taught it, for their personal feeds (instructors are never deleted while they teach). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  instructorIds: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  deletedAt: Date;
}
