import type { Locale, Role } from '@skillbridge/contracts';
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

/** A person who can sign in. Trainee and instructor accounts also have a profile row. */
@Entity({ name: 'users' })
@Check('CHK_users_role', `"role" IN ('admin', 'instructor', 'partner', 'trainee')`)
@Check('CHK_users_partner_institution', `"role" <> 'partner' OR "institution_id" IS NOT NULL`)
@Check('CHK_users_locale', `"preferred_locale" IN ('en', 'zh', 'th', 'ms')`)
@Check('CHK_users_email_lower', `"email" = lower("email")`)
@Index('IDX_users_created_at_id', ['createdAt', 'id'])
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_users' })
  id: string;

  /** Stored lower-case; unique. */
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'text' })
  email: string;

  /** argon2id; never leaves the service layer. */
  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text' })
  fullName: string;

  @Column({ type: 'text' })
  role: Role;

  @Index('IDX_users_institution_id')
  @Column({ type: 'uuid', nullable: true })
  institutionId: string | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'FK_users_institution' })
  institution?: Institution | null;

  @Column({ type: 'text', default: 'en' })
  preferredLocale: Locale;

  @Column({ type: 'text', default: 'UTC' })
  timeZone: string;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Bumped to revoke every token issued before (password change, disabling, role change). */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /** Millisecond precision: list pages continue after it (keyset cursors carry JS dates). */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
