import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Institution } from '../institutions/institution.entity';
import { Program } from './program.entity';

/**
 * Seats of a program kept for one partner institution's people (the partner's quota). The quotas of a program
 * add up to at most its capacity (checked under the program's row lock); the seats no quota holds are open to
 * everyone else.
 */
@Entity({ name: 'program_quotas' })
@Check('CHK_program_quotas_seats', `"seats" >= 1`)
@Index('IDX_program_quotas_institution_id', ['institutionId'])
export class ProgramQuota {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_program_quotas' })
  programId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_program_quotas' })
  institutionId: string;

  @Column({ type: 'integer' })
  seats: number;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'FK_program_quotas_program' })
  program?: Program;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'FK_program_quotas_institution' })
  institution?: Institution;
}
