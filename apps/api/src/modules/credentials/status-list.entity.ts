import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Institution } from '../institutions/institution.entity';

/** Bits of a list: the W3C Bitstring Status List minimum (16 KiB), so one index says little about its holder. */
export const STATUS_LIST_BITS = 131_072;
/** A list takes new certificates until this many of its indices are used; then a new list opens. */
export const STATUS_LIST_FILL = STATUS_LIST_BITS / 2;

/**
 * One W3C Bitstring Status List of a host institution (revocation). Each
 * certificate holds a random index in one list; revoking it sets that bit in
 * the same transaction and advances `version`. The served list credential is
 * signed from these bits on request and kept beside them for that version.
 */
@Entity({ name: 'status_lists' })
@Check('CHK_status_lists_purpose', `"purpose" IN ('revocation')`)
@Check('CHK_status_lists_size', `octet_length("bitstring") * 8 = "size"`)
@Index('IDX_status_lists_institution', ['institutionId', 'purpose', 'createdAt'])
export class StatusList {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_status_lists' })
  id: string;

  @Column({ type: 'uuid' })
  institutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'FK_status_lists_institution' })
  institution?: Institution;

  @Column({ type: 'text', default: 'revocation' })
  purpose: 'revocation';

  /** Number of bits. */
  @Column({ type: 'int' })
  size: number;

  /** The bits, index 0 the most significant bit of the first byte (as the W3C spec numbers them). */
  @Column({ type: 'bytea' })
  bitstring: Buffer;

  /** Indices handed out (taken in order of allocation, never freed). */
  @Column({ type: 'int', default: 0 })
  used: number;

  /** Advances with every change of a bit. */
  @Column({ type: 'int', default: 1 })
  version: number;

  /** When the bits last changed: the list credential's `validFrom`. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  changedAt: Date;

  /** The signed list credential of `signedVersion`, when one was made. */
  @Column({ type: 'jsonb', nullable: true })
  signed: Record<string, unknown> | null;

  @Column({ type: 'int', nullable: true })
  signedVersion: number | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
