import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddIdentity1795302526699 implements MigrationInterface {
  name = 'AddIdentity1795302526699';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor_id" uuid, "actor_role" text, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text, "subject" text, "request_id" text, "ip" inet, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_audit_events" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_action_ip" ON "audit_events"  ("action", "ip", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_action_subject" ON "audit_events"  ("action", "subject", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_actor" ON "audit_events"  ("actor_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_entity" ON "audit_events"  ("entity_type", "entity_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_occurred_at_id" ON "audit_events"  ("occurred_at", "id") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "password_hash" text NOT NULL, "full_name" text NOT NULL, "role" text NOT NULL, "institution_id" uuid, "preferred_locale" text NOT NULL DEFAULT 'en', "time_zone" text NOT NULL DEFAULT 'UTC', "disabled" boolean NOT NULL DEFAULT false, "token_version" integer NOT NULL DEFAULT '0', "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_users_email_lower" CHECK ("email" = lower("email")), CONSTRAINT "CHK_users_locale" CHECK ("preferred_locale" IN ('en', 'zh', 'th', 'ms')), CONSTRAINT "CHK_users_partner_institution" CHECK ("role" <> 'partner' OR "institution_id" IS NOT NULL), CONSTRAINT "CHK_users_role" CHECK ("role" IN ('admin', 'instructor', 'partner', 'trainee')), CONSTRAINT "PK_users" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_users_email" ON "users"  ("email") `);
    await queryRunner.query(`CREATE INDEX "IDX_users_institution_id" ON "users"  ("institution_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_users_created_at_id" ON "users"  ("created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "secret_hash" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_refresh_tokens" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_refresh_tokens_user" ON "refresh_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_refresh_tokens_family" ON "refresh_tokens"  ("family_id") `);
    await queryRunner.query(`CREATE TABLE "instructors" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid, "full_name" text NOT NULL, "institution_id" uuid NOT NULL, "expertise" text array NOT NULL DEFAULT '{}', "languages" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_instructors" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_instructors_user_id" ON "instructors"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_instructors_institution_id" ON "instructors"  ("institution_id") `);
    await queryRunner.query(`CREATE TABLE "trainees" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid, "full_name" text NOT NULL, "full_name_latin" text, "email" text NOT NULL, "nationality" character(2) NOT NULL, "institution_id" uuid, "preferred_locale" text NOT NULL DEFAULT 'en', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_trainees_email_lower" CHECK ("email" = lower("email")), CONSTRAINT "CHK_trainees_locale" CHECK ("preferred_locale" IN ('en', 'zh', 'th', 'ms')), CONSTRAINT "CHK_trainees_nationality" CHECK ("nationality" ~ '^[A-Z]{2}$'), CONSTRAINT "PK_trainees" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_trainees_user_id" ON "trainees"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_trainees_email" ON "trainees"  ("email") `);
    await queryRunner.query(`CREATE INDEX "IDX_trainees_institution_id" ON "trainees"  ("institution_id", "id") `);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_users_institution" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "instructors" ADD CONSTRAINT "FK_instructors_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "instructors" ADD CONSTRAINT "FK_instructors_institution" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "trainees" ADD CONSTRAINT "FK_trainees_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "trainees" ADD CONSTRAINT "FK_trainees_institution" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trainees" DROP CONSTRAINT "FK_trainees_institution"`);
    await queryRunner.query(`ALTER TABLE "trainees" DROP CONSTRAINT "FK_trainees_user"`);
    await queryRunner.query(`ALTER TABLE "instructors" DROP CONSTRAINT "FK_instructors_institution"`);
    await queryRunner.query(`ALTER TABLE "instructors" DROP CONSTRAINT "FK_instructors_user"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_refresh_tokens_user"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_users_institution"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_trainees_institution_id"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_trainees_email"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_trainees_user_id"`);
    await queryRunner.query(`DROP TABLE "trainees"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_instructors_institution_id"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_instructors_user_id"`);
    await queryRunner.query(`DROP TABLE "instructors"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_tokens_family"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_tokens_user"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_users_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_users_institution_id"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_occurred_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_entity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_actor"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_action_subject"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_action_ip"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
