import type { CountryCode, InstitutionKind, LocalizedText } from '@skillbridge/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A college, university or company taking part in programs. */
@Entity({ name: 'institutions' })
@Check('CHK_institutions_kind', `"kind" IN ('host', 'partner', 'enterprise')`)
@Check('CHK_institutions_country', `"country" ~ '^[A-Z]{2}$'`)
@Index('IDX_institutions_kind_country', ['kind', 'country'])
export class Institution {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_institutions' })
  id: string;

  /** Short code used by imports and rosters (`RMUTT`); unique. */
  @Index('UQ_institutions_code', { unique: true })
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Column({ type: 'text' })
  kind: InstitutionKind;

  @Column({ type: 'char', length: 2 })
  country: CountryCode;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
