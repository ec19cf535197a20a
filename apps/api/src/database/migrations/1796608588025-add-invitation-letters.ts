import { MigrationInterface, QueryRunner } from 'typeorm';

/** Visa invitation letters (issue 20): references from their own sequence, frozen facts, the passport data's HMAC. */
export class AddInvitationLetters1796608588025 implements MigrationInterface {
  name = 'AddInvitationLetters1796608588025';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "invitation_letter_reference_seq" START 1`);
    await queryRunner.query(`CREATE TABLE "invitation_letters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "enrolment_id" uuid NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "superseded_at" TIMESTAMP WITH TIME ZONE, "holder_name" text NOT NULL, "holder_name_latin" text, "program_title" jsonb NOT NULL, "program_kind" text NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "time_zone" text NOT NULL, "host_institution_id" uuid NOT NULL, "host_name" jsonb NOT NULL, "passport_mac" bytea NOT NULL, CONSTRAINT "PK_invitation_letters" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_invitation_letters_enrolment" ON "invitation_letters"  ("enrolment_id", "issued_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_invitation_letters_current" ON "invitation_letters"  ("enrolment_id") WHERE "superseded_at" IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_invitation_letters_reference" ON "invitation_letters"  ("reference") `);
    await queryRunner.query(`ALTER TABLE "invitation_letters" ADD CONSTRAINT "FK_invitation_letters_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitation_letters" DROP CONSTRAINT "FK_invitation_letters_enrolment"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_invitation_letters_reference"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_invitation_letters_current"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_invitation_letters_enrolment"`);
    await queryRunner.query(`DROP TABLE "invitation_letters"`);
    await queryRunner.query(`DROP SEQUENCE "invitation_letter_reference_seq"`);
  }
}
