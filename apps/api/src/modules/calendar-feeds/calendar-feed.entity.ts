import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * The secret address of one account's personal calendar. The token is
 * `<id>.<secret>`, the secret an HMAC of the id under a key derived from
 * DATA_ENCRYPTION_KEY, so the address can be shown again without keeping it:
 * the row holds only the token's SHA-256. Resetting the address replaces the
 * row (a new id), and the old token finds nothing.
 */
@Entity({ name: 'calendar_feeds' })
@Index('UQ_calendar_feeds_user', ['userId'], { unique: true })
export class CalendarFeed {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_calendar_feeds' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_calendar_feeds_user' })
  user?: User;

  @Column({ type: 'bytea' })
  tokenHash: Buffer;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
