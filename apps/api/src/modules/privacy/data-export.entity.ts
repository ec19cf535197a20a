import type { DataExportStatus } from '@skillbridge/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * A copy of one person's data, made off the request path: the ZIP is kept
 * until `expiresAt`, then the retention job deletes the row.
 */
@Entity({ name: 'data_exports' })
@Check('CHK_data_exports_status', `"status" IN ('pending', 'ready', 'failed')`)
@Index('IDX_data_exports_user', ['userId', 'requestedAt'])
@Index('IDX_data_exports_expires_at', ['expiresAt'])
export class DataExportRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_data_exports' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_data_exports_user' })
  user?: User;

  @Column({ type: 'text', default: 'pending' })
  status: DataExportStatus;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readyAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  sizeBytes: number | null;

  @Column({ type: 'bytea', nullable: true, select: false })
  content: Buffer | null;
}
