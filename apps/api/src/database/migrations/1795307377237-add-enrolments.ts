import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddEnrolments1795307377237 implements MigrationInterface {
  name = 'AddEnrolments1795307377237';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "enrolments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "trainee_id" uuid NOT NULL, "status" text NOT NULL, "waitlisted_at" TIMESTAMP WITH TIME ZONE, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, "reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_enrolments_waitlisted_at" CHECK ("status" <> 'waitlisted' OR "waitlisted_at" IS NOT NULL), CONSTRAINT "CHK_enrolments_status" CHECK ("status" IN ('pending', 'confirmed', 'waitlisted', 'rejected', 'withdrawn', 'completed', 'not-completed')), CONSTRAINT "PK_enrolments" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_enrolments_waitlist" ON "enrolments"  ("program_id", "waitlisted_at", "id") WHERE "status" = 'waitlisted'`);
    await queryRunner.query(`CREATE INDEX "IDX_enrolments_status_created" ON "enrolments"  ("status", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_enrolments_trainee_created" ON "enrolments"  ("trainee_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_enrolments_program_created" ON "enrolments"  ("program_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_enrolments_program_trainee" ON "enrolments"  ("program_id", "trainee_id") `);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_action_ip"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_action_subject"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_actor"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_entity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_occurred_at_id"`);
    await queryRunner.query(`ALTER TABLE "audit_events" ALTER COLUMN "occurred_at" TYPE TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`DROP INDEX "public"."IDX_users_created_at_id"`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "trainees" ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_action_ip" ON "audit_events"  ("action", "ip", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_action_subject" ON "audit_events"  ("action", "subject", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_actor" ON "audit_events"  ("actor_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_entity" ON "audit_events"  ("entity_type", "entity_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_occurred_at_id" ON "audit_events"  ("occurred_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_users_created_at_id" ON "users"  ("created_at", "id") `);
    await queryRunner.query(`ALTER TABLE "enrolments" ADD CONSTRAINT "FK_enrolments_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "enrolments" ADD CONSTRAINT "FK_enrolments_trainee" FOREIGN KEY ("trainee_id") REFERENCES "trainees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "enrolments" ADD CONSTRAINT "FK_enrolments_decided_by" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "FK_enrolments_decided_by"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "FK_enrolments_trainee"`);
    await queryRunner.query(`ALTER TABLE "enrolments" DROP CONSTRAINT "FK_enrolments_program"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_users_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_occurred_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_entity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_actor"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_action_subject"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_action_ip"`);
    await queryRunner.query(`ALTER TABLE "trainees" ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "IDX_users_created_at_id" ON "users" USING btree ("created_at", "id") `);
    await queryRunner.query(`ALTER TABLE "audit_events" ALTER COLUMN "occurred_at" TYPE TIMESTAMP(6) WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_occurred_at_id" ON "audit_events" USING btree ("id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_entity" ON "audit_events" USING btree ("entity_id", "entity_type", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_actor" ON "audit_events" USING btree ("actor_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_action_subject" ON "audit_events" USING btree ("action", "occurred_at", "subject") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_action_ip" ON "audit_events" USING btree ("action", "ip", "occurred_at") `);
    await queryRunner.query(`DROP INDEX "public"."UQ_enrolments_program_trainee"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_enrolments_program_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_enrolments_trainee_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_enrolments_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_enrolments_waitlist"`);
    await queryRunner.query(`DROP TABLE "enrolments"`);
  }
}
