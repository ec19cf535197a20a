import { MigrationInterface, QueryRunner } from 'typeorm';

/** Attendance where it happens (issue 21): the programs' attendance rule, each mark's source, QR check-in windows and check-ins. */
export class AttendanceWhereItHappens1796618115278 implements MigrationInterface {
  name = 'AttendanceWhereItHappens1796618115278';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "check_in_windows" ("session_id" uuid NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "opened_by" uuid, "secret" bytea NOT NULL, CONSTRAINT "CHK_check_in_windows_time" CHECK ("closes_at" > "opened_at"), CONSTRAINT "PK_check_in_windows" PRIMARY KEY ("session_id"))`);
    await queryRunner.query(`CREATE TABLE "check_ins" ("session_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "status" text NOT NULL, "checked_in_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_check_ins_status" CHECK ("status" IN ('present', 'late')), CONSTRAINT "PK_check_ins" PRIMARY KEY ("session_id", "trainee_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_check_ins_session_checked_in_at" ON "check_ins"  ("session_id", "checked_in_at") `);
    await queryRunner.query(`ALTER TABLE "programs" ADD "min_minutes_present_rate" numeric(4,3) NOT NULL DEFAULT '0.8'`);
    await queryRunner.query(`ALTER TABLE "programs" ADD "grace_minutes" smallint NOT NULL DEFAULT '10'`);
    await queryRunner.query(`ALTER TABLE "attendance" ADD "source" text NOT NULL DEFAULT 'register'`);
    await queryRunner.query(`ALTER TABLE "programs" ADD CONSTRAINT "CHK_programs_grace_minutes" CHECK ("grace_minutes" BETWEEN 0 AND 120)`);
    await queryRunner.query(`ALTER TABLE "programs" ADD CONSTRAINT "CHK_programs_minutes_present_rate" CHECK ("min_minutes_present_rate" BETWEEN 0 AND 1)`);
    await queryRunner.query(`ALTER TABLE "attendance" ADD CONSTRAINT "CHK_attendance_source" CHECK ("source" IN ('register', 'check-in', 'import'))`);
    await queryRunner.query(`ALTER TABLE "check_in_windows" ADD CONSTRAINT "FK_check_in_windows_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "check_ins" ADD CONSTRAINT "FK_check_ins_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "check_ins" ADD CONSTRAINT "FK_check_ins_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "check_ins" DROP CONSTRAINT "FK_check_ins_trainee"`);
    await queryRunner.query(`ALTER TABLE "check_ins" DROP CONSTRAINT "FK_check_ins_session"`);
    await queryRunner.query(`ALTER TABLE "check_in_windows" DROP CONSTRAINT "FK_check_in_windows_session"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "CHK_attendance_source"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP CONSTRAINT "CHK_programs_minutes_present_rate"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP CONSTRAINT "CHK_programs_grace_minutes"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP COLUMN "source"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP COLUMN "grace_minutes"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP COLUMN "min_minutes_present_rate"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_check_ins_session_checked_in_at"`);
    await queryRunner.query(`DROP TABLE "check_ins"`);
    await queryRunner.query(`DROP TABLE "check_in_windows"`);
  }
}
