import type { LogisticsItem } from '@skillbridge/contracts';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Program } from '../programs/program.entity';

/** What a program collects from its trainees before an on-site camp (issue 20); no row: nothing. */
@Entity({ name: 'program_logistics_settings' })
export class ProgramLogisticsSettings {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_program_logistics_settings' })
  programId: string;

  @OneToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'FK_program_logistics_settings_program' })
  program?: Program;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  collect: LogisticsItem[];

  /** `YYYY-MM-DD`: reminders go out a week before and on the day. */
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  arrivalPoints: string[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
