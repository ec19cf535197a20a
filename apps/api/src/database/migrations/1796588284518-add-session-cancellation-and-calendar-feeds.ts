import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSessionCancellationAndCalendarFeeds1796588284518 implements MigrationInterface {
  name = 'AddSessionCancellationAndCalendarFeeds1796588284518';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "calendar_feeds" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_calendar_feeds" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_calendar_feeds_user" ON "calendar_feeds"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "session_tombstones" ("id" uuid NOT NULL, "program_id" uuid NOT NULL, "title" jsonb NOT NULL, "type" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "venue" text, "sequence" integer NOT NULL, "instructor_ids" uuid array NOT NULL DEFAULT '{}', "deleted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_session_tombstones" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_session_tombstones_program" ON "session_tombstones"  ("program_id") `);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "status" text NOT NULL DEFAULT 'scheduled'`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "cancelled_reason" text`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "CHK_sessions_cancelled" CHECK (("status" = 'cancelled') = ("cancelled_at" IS NOT NULL AND "cancelled_reason" IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "CHK_sessions_status" CHECK ("status" IN ('scheduled', 'cancelled'))`);
    await queryRunner.query(`ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_calendar_feeds_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_tombstones" ADD CONSTRAINT "FK_session_tombstones_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // A cancelled session, or a session of a cancelled program, no longer holds its instructors' time: its
    // `during` becomes empty (overlaps nothing). Cancelling a program touches its rows so that this is recomputed.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION session_instructors_set_during() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT CASE WHEN s.status = 'cancelled' OR p.status = 'cancelled' THEN 'empty'::tstzrange
                    ELSE tstzrange(s.starts_at, s.ends_at, '[)') END
          INTO NEW.during FROM sessions s JOIN programs p ON p.id = s.program_id WHERE s.id = NEW.session_id;
        RETURN NEW;
      END $$`);
    // The row trigger above computes `during`; this one makes it run when the session's time or status changes.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION sessions_sync_during() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE session_instructors SET during = during WHERE session_id = NEW.id;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP TRIGGER "TRG_sessions_sync_during" ON "sessions"`);
    await queryRunner.query(`CREATE TRIGGER "TRG_sessions_sync_during" AFTER UPDATE OF starts_at, ends_at, status ON "sessions"
      FOR EACH ROW EXECUTE FUNCTION sessions_sync_during()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_sessions_sync_during" ON "sessions"`);
    await queryRunner.query(`CREATE TRIGGER "TRG_sessions_sync_during" AFTER UPDATE OF starts_at, ends_at ON "sessions"
      FOR EACH ROW EXECUTE FUNCTION sessions_sync_during()`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION sessions_sync_during() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE session_instructors SET during = tstzrange(NEW.starts_at, NEW.ends_at, '[)') WHERE session_id = NEW.id;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION session_instructors_set_during() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT tstzrange(s.starts_at, s.ends_at, '[)') INTO NEW.during FROM sessions s WHERE s.id = NEW.session_id;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`ALTER TABLE "session_tombstones" DROP CONSTRAINT "FK_session_tombstones_program"`);
    await queryRunner.query(`ALTER TABLE "calendar_feeds" DROP CONSTRAINT "FK_calendar_feeds_user"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "CHK_sessions_status"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "CHK_sessions_cancelled"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "cancelled_at"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "cancelled_reason"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_session_tombstones_program"`);
    await queryRunner.query(`DROP TABLE "session_tombstones"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_calendar_feeds_user"`);
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
  }
}
