import type { CountryCode, Locale } from '@skillbridge/contracts';
import {
  Check,
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

/**
 * A participant of programs. May exist without an account (imported by a
 * partner) or belong to one (self-registered); the name is kept in the
 * person's own script and in Latin letters.
 */
@Entity({ name: 'trainees' })
@Check('CHK_trainees_nationality', `"nationality" ~ '^[A-Z]{2}$'`)
@Check('CHK_trainees_locale', `"preferred_locale" IN ('en', 'zh', 'th', 'ms')`)
@Check('CHK_trainees_email_lower', `"email" = lower("email")`)
@Index('IDX_trainees_institution_id', ['institutionId', 'id'])
export class Trainee {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_trainees' })
  id: string;

  @Index('UQ_trainees_user_id', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_trainees_user' })
  user?: User | null;

  @Column({ type: 'text' })
  fullName: string;

  @Column({ type: 'text', nullable: true })
  fullNameLatin: string | null;

  @Index('UQ_trainees_email', { unique: true })
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'char', length: 2 })
  nationality: CountryCode;

  @Column({ type: 'uuid', nullable: true })
  institutionId: string | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'FK_trainees_institution' })
  institution?: Institution | null;

  @Column({ type: 'text', default: 'en' })
  preferredLocale: Locale;

  /** Set when the person was erased (on request or by retention): every personal field was replaced then. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  anonymizedAt: Date | null;

  /** Millisecond precision: list pages continue after it (keyset cursors carry JS dates). */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
