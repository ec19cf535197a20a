import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgramOperations1796630110048 implements MigrationInterface {
  name = 'ProgramOperations1796630110048';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "program_quotas" ("program_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "seats" integer NOT NULL, CONSTRAINT "CHK_program_quotas_seats" CHECK ("seats" >= 1), CONSTRAINT "PK_program_quotas" PRIMARY KEY ("program_id", "institution_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_program_quotas_institution_id" ON "program_quotas"  ("institution_id") `);
    await queryRunner.query(`ALTER TABLE "programs" ADD "host_review" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "programs" ADD "nominated_count" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "program_quotas" ADD CONSTRAINT "FK_program_quotas_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "program_quotas" ADD CONSTRAINT "FK_program_quotas_institution" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // TypeORM does not see a CHECK whose expression changed under the same name: replaced by hand.
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "CHK_enrolments_status"`);
    await queryRunner.query(`ALTER TABLE "enrolments" ADD CONSTRAINT "CHK_enrolments_status" CHECK ("status" IN ('pending', 'nominated', 'confirmed', 'waitlisted', 'rejected', 'withdrawn', 'completed', 'not-completed', 'cancelled'))`);
    await queryRunner.query(`ALTER TABLE "programs" DROP CONSTRAINT "CHK_programs_seats"`);
    await queryRunner.query(`ALTER TABLE "programs" ADD CONSTRAINT "CHK_programs_seats" CHECK ("confirmed_count" BETWEEN 0 AND "capacity" AND "waitlisted_count" >= 0 AND "pending_count" >= 0 AND "nominated_count" >= 0)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "programs" DROP CONSTRAINT "CHK_programs_seats"`);
    await queryRunner.query(`ALTER TABLE "programs" ADD CONSTRAINT "CHK_programs_seats" CHECK ("confirmed_count" BETWEEN 0 AND "capacity" AND "waitlisted_count" >= 0 AND "pending_count" >= 0)`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "CHK_enrolments_status"`);
    await queryRunner.query(`ALTER TABLE "enrolments" ADD CONSTRAINT "CHK_enrolments_status" CHECK ("status" IN ('pending', 'confirmed', 'waitlisted', 'rejected', 'withdrawn', 'completed', 'not-completed'))`);
    await queryRunner.query(`ALTER TABLE "program_quotas" DROP CONSTRAINT "FK_program_quotas_institution"`);
    await queryRunner.query(`ALTER TABLE "program_quotas" DROP CONSTRAINT "FK_program_quotas_program"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP COLUMN "nominated_count"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP COLUMN "host_review"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_program_quotas_institution_id"`);
    await queryRunner.query(`DROP TABLE "program_quotas"`);
  }
}
