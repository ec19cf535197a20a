import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Enrolment } from '../enrolments/enrolment.entity';
import { Room } from './room.entity';

/**
 * Who sleeps where: one room per enrolment. Assignments lock the room's row
 * (`SELECT … FOR UPDATE`) before counting, so concurrent ones never exceed
 * its capacity.
 */
@Entity({ name: 'room_assignments' })
@Index('IDX_room_assignments_room', ['roomId'])
export class RoomAssignment {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_room_assignments' })
  enrolmentId: string;

  @OneToOne(() => Enrolment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'FK_room_assignments_enrolment' })
  enrolment?: Enrolment;

  @Column({ type: 'uuid' })
  roomId: string;

  @ManyToOne(() => Room, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'FK_room_assignments_room' })
  room?: Room;

  @CreateDateColumn({ type: 'timestamptz' })
  assignedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  assignedBy: string | null;
}
