import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAttendanceAndCertificates1795308264873 implements MigrationInterface {
  name = 'AddAttendanceAndCertificates1795308264873';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Certificate serials (SB-<year>-<6 digits>) number on from one sequence: gaps are harmless, repeats impossible.
    await queryRunner.query(`CREATE SEQUENCE "certificate_serial_seq" START 1`);
    await queryRunner.query(`CREATE TABLE "attendance" ("session_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "status" text NOT NULL, "recorded_by" uuid, "recorded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_attendance_status" CHECK ("status" IN ('present', 'late', 'absent', 'excused')), CONSTRAINT "PK_attendance" PRIMARY KEY ("session_id", "trainee_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_attendance_trainee" ON "attendance"  ("trainee_id") `);
    await queryRunner.query(`CREATE TABLE "certificates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "serial" text NOT NULL, "verification_code" text NOT NULL, "enrolment_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "program_id" uuid NOT NULL, "issued_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "status" text NOT NULL DEFAULT 'issued', "revoked_reason" text, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, CONSTRAINT "REL_eae67dad555fdec30762dfcec2" UNIQUE ("enrolment_id"), CONSTRAINT "CHK_certificates_revoked" CHECK ("status" <> 'revoked' OR ("revoked_reason" IS NOT NULL AND "revoked_at" IS NOT NULL)), CONSTRAINT "CHK_certificates_status" CHECK ("status" IN ('issued', 'revoked')), CONSTRAINT "PK_certificates" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_certificates_serial" ON "certificates"  ("serial") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_certificates_verification_code" ON "certificates"  ("verification_code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_certificates_enrolment" ON "certificates"  ("enrolment_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_certificates_issued_id" ON "certificates"  ("issued_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_certificates_trainee" ON "certificates"  ("trainee_id", "issued_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_certificates_program_issued" ON "certificates"  ("program_id", "issued_at", "id") `);
    await queryRunner.query(`CREATE TABLE "rate_limit_hits" ("bucket" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_rate_limit_hits" PRIMARY KEY ("bucket", "window_start"))`);
    await queryRunner.query(`ALTER TABLE "enrolments" ADD "score" numeric(5,2)`);
    await queryRunner.query(`ALTER TABLE "enrolments" ADD "remarks" text`);
    await queryRunner.query(`ALTER TABLE "enrolments" ADD "assessed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "enrolments" ADD "assessed_by" uuid`);
    await queryRunner.query(`ALTER TABLE "enrolments" ADD CONSTRAINT "CHK_enrolments_score" CHECK ("score" IS NULL OR "score" BETWEEN 0 AND 100)`);
    await queryRunner.query(`ALTER TABLE "attendance" ADD CONSTRAINT "FK_attendance_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "attendance" ADD CONSTRAINT "FK_attendance_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "FK_certificates_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "FK_certificates_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "FK_certificates_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_certificates_program"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_certificates_trainee"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_certificates_enrolment"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_attendance_trainee"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_attendance_session"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "CHK_enrolments_score"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP COLUMN "assessed_by"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP COLUMN "assessed_at"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP COLUMN "remarks"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP COLUMN "score"`);
    await queryRunner.query(`DROP TABLE "rate_limit_hits"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_certificates_program_issued"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_certificates_trainee"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_certificates_issued_id"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_certificates_enrolment"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_certificates_verification_code"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_certificates_serial"`);
    await queryRunner.query(`DROP TABLE "certificates"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_attendance_trainee"`);
    await queryRunner.query(`DROP TABLE "attendance"`);
    await queryRunner.query(`DROP SEQUENCE "certificate_serial_seq"`);
  }
}
