import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Institution } from '../institutions/institution.entity';
import { Program } from './program.entity';

/** A partner institution taking part in a program; a program with none is open to everyone. */
@Entity({ name: 'program_partners' })
@Index('IDX_program_partners_institution_id', ['institutionId'])
export class ProgramPartner {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_program_partners' })
  programId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_program_partners' })
  institutionId: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'FK_program_partners_program' })
  program?: Program;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'FK_program_partners_institution' })
  institution?: Institution;
}
