import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPrivacy1796638720605 implements MigrationInterface {
  name = 'AddPrivacy1796638720605';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "access_log_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor_user_id" uuid, "actor_role" text NOT NULL, "actor_institution_id" uuid, "subject_trainee_id" uuid, "subject_user_id" uuid, "resource" text NOT NULL, "fields" text array NOT NULL DEFAULT '{}', "request_id" text, CONSTRAINT "PK_access_log_entries" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_access_log_entries_at" ON "access_log_entries"  ("at") `);
    await queryRunner.query(`CREATE INDEX "IDX_access_log_entries_subject_user" ON "access_log_entries"  ("subject_user_id", "at") `);
    await queryRunner.query(`CREATE INDEX "IDX_access_log_entries_subject_trainee" ON "access_log_entries"  ("subject_trainee_id", "at") `);
    await queryRunner.query(`CREATE TABLE "privacy_notices" ("version" text NOT NULL, "published_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "text" jsonb NOT NULL, "controller" jsonb NOT NULL, "contact" text NOT NULL, "recipients" jsonb NOT NULL DEFAULT '[]', "retention_years" integer NOT NULL, "published_by" uuid, CONSTRAINT "PK_privacy_notices" PRIMARY KEY ("version"))`);
    await queryRunner.query(`CREATE TABLE "consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid, "trainee_id" uuid, "purpose" text NOT NULL, "notice_version" text NOT NULL, "source" text NOT NULL, "given_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "withdrawn_at" TIMESTAMP(3) WITH TIME ZONE, "recorded_by" uuid, CONSTRAINT "CHK_consents_person" CHECK ("user_id" IS NOT NULL OR "trainee_id" IS NOT NULL), CONSTRAINT "CHK_consents_source" CHECK ("source" IN ('registration', 'profile', 'partner-attestation')), CONSTRAINT "CHK_consents_purpose" CHECK ("purpose" IN ('program-administration', 'cross-border-transfer', 'program-news')), CONSTRAINT "PK_consents" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_consents_trainee" ON "consents"  ("trainee_id", "given_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_consents_user" ON "consents"  ("user_id", "given_at") `);
    await queryRunner.query(`CREATE TABLE "data_exports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'pending', "requested_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "ready_at" TIMESTAMP(3) WITH TIME ZONE, "expires_at" TIMESTAMP(3) WITH TIME ZONE, "size_bytes" integer, "content" bytea, CONSTRAINT "CHK_data_exports_status" CHECK ("status" IN ('pending', 'ready', 'failed')), CONSTRAINT "PK_data_exports" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_data_exports_expires_at" ON "data_exports"  ("expires_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_data_exports_user" ON "data_exports"  ("user_id", "requested_at") `);
    await queryRunner.query(`CREATE TABLE "job_runs" ("name" text NOT NULL, "last_run_on" date, "last_started_at" TIMESTAMP(3) WITH TIME ZONE, "last_finished_at" TIMESTAMP(3) WITH TIME ZONE, "last_report" jsonb, CONSTRAINT "PK_job_runs" PRIMARY KEY ("name"))`);
    await queryRunner.query(`CREATE TABLE "privacy_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "user_id" uuid, "trainee_id" uuid, "email" text, "keep_certificates_verifiable" boolean NOT NULL, "requested_by_role" text NOT NULL, "requested_by" uuid, "requested_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'pending', "decided_by" uuid, "decided_at" TIMESTAMP(3) WITH TIME ZONE, "refusal_reason" text, CONSTRAINT "CHK_privacy_requests_refusal" CHECK ("status" <> 'refused' OR "refusal_reason" IS NOT NULL), CONSTRAINT "CHK_privacy_requests_requested_by_role" CHECK ("requested_by_role" IN ('self', 'partner', 'admin')), CONSTRAINT "CHK_privacy_requests_status" CHECK ("status" IN ('pending', 'completed', 'refused')), CONSTRAINT "CHK_privacy_requests_kind" CHECK ("kind" IN ('erasure')), CONSTRAINT "PK_privacy_requests" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_privacy_requests_pending_trainee" ON "privacy_requests"  ("trainee_id") WHERE "status" = 'pending' AND "trainee_id" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_privacy_requests_pending_user" ON "privacy_requests"  ("user_id") WHERE "status" = 'pending' AND "user_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_privacy_requests_status_due" ON "privacy_requests"  ("status", "due_at", "id") `);
    await queryRunner.query(`CREATE TABLE "trainee_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "institution_id" uuid, "imported_by" uuid, "notice_version" text NOT NULL, "informed_attested" boolean NOT NULL, "created" integer NOT NULL, "updated" integer NOT NULL, "imported_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "CHK_trainee_imports_attested" CHECK ("informed_attested" = true), CONSTRAINT "PK_trainee_imports" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_trainee_imports_institution" ON "trainee_imports"  ("institution_id", "imported_at") `);
    await queryRunner.query(`ALTER TABLE "users" ADD "anonymized_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "trainees" ADD "anonymized_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "logistics_consents" ADD "withdrawn_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "privacy_notices" ADD CONSTRAINT "FK_privacy_notices_published_by" FOREIGN KEY ("published_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consents" ADD CONSTRAINT "FK_consents_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consents" ADD CONSTRAINT "FK_consents_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consents" ADD CONSTRAINT "FK_consents_notice" FOREIGN KEY ("notice_version") REFERENCES "privacy_notices"("version") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consents" ADD CONSTRAINT "FK_consents_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "data_exports" ADD CONSTRAINT "FK_data_exports_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "privacy_requests" ADD CONSTRAINT "FK_privacy_requests_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "privacy_requests" ADD CONSTRAINT "FK_privacy_requests_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainees"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "privacy_requests" ADD CONSTRAINT "FK_privacy_requests_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "privacy_requests" ADD CONSTRAINT "FK_privacy_requests_decided_by" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "trainee_imports" ADD CONSTRAINT "FK_trainee_imports_institution" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "trainee_imports" ADD CONSTRAINT "FK_trainee_imports_imported_by" FOREIGN KEY ("imported_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "trainee_imports" ADD CONSTRAINT "FK_trainee_imports_notice" FOREIGN KEY ("notice_version") REFERENCES "privacy_notices"("version") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trainee_imports" DROP CONSTRAINT "FK_trainee_imports_notice"`);
    await queryRunner.query(`ALTER TABLE "trainee_imports" DROP CONSTRAINT "FK_trainee_imports_imported_by"`);
    await queryRunner.query(`ALTER TABLE "trainee_imports" DROP CONSTRAINT "FK_trainee_imports_institution"`);
    await queryRunner.query(`ALTER TABLE "privacy_requests" DROP CONSTRAINT "FK_privacy_requests_decided_by"`);
    await queryRunner.query(`ALTER TABLE "privacy_requests" DROP CONSTRAINT "FK_privacy_requests_requested_by"`);
    await queryRunner.query(`ALTER TABLE "privacy_requests" DROP CONSTRAINT "FK_privacy_requests_trainee"`);
    await queryRunner.query(`ALTER TABLE "privacy_requests" DROP CONSTRAINT "FK_privacy_requests_user"`);
    await queryRunner.query(`ALTER TABLE "data_exports" DROP CONSTRAINT "FK_data_exports_user"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_consents_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_consents_notice"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_consents_trainee"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_consents_user"`);
    await queryRunner.query(`ALTER TABLE "privacy_notices" DROP CONSTRAINT "FK_privacy_notices_published_by"`);
    await queryRunner.query(`ALTER TABLE "logistics_consents" DROP COLUMN "withdrawn_at"`);
    await queryRunner.query(`ALTER TABLE "trainees" DROP COLUMN "anonymized_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "anonymized_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_trainee_imports_institution"`);
    await queryRunner.query(`DROP TABLE "trainee_imports"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_privacy_requests_status_due"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_privacy_requests_pending_user"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_privacy_requests_pending_trainee"`);
    await queryRunner.query(`DROP TABLE "privacy_requests"`);
    await queryRunner.query(`DROP TABLE "job_runs"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_data_exports_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_data_exports_expires_at"`);
    await queryRunner.query(`DROP TABLE "data_exports"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_consents_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_consents_trainee"`);
    await queryRunner.query(`DROP TABLE "consents"`);
    await queryRunner.query(`DROP TABLE "privacy_notices"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_log_entries_subject_trainee"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_log_entries_subject_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_log_entries_at"`);
    await queryRunner.query(`DROP TABLE "access_log_entries"`);
  }
}
