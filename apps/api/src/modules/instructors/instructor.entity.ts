import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Institution } from '../institutions/institution.entity';
import { User } from '../users/user.entity';

/** A teacher of the host college or an expert of an enterprise partner; may have no account (guest experts). */
@Entity({ name: 'instructors' })
export class Instructor {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_instructors' })
  id: string;

  @Index('UQ_instructors_user_id', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_instructors_user' })
  user?: User | null;

  /** In the person's own script. */
  @Column({ type: 'text' })
  fullName: string;

  /** In Latin letters, for readers of the other languages; null when the own script is Latin. */
  @Column({ type: 'text', nullable: true })
  fullNameLatin: string | null;

  @Index('IDX_instructors_institution_id')
  @Column({ type: 'uuid' })
  institutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'FK_instructors_institution' })
  institution?: Institution;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  expertise: string[];

  /** Languages the instructor teaches in (ISO 639-1, e.g. `zh`, `en`, `th`). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
