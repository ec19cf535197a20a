import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Certificate } from '../certificates/certificate.entity';
import { StatusList } from './status-list.entity';

/**
 * What a certificate's Open Badges credential needs beyond the certificate:
 * its place in a status list (a random index, allocated at issue) and the
 * salt of the holder's hashed e-mail. Its own table, so the certificate row
 * stays the certificates module's.
 */
@Entity({ name: 'certificate_credentials' })
@Index('UQ_certificate_credentials_status', ['statusListId', 'statusListIndex'], { unique: true })
export class CertificateCredential {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_certificate_credentials' })
  certificateId: string;

  @OneToOne(() => Certificate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'certificate_id', foreignKeyConstraintName: 'FK_certificate_credentials_certificate' })
  certificate?: Certificate;

  @Column({ type: 'uuid' })
  statusListId: string;

  @ManyToOne(() => StatusList, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'status_list_id', foreignKeyConstraintName: 'FK_certificate_credentials_status_list' })
  statusList?: StatusList;

  @Column({ type: 'int' })
  statusListIndex: number;

  /** 128 random bits, hex. */
  @Column({ type: 'text' })
  salt: string;

  /**
   * `sha256$<hex>` of the holder's e-mail at issue followed by the salt: the
   * credential subject's identifier, frozen like the certificate (an e-mail
   * changed later does not change what the credential says).
   */
  @Column({ type: 'text' })
  identityHash: string;
}
