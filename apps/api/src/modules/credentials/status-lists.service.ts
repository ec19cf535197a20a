import { Injectable } from '@nestjs/common';
import { encodeStatusList, signCredential, VC_V2_CONTEXT } from '@skillbridge/credentials';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { IssuerKeysService } from './issuer-keys.service';
import { CredentialUrls } from './open-badge';
import { STATUS_LIST_BITS, STATUS_LIST_FILL, StatusList } from './status-list.entity';
import { AppConfig } from '../../config';

/**
 * SQL: `bytes` with bit `index` set, numbering bits as the W3C Bitstring
 * Status List does (index 0 = the most significant bit of the first byte);
 * PostgreSQL's set_bit counts from the least significant bit of each byte.
 */
export const setStatusBitSql = (bytes: string, index: string) =>
  `set_bit(${bytes}, (${index} / 8) * 8 + 7 - ${index} % 8, 1)`;

export interface StatusPlace {
  listId: string;
  index: number;
}

/** The host institutions' revocation lists: places for new certificates, bits for revoked ones, the signed lists. */
@Injectable()
export class StatusListsService {
  private readonly urls: CredentialUrls;

  constructor(
    private readonly keys: IssuerKeysService,
    config: AppConfig,
  ) {
    this.urls = new CredentialUrls(config.publicUrl);
  }

  /**
   * `count` places in the institution's revocation lists, each a random index
   * no other certificate holds, in the caller's transaction. The open list is
   * locked while its indices are chosen, so concurrent issues never pick the
   * same one; a list takes new places until half its bits are used (random
   * picks stay cheap, and every list keeps many holders per bit set), then a
   * new one opens.
   */
  async allocate(manager: EntityManager, institutionId: string, count: number): Promise<StatusPlace[]> {
    const places: StatusPlace[] = [];
    while (places.length < count) {
      const list = await this.openList(manager, institutionId);
      const taken = new Set(
        (
          (await manager.query('SELECT status_list_index AS i FROM certificate_credentials WHERE status_list_id = $1', [
            list.id,
          ])) as { i: number }[]
        ).map((row) => row.i),
      );
      const room = Math.min(count - places.length, STATUS_LIST_FILL - list.used);
      for (let n = 0; n < room; n++) {
        let index: number;
        do index = randomInt(list.size);
        while (taken.has(index));
        taken.add(index);
        places.push({ listId: list.id, index });
      }
      await manager.query('UPDATE status_lists SET used = used + $2 WHERE id = $1', [list.id, room]);
    }
    return places;
  }

  /** Sets the revocation bit of a place; the list's version advances, so the next request signs it anew. */
  async setRevoked(manager: EntityManager, place: StatusPlace): Promise<void> {
    await manager.query(
      `UPDATE status_lists SET bitstring = ${setStatusBitSql('bitstring', '$2::int')}, version = version + 1, changed_at = now()
        WHERE id = $1`,
      [place.listId, place.index],
    );
  }

  /**
   * The signed BitstringStatusListCredential of a list as its bits are now
   * (committed): the one kept for this version, or one signed now with the
   * institution's current key and kept for the next request. A revocation
   * changes the bits and the version in its own transaction, so no request
   * after it commits is answered with the old list.
   */
  async signedList(manager: EntityManager, listId: string): Promise<Record<string, unknown> | null> {
    const list = await manager.findOneBy(StatusList, { id: listId });
    if (!list) return null;
    if (list.signed && list.signedVersion === list.version) return list.signed;
    const url = this.urls.statusList(list.id);
    const key = await this.keys.current(manager, list.institutionId);
    const signed = await signCredential(
      {
        '@context': [VC_V2_CONTEXT],
        id: url,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        issuer: this.urls.issuer(list.institutionId),
        validFrom: list.changedAt.toISOString(),
        credentialSubject: {
          id: `${url}#list`,
          type: 'BitstringStatusList',
          statusPurpose: list.purpose,
          encodedList: await encodeStatusList(list.bitstring),
        },
      },
      this.keys.signingKey(key),
    );
    await manager.query('UPDATE status_lists SET signed = $2, signed_version = $3 WHERE id = $1 AND version = $3', [
      list.id,
      signed,
      list.version,
    ]);
    return signed;
  }

  /** The institution's list that still takes places, locked; a new one when there is none. */
  private async openList(manager: EntityManager, institutionId: string): Promise<StatusList> {
    const open = await manager
      .createQueryBuilder(StatusList, 's')
      .setLock('pessimistic_write')
      .where("s.institution_id = :institutionId AND s.purpose = 'revocation' AND s.used < :fill", {
        institutionId,
        fill: STATUS_LIST_FILL,
      })
      .orderBy('s.created_at', 'DESC')
      .getOne();
    if (open) return open;
    const [{ id }] = (await manager.query(
      `INSERT INTO status_lists (institution_id, purpose, size, bitstring) VALUES ($1, 'revocation', $2, $3) RETURNING id`,
      [institutionId, STATUS_LIST_BITS, Buffer.alloc(STATUS_LIST_BITS / 8)],
    )) as { id: string }[];
    return (await manager.findOneByOrFail(StatusList, { id })) as StatusList;
  }
}
