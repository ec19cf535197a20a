import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * One signed-in device: a refresh-token family, with what the profile page
 * shows of it. Its id is the family id and the `sid` of the access tokens it
 * hands out, so ending it stops those at once, not when they expire.
 */
@Entity({ name: 'sign_ins' })
@Index('IDX_sign_ins_user', ['userId', 'lastUsedAt'])
export class SignIn {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_sign_ins' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_sign_ins_user' })
  user?: User;

  /** As the browser sent it (cut to 512 characters). */
  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'inet', nullable: true })
  ip: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  lastUsedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
