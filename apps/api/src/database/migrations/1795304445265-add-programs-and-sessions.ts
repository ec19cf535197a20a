import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddProgramsAndSessions1795304445265 implements MigrationInterface {
  name = 'AddProgramsAndSessions1795304445265';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // uuid equality inside a GiST exclusion constraint needs btree_gist.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`CREATE TABLE "programs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "kind" text NOT NULL, "title" jsonb NOT NULL, "summary" jsonb, "delivery_mode" text NOT NULL, "timezone" text NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "venue" text, "meeting_url" text, "capacity" integer NOT NULL, "enrolment_opens_at" TIMESTAMP WITH TIME ZONE, "enrolment_closes_at" TIMESTAMP WITH TIME ZONE, "host_institution_id" uuid NOT NULL, "min_attendance_rate" numeric(4,3) NOT NULL, "passing_score" numeric(5,2), "status" text NOT NULL DEFAULT 'draft', "confirmed_count" integer NOT NULL DEFAULT '0', "waitlisted_count" integer NOT NULL DEFAULT '0', "pending_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_programs_enrolment_window" CHECK ("enrolment_opens_at" IS NULL OR "enrolment_closes_at" IS NULL OR "enrolment_opens_at" < "enrolment_closes_at"), CONSTRAINT "CHK_programs_passing_score" CHECK ("passing_score" IS NULL OR "passing_score" BETWEEN 0 AND 100), CONSTRAINT "CHK_programs_attendance_rate" CHECK ("min_attendance_rate" BETWEEN 0 AND 1), CONSTRAINT "CHK_programs_seats" CHECK ("confirmed_count" BETWEEN 0 AND "capacity" AND "waitlisted_count" >= 0 AND "pending_count" >= 0), CONSTRAINT "CHK_programs_capacity" CHECK ("capacity" >= 1), CONSTRAINT "CHK_programs_dates" CHECK ("end_date" >= "start_date"), CONSTRAINT "CHK_programs_status" CHECK ("status" IN ('draft', 'published', 'completed', 'cancelled')), CONSTRAINT "CHK_programs_delivery_mode" CHECK ("delivery_mode" IN ('online', 'onsite', 'hybrid')), CONSTRAINT "CHK_programs_kind" CHECK ("kind" IN ('camp', 'course')), CONSTRAINT "PK_programs" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_programs_code" ON "programs"  ("code") `);
    await queryRunner.query(`CREATE INDEX "IDX_programs_host_institution_id" ON "programs"  ("host_institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_programs_status_start_date" ON "programs"  ("status", "start_date") `);
    await queryRunner.query(`CREATE INDEX "IDX_programs_start_date_id" ON "programs"  ("start_date", "id") `);
    await queryRunner.query(`CREATE TABLE "program_partners" ("program_id" uuid NOT NULL, "institution_id" uuid NOT NULL, CONSTRAINT "PK_program_partners" PRIMARY KEY ("program_id", "institution_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_program_partners_institution_id" ON "program_partners"  ("institution_id") `);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "title" jsonb NOT NULL, "type" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "venue" text, "meeting_url" text, "sequence" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_sessions_time" CHECK ("ends_at" > "starts_at"), CONSTRAINT "CHK_sessions_type" CHECK ("type" IN ('lecture', 'workshop', 'seminar', 'practice', 'case-study', 'field-visit', 'ceremony')), CONSTRAINT "PK_sessions" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_sessions_program_starts_at" ON "sessions"  ("program_id", "starts_at") `);
    await queryRunner.query(`CREATE TABLE "session_instructors" ("session_id" uuid NOT NULL, "instructor_id" uuid NOT NULL, "during" tstzrange NOT NULL, CONSTRAINT "EXC_session_instructors_no_overlap" EXCLUDE USING gist ("instructor_id" WITH =, "during" WITH &&), CONSTRAINT "PK_session_instructors" PRIMARY KEY ("session_id", "instructor_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_session_instructors_instructor_id" ON "session_instructors"  ("instructor_id") `);
    await queryRunner.query(`ALTER TABLE "programs" ADD CONSTRAINT "FK_programs_host_institution" FOREIGN KEY ("host_institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "program_partners" ADD CONSTRAINT "FK_program_partners_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "program_partners" ADD CONSTRAINT "FK_program_partners_institution" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_sessions_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_instructors" ADD CONSTRAINT "FK_session_instructors_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_instructors" ADD CONSTRAINT "FK_session_instructors_instructor" FOREIGN KEY ("instructor_id") REFERENCES "instructors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // session_instructors.during mirrors the session's time: set on insert, followed on every change of the session.
    await queryRunner.query(`CREATE FUNCTION session_instructors_set_during() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT tstzrange(s.starts_at, s.ends_at, '[)') INTO NEW.during FROM sessions s WHERE s.id = NEW.session_id;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "TRG_session_instructors_set_during" BEFORE INSERT OR UPDATE ON "session_instructors"
      FOR EACH ROW EXECUTE FUNCTION session_instructors_set_during()`);
    await queryRunner.query(`CREATE FUNCTION sessions_sync_during() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE session_instructors SET during = tstzrange(NEW.starts_at, NEW.ends_at, '[)') WHERE session_id = NEW.id;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "TRG_sessions_sync_during" AFTER UPDATE OF starts_at, ends_at ON "sessions"
      FOR EACH ROW EXECUTE FUNCTION sessions_sync_during()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_sessions_sync_during" ON "sessions"`);
    await queryRunner.query(`DROP FUNCTION sessions_sync_during()`);
    await queryRunner.query(`DROP TRIGGER "TRG_session_instructors_set_during" ON "session_instructors"`);
    await queryRunner.query(`DROP FUNCTION session_instructors_set_during()`);
    await queryRunner.query(`ALTER TABLE "session_instructors" DROP CONSTRAINT "FK_session_instructors_instructor"`);
    await queryRunner.query(`ALTER TABLE "session_instructors" DROP CONSTRAINT "FK_session_instructors_session"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_sessions_program"`);
    await queryRunner.query(`ALTER TABLE "program_partners" DROP CONSTRAINT "FK_program_partners_institution"`);
    await queryRunner.query(`ALTER TABLE "program_partners" DROP CONSTRAINT "FK_program_partners_program"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP CONSTRAINT "FK_programs_host_institution"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_session_instructors_instructor_id"`);
    await queryRunner.query(`DROP TABLE "session_instructors"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_sessions_program_starts_at"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_program_partners_institution_id"`);
    await queryRunner.query(`DROP TABLE "program_partners"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_programs_start_date_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_programs_status_start_date"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_programs_host_institution_id"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_programs_code"`);
    await queryRunner.query(`DROP TABLE "programs"`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS btree_gist`);
  }
}
