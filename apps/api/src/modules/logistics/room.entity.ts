import type { RoomGender } from '@skillbridge/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Program } from '../programs/program.entity';

/** A room of a camp's accommodation (the college's guest house). */
@Entity({ name: 'rooms' })
@Check('CHK_rooms_gender', `"gender" IN ('female', 'male', 'any')`)
@Check('CHK_rooms_capacity', `"capacity" BETWEEN 1 AND 50`)
@Index('UQ_rooms_program_name', ['programId', 'name'], { unique: true })
export class Room {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_rooms' })
  id: string;

  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'FK_rooms_program' })
  program?: Program;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'text', default: 'any' })
  gender: RoomGender;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
