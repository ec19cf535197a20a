import type { CountryCode, Locale, Role } from '@skillbridge/contracts';
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

/** What a self-registered trainee said about themself, kept until the e-mail is verified and the profile made. */
export interface PendingProfile {
  fullName: string;
  fullNameLatin: string | null;
  nationality: CountryCode;
  institutionId: string | null;
  preferredLocale: Locale;
}

/**
 * A person who can sign in. Trainee and instructor accounts also have a
 * profile row. A trainee's name, institution and language live in their
 * `trainees` row alone (the one a partner may have imported): on a trainee
 * account these three columns stay null, and until its e-mail is verified the
 * registration's answers wait in `pending_profile`.
 */
@Entity({ name: 'users' })
@Check(
  'CHK_users_trainee_profile',
  `"role" <> 'trainee' OR ("full_name" IS NULL AND "institution_id" IS NULL AND "preferred_locale" IS NULL)`,
)
@Check('CHK_users_staff_profile', `"role" = 'trainee' OR ("full_name" IS NOT NULL AND "preferred_locale" IS NOT NULL)`)
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

  /** Staff only; a trainee's name is in their trainee row. */
  @Column({ type: 'text', nullable: true })
  fullName: string | null;

  @Column({ type: 'text' })
  role: Role;

  @Index('IDX_users_institution_id')
  @Column({ type: 'uuid', nullable: true })
  institutionId: string | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'FK_users_institution' })
  institution?: Institution | null;

  /** Staff only; a trainee's language is in their trainee row. */
  @Column({ type: 'text', nullable: true })
  preferredLocale: Locale | null;

  @Column({ type: 'text', default: 'UTC' })
  timeZone: string;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Bumped to revoke every token issued before (password change, disabling, role change). */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /** When the owner of the address proved it (followed a link), or when an admin created the account. */
  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  /** A self-registration's answers until its e-mail is verified; null after. */
  @Column({ type: 'jsonb', nullable: true })
  pendingProfile: PendingProfile | null;

  /** The TOTP secret, encrypted (SecretBox); null when two-factor sign-in is off. */
  @Column({ type: 'text', nullable: true, select: false })
  totpSecret: string | null;

  /** A secret being set up, encrypted; it replaces `totpSecret` once a code confirms it. */
  @Column({ type: 'text', nullable: true, select: false })
  totpPendingSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  totpEnabledAt: Date | null;

  /** The last TOTP time step accepted: a code of that step or an earlier one is never accepted again. */
  @Column({ type: 'integer', nullable: true })
  totpLastStep: number | null;

  /** Set when the person was erased: the account cannot sign in, and every personal field was replaced. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  anonymizedAt: Date | null;

  /** Millisecond precision: list pages continue after it (keyset cursors carry JS dates). */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
