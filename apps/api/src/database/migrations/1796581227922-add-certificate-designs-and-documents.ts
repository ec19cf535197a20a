import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCertificateDesignsAndDocuments1796581227922 implements MigrationInterface {
  name = 'AddCertificateDesignsAndDocuments1796581227922';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "certificate_design_images" ("sha256" text NOT NULL, "content_type" text NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "data" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_certificate_design_images_size" CHECK (octet_length("data") <= 1048576), CONSTRAINT "CHK_certificate_design_images_type" CHECK ("content_type" IN ('image/png', 'image/jpeg')), CONSTRAINT "PK_certificate_design_images" PRIMARY KEY ("sha256"))`);
    await queryRunner.query(`CREATE TABLE "certificate_designs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "institution_id" uuid NOT NULL, "accent_color" text, "signatories" jsonb NOT NULL DEFAULT '[]', "logo" text, "seal" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, CONSTRAINT "CHK_certificate_designs_signatories" CHECK (jsonb_typeof("signatories") = 'array' AND jsonb_array_length("signatories") <= 2), CONSTRAINT "CHK_certificate_designs_accent" CHECK ("accent_color" IS NULL OR "accent_color" ~ '^#[0-9A-F]{6}$'), CONSTRAINT "PK_certificate_designs" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_certificate_designs_institution_created" ON "certificate_designs"  ("institution_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "certificate_documents" ("certificate_id" uuid NOT NULL, "language" text NOT NULL, "revoked" boolean NOT NULL, "pdf" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_certificate_documents" PRIMARY KEY ("certificate_id", "language", "revoked"))`);
    await queryRunner.query(`ALTER TABLE "certificate_designs" ADD CONSTRAINT "FK_certificate_designs_institution" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificate_designs" ADD CONSTRAINT "FK_certificate_designs_logo" FOREIGN KEY ("logo") REFERENCES "certificate_design_images"("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificate_designs" ADD CONSTRAINT "FK_certificate_designs_seal" FOREIGN KEY ("seal") REFERENCES "certificate_design_images"("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificate_documents" ADD CONSTRAINT "FK_certificate_documents_certificate" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificate_documents" DROP CONSTRAINT "FK_certificate_documents_certificate"`);
    await queryRunner.query(`ALTER TABLE "certificate_designs" DROP CONSTRAINT "FK_certificate_designs_seal"`);
    await queryRunner.query(`ALTER TABLE "certificate_designs" DROP CONSTRAINT "FK_certificate_designs_logo"`);
    await queryRunner.query(`ALTER TABLE "certificate_designs" DROP CONSTRAINT "FK_certificate_designs_institution"`);
    await queryRunner.query(`DROP TABLE "certificate_documents"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_certificate_designs_institution_created"`);
    await queryRunner.query(`DROP TABLE "certificate_designs"`);
    await queryRunner.query(`DROP TABLE "certificate_design_images"`);
  }
}
