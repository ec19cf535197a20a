import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Institution } from '../institutions/institution.entity';
import { User } from '../users/user.entity';
import { PrivacyNoticeRecord } from './privacy-notice.entity';

/**
 * A committed trainee import, with the importer's attestation that the people
 * in it were informed with this version of the privacy notice (the checkbox of
 * the import wizard). Written once.
 */
@Entity({ name: 'trainee_imports' })
@Check('CHK_trainee_imports_attested', `"informed_attested" = true`)
@Index('IDX_trainee_imports_institution', ['institutionId', 'importedAt'])
export class TraineeImportRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_trainee_imports' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  institutionId: string | null;

  @ManyToOne(() => Institution, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'FK_trainee_imports_institution' })
  institution?: Institution | null;

  @Column({ type: 'uuid', nullable: true })
  importedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'imported_by', foreignKeyConstraintName: 'FK_trainee_imports_imported_by' })
  importer?: User | null;

  @Column({ type: 'text' })
  noticeVersion: string;

  @ManyToOne(() => PrivacyNoticeRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'notice_version', foreignKeyConstraintName: 'FK_trainee_imports_notice' })
  notice?: PrivacyNoticeRecord;

  @Column({ type: 'boolean' })
  informedAttested: boolean;

  @Column({ type: 'integer' })
  created: number;

  @Column({ type: 'integer' })
  updated: number;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  importedAt: Date;
}
