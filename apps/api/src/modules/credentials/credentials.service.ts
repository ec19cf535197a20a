import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ISSUER_CONTEXT, signCredential } from '@skillbridge/credentials';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { scopeQuery } from '../../common/auth/record-scope';
import { signedIn, type RequestContext } from '../../common/auth/viewer';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config';
import { AuditService } from '../audit/audit.service';
import { Certificate } from '../certificates/certificate.entity';
import { CERTIFICATE_SCOPE } from '../certificates/certificate.scope';
import { Institution } from '../institutions/institution.entity';
import { AccessLog } from '../privacy/access-log.service';
import type { CredentialInput } from './credential-input';
import { IssuerKeysService } from './issuer-keys.service';
import { frozenCredentialInput, identityHashOf } from './frozen-credential-input';
import { buildOpenBadgeCredential, CredentialUrls, languagesOf } from './open-badge';
import { StatusListsService, type StatusPlace } from './status-lists.service';

export type JsonLd = Record<string, unknown>;

/**
 * Each certificate as an Open Badges 3.0 credential (W3C VC 2.0) signed by
 * its host institution; the institutions' issuer documents (profile and
 * keys); their revocation status lists. The certificates module calls
 * `issue` when it issues certificates and `revoke` when it revokes one, each
 * in its own transaction.
 */
@Injectable()
export class CredentialsService {
  readonly urls: CredentialUrls;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: IssuerKeysService,
    private readonly lists: StatusListsService,
    private readonly audit: AuditService,
    private readonly accessLog: AccessLog,
    config: AppConfig,
  ) {
    this.urls = new CredentialUrls(config.publicUrl);
  }

  // ---- hooks for the certificates module (in the caller's transaction) ----------------------------

  /**
   * Gives newly issued certificates their credential's place: a random free
   * index of a revocation list of their host institution, and the salt of
   * the holder's hashed e-mail. Certificates that have one keep it.
   */
  async issue(manager: EntityManager, certificateIds: string[]): Promise<void> {
    if (certificateIds.length === 0) return;
    const rows = (await manager.query(
      `SELECT c.id, c.issuer_institution_id AS "institutionId", t.email
         FROM certificates c JOIN trainees t ON t.id = c.trainee_id
        WHERE c.id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM certificate_credentials cc WHERE cc.certificate_id = c.id)
        ORDER BY c.id`,
      [certificateIds],
    )) as { id: string; institutionId: string; email: string }[];
    const byInstitution = new Map<string, typeof rows>();
    for (const row of rows)
      byInstitution.set(row.institutionId, [...(byInstitution.get(row.institutionId) ?? []), row]);
    for (const [institutionId, certificates] of byInstitution) {
      const places = await this.lists.allocate(manager, institutionId, certificates.length);
      const salts = certificates.map(() => randomBytes(16).toString('hex'));
      await manager.query(
        `INSERT INTO certificate_credentials (certificate_id, status_list_id, status_list_index, salt, identity_hash)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[])`,
        [
          certificates.map((c) => c.id),
          places.map((p) => p.listId),
          places.map((p) => p.index),
          salts,
          certificates.map((c, i) => identityHashOf(c.email, salts[i])),
        ],
      );
    }
  }

  /** Sets the certificate's revocation bit, in the transaction that revokes it. */
  async revoke(manager: EntityManager, certificateId: string): Promise<void> {
    let place = await this.placeOf(manager, certificateId);
    if (!place) {
      await this.issue(manager, [certificateId]);
      place = await this.placeOf(manager, certificateId);
    }
    if (place) await this.lists.setRevoked(manager, place);
  }

  // ---- documents ------------------------------------------------------------------------------------

  /** The signed credential of a certificate the viewer may see (the holder, their partner, admins), else 404. */
  async credentialOf(certificateId: string, ctx: RequestContext): Promise<JsonLd> {
    const viewer = signedIn(ctx);
    const visible = await scopeQuery(
      CERTIFICATE_SCOPE,
      viewer,
      this.dataSource.getRepository(Certificate).createQueryBuilder('c').where('c.id = :id', { id: certificateId }),
    ).getOne();
    if (!visible) throw ProblemException.notFound();
    let input = await frozenCredentialInput(this.dataSource.manager, certificateId);
    if (!input) {
      // A certificate issued by a path that did not call issue(): give it its place now (and its bit).
      await this.dataSource.transaction(async (manager) => {
        await this.issue(manager, [certificateId]);
        if (visible.status === 'revoked') await this.revoke(manager, certificateId);
      });
      input = await frozenCredentialInput(this.dataSource.manager, certificateId);
    }
    if (!input) throw ProblemException.notFound();
    const credential = await this.credentialFor(input);
    await this.accessLog.record(ctx, [{ traineeId: visible.traineeId }], 'certificate', ['credential']);
    return credential;
  }

  /** The credential stating `input`, signed now with the host institution's current key. */
  async credentialFor(input: CredentialInput): Promise<JsonLd> {
    const key = await this.keys.current(this.dataSource.manager, input.issuer.institutionId);
    return signCredential(buildOpenBadgeCredential(input, this.urls), this.keys.signingKey(key));
  }

  /**
   * The issuer document: the institution's Open Badges Profile and the
   * controller document of its keys in one. Every key it ever had is listed
   * under `verificationMethod` and `assertionMethod` — retired ones sign
   * nothing new, but what they signed must still verify. 404 for an
   * institution that never signed anything.
   */
  async issuerDocument(institutionId: string, manager = this.dataSource.manager): Promise<JsonLd> {
    const [institution, keys] = await Promise.all([
      manager.findOneBy(Institution, { id: institutionId }),
      this.keys.all(manager, institutionId),
    ]);
    if (!institution || keys.length === 0) throw ProblemException.notFound();
    const id = this.urls.issuer(institutionId);
    const primary = languagesOf(institution.name)[0];
    const methods = keys.map((key) => ({
      id: this.urls.key(institutionId, key.publicKeyMultibase),
      type: 'Multikey',
      controller: id,
      publicKeyMultibase: key.publicKeyMultibase,
    }));
    return {
      '@context': ISSUER_CONTEXT,
      id,
      type: ['Profile'],
      name: (primary ? institution.name[primary] : undefined) ?? Object.values(institution.name).find(Boolean) ?? '',
      verificationMethod: methods,
      assertionMethod: methods.map((method) => method.id),
    };
  }

  /** The signed revocation list, as its bits are now; 404 for an unknown list. */
  async statusList(listId: string): Promise<JsonLd> {
    const signed = await this.lists.signedList(this.dataSource.manager, listId);
    if (!signed) throw ProblemException.notFound();
    return signed;
  }

  /**
   * Retires the institution's signing key and makes a new one, which signs
   * from now on (credentials and status lists). Returns the issuer document.
   */
  async rotateKey(institutionId: string, ctx: RequestContext): Promise<JsonLd> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Institution, { id: institutionId }))) throw ProblemException.notFound();
      const key = await this.keys.rotate(manager, institutionId);
      await this.audit.record(manager, ctx, {
        action: 'credential-key.rotate',
        entityType: 'institution',
        entityId: institutionId,
        details: { publicKeyMultibase: key.publicKeyMultibase },
      });
      return this.issuerDocument(institutionId, manager);
    });
  }

  private async placeOf(manager: EntityManager, certificateId: string): Promise<StatusPlace | undefined> {
    const [place] = (await manager.query(
      'SELECT status_list_id AS "listId", status_list_index AS "index" FROM certificate_credentials WHERE certificate_id = $1',
      [certificateId],
    )) as StatusPlace[];
    return place;
  }
}
