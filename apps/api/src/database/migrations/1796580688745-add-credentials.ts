import { MigrationInterface, QueryRunner } from 'typeorm';

/** As STATUS_LIST_BITS and STATUS_LIST_FILL of status-list.entity.ts at the time of this migration. */
const LIST_BITS = 131_072;
const LIST_FILL = LIST_BITS / 2;

/**
 * Open Badges 3.0 credentials (issue 17): the host institutions' signing keys,
 * their revocation status lists, and each certificate's random place in one.
 * Certificates issued before this get their place here — a random free index
 * of a list of their issuer (the host frozen on the certificate) — and the revoked ones their bit set, so
 * their credentials tell the truth from the start. Keys are made on first use
 * by the application (this migration cannot seal them), and so is each list's
 * signed credential.
 */
export class AddCredentials1796580688745 implements MigrationInterface {
  name = 'AddCredentials1796580688745';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "status_lists" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "institution_id" uuid NOT NULL, "purpose" text NOT NULL DEFAULT 'revocation', "size" integer NOT NULL, "bitstring" bytea NOT NULL, "used" integer NOT NULL DEFAULT '0', "version" integer NOT NULL DEFAULT '1', "changed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "signed" jsonb, "signed_version" integer, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_status_lists_size" CHECK (octet_length("bitstring") * 8 = "size"), CONSTRAINT "CHK_status_lists_purpose" CHECK ("purpose" IN ('revocation')), CONSTRAINT "PK_status_lists" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_status_lists_institution" ON "status_lists"  ("institution_id", "purpose", "created_at") `);
    await queryRunner.query(`CREATE TABLE "certificate_credentials" ("certificate_id" uuid NOT NULL, "status_list_id" uuid NOT NULL, "status_list_index" integer NOT NULL, "salt" text NOT NULL, "identity_hash" text NOT NULL, CONSTRAINT "PK_certificate_credentials" PRIMARY KEY ("certificate_id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_certificate_credentials_status" ON "certificate_credentials"  ("status_list_id", "status_list_index") `);
    await queryRunner.query(`CREATE TABLE "issuer_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "institution_id" uuid NOT NULL, "public_key_multibase" text NOT NULL, "sealed_secret_key" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "retired_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_issuer_keys" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_issuer_keys_public_key" ON "issuer_keys"  ("public_key_multibase") `);
    await queryRunner.query(`CREATE INDEX "IDX_issuer_keys_institution" ON "issuer_keys"  ("institution_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_issuer_keys_current" ON "issuer_keys"  ("institution_id") WHERE "retired_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "status_lists" ADD CONSTRAINT "FK_status_lists_institution" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificate_credentials" ADD CONSTRAINT "FK_certificate_credentials_certificate" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificate_credentials" ADD CONSTRAINT "FK_certificate_credentials_status_list" FOREIGN KEY ("status_list_id") REFERENCES "status_lists"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "issuer_keys" ADD CONSTRAINT "FK_issuer_keys_institution" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    const hosts = (await queryRunner.query(
      `SELECT DISTINCT issuer_institution_id AS id FROM certificates`,
    )) as { id: string }[];
    for (const host of hosts) {
      for (;;) {
        const [list] = (await queryRunner.query(
          `INSERT INTO status_lists (institution_id, purpose, size, bitstring)
           VALUES ($1, 'revocation', $2, decode(repeat('00', $2 / 8), 'hex')) RETURNING id`,
          [host.id, LIST_BITS],
        )) as { id: string }[];
        // Up to LIST_FILL certificates without a place, each paired with a random index of the list.
        const placed = (await queryRunner.query(
          `WITH certs AS (
             SELECT c.id, t.email, replace(gen_random_uuid()::text, '-', '') AS salt,
                    row_number() OVER (ORDER BY random()) AS k
               FROM certificates c JOIN trainees t ON t.id = c.trainee_id
              WHERE c.issuer_institution_id = $1
                AND NOT EXISTS (SELECT 1 FROM certificate_credentials cc WHERE cc.certificate_id = c.id)
              LIMIT $3),
           slots AS (SELECT i, row_number() OVER (ORDER BY random()) AS k FROM generate_series(0, $4 - 1) AS i)
           INSERT INTO certificate_credentials (certificate_id, status_list_id, status_list_index, salt, identity_hash)
           SELECT certs.id, $2, slots.i, certs.salt,
                  'sha256$' || encode(sha256(convert_to(certs.email || certs.salt, 'UTF8')), 'hex')
             FROM certs JOIN slots USING (k)
           RETURNING certificate_id`,
          [host.id, list.id, LIST_FILL, LIST_BITS],
        )) as unknown[];
        await queryRunner.query(`UPDATE status_lists SET used = $2 WHERE id = $1`, [list.id, placed.length]);
        if (placed.length === 0) await queryRunner.query(`DELETE FROM status_lists WHERE id = $1`, [list.id]);
        if (placed.length < LIST_FILL) break;
      }
    }
    // Bit i is the most significant bit of byte i / 8 (W3C numbering); PostgreSQL's set_bit counts from the least.
    const revoked = (await queryRunner.query(
      `SELECT cc.status_list_id AS "listId", cc.status_list_index AS "index"
         FROM certificate_credentials cc JOIN certificates c ON c.id = cc.certificate_id
        WHERE c.status = 'revoked'`,
    )) as { listId: string; index: number }[];
    for (const { listId, index } of revoked) {
      await queryRunner.query(
        `UPDATE status_lists SET bitstring = set_bit(bitstring, ($2 / 8) * 8 + 7 - $2 % 8, 1), version = version + 1
          WHERE id = $1`,
        [listId, index],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "issuer_keys" DROP CONSTRAINT "FK_issuer_keys_institution"`);
    await queryRunner.query(`ALTER TABLE "certificate_credentials" DROP CONSTRAINT "FK_certificate_credentials_status_list"`);
    await queryRunner.query(`ALTER TABLE "certificate_credentials" DROP CONSTRAINT "FK_certificate_credentials_certificate"`);
    await queryRunner.query(`ALTER TABLE "status_lists" DROP CONSTRAINT "FK_status_lists_institution"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_issuer_keys_current"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_issuer_keys_institution"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_issuer_keys_public_key"`);
    await queryRunner.query(`DROP TABLE "issuer_keys"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_certificate_credentials_status"`);
    await queryRunner.query(`DROP TABLE "certificate_credentials"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_status_lists_institution"`);
    await queryRunner.query(`DROP TABLE "status_lists"`);
  }
}
