import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** What an e-mailed link lets its holder do, once. */
export const ACCOUNT_TOKEN_PURPOSES = ['verify-email', 'change-email', 'password-reset', 'unlock'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/**
 * One single-use, expiring token of a link e-mailed to an account's owner.
 * The token is `<id>.<secret>`, the secret an HMAC of the id under a key
 * derived from DATA_ENCRYPTION_KEY: the outbox can rebuild the link when it
 * sends the e-mail, so no usable token is ever stored — only its SHA-256.
 */
@Entity({ name: 'account_tokens' })
@Index('IDX_account_tokens_user_purpose', ['userId', 'purpose', 'createdAt'])
@Check('CHK_account_tokens_purpose', `"purpose" IN ('verify-email', 'change-email', 'password-reset', 'unlock')`)
export class AccountToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_account_tokens' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_account_tokens_user' })
  user?: User;

  @Column({ type: 'text' })
  purpose: AccountTokenPurpose;

  /** The address the link went to: the account's own, or the new one of an e-mail change. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'bytea' })
  tokenHash: Buffer;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
