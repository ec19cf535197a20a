import { MigrationInterface, QueryRunner } from 'typeorm';

/** Camp logistics (issue 20): per program settings, per enrolment travel and sealed passport/dietary data, consents, rooms. */
export class AddCampLogistics1796607577692 implements MigrationInterface {
  name = 'AddCampLogistics1796607577692';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "enrolment_logistics" ("enrolment_id" uuid NOT NULL, "gender" text, "arrival_at" TIMESTAMP WITH TIME ZONE, "arrival_carrier" text, "arrival_number" text, "arrival_point" text, "departure_at" TIMESTAMP WITH TIME ZONE, "departure_carrier" text, "departure_number" text, "departure_point" text, "emergency_name" text, "emergency_relationship" text, "emergency_phone" text, "passport_sealed" text, "passport_deleted_at" TIMESTAMP WITH TIME ZONE, "dietary_sealed" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, CONSTRAINT "CHK_enrolment_logistics_gender" CHECK ("gender" IS NULL OR "gender" IN ('female', 'male', 'unspecified')), CONSTRAINT "PK_enrolment_logistics" PRIMARY KEY ("enrolment_id"))`);
    await queryRunner.query(`CREATE TABLE "logistics_consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enrolment_id" uuid NOT NULL, "purpose" text NOT NULL, "notice_version" text NOT NULL, "collected" text NOT NULL, "given_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recorded_by" uuid, CONSTRAINT "CHK_logistics_consents_collected" CHECK ("collected" IN ('self', 'paper')), CONSTRAINT "CHK_logistics_consents_purpose" CHECK ("purpose" IN ('passport', 'dietary')), CONSTRAINT "PK_logistics_consents" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_logistics_consents_enrolment_purpose_version" ON "logistics_consents"  ("enrolment_id", "purpose", "notice_version") `);
    await queryRunner.query(`CREATE TABLE "program_logistics_settings" ("program_id" uuid NOT NULL, "collect" text array NOT NULL DEFAULT '{}', "due_date" date, "arrival_points" text array NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_program_logistics_settings" PRIMARY KEY ("program_id"))`);
    await queryRunner.query(`CREATE TABLE "rooms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "name" text NOT NULL, "capacity" integer NOT NULL, "gender" text NOT NULL DEFAULT 'any', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_rooms_capacity" CHECK ("capacity" BETWEEN 1 AND 50), CONSTRAINT "CHK_rooms_gender" CHECK ("gender" IN ('female', 'male', 'any')), CONSTRAINT "PK_rooms" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_rooms_program_name" ON "rooms"  ("program_id", "name") `);
    await queryRunner.query(`CREATE TABLE "room_assignments" ("enrolment_id" uuid NOT NULL, "room_id" uuid NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "assigned_by" uuid, CONSTRAINT "PK_room_assignments" PRIMARY KEY ("enrolment_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_room_assignments_room" ON "room_assignments"  ("room_id") `);
    await queryRunner.query(`ALTER TABLE "enrolment_logistics" ADD CONSTRAINT "FK_enrolment_logistics_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "logistics_consents" ADD CONSTRAINT "FK_logistics_consents_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "logistics_consents" ADD CONSTRAINT "FK_logistics_consents_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "program_logistics_settings" ADD CONSTRAINT "FK_program_logistics_settings_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rooms" ADD CONSTRAINT "FK_rooms_program" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "room_assignments" ADD CONSTRAINT "FK_room_assignments_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "room_assignments" ADD CONSTRAINT "FK_room_assignments_room" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "room_assignments" DROP CONSTRAINT "FK_room_assignments_room"`);
    await queryRunner.query(`ALTER TABLE "room_assignments" DROP CONSTRAINT "FK_room_assignments_enrolment"`);
    await queryRunner.query(`ALTER TABLE "rooms" DROP CONSTRAINT "FK_rooms_program"`);
    await queryRunner.query(`ALTER TABLE "program_logistics_settings" DROP CONSTRAINT "FK_program_logistics_settings_program"`);
    await queryRunner.query(`ALTER TABLE "logistics_consents" DROP CONSTRAINT "FK_logistics_consents_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "logistics_consents" DROP CONSTRAINT "FK_logistics_consents_enrolment"`);
    await queryRunner.query(`ALTER TABLE "enrolment_logistics" DROP CONSTRAINT "FK_enrolment_logistics_enrolment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_room_assignments_room"`);
    await queryRunner.query(`DROP TABLE "room_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_rooms_program_name"`);
    await queryRunner.query(`DROP TABLE "rooms"`);
    await queryRunner.query(`DROP TABLE "program_logistics_settings"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_logistics_consents_enrolment_purpose_version"`);
    await queryRunner.query(`DROP TABLE "logistics_consents"`);
    await queryRunner.query(`DROP TABLE "enrolment_logistics"`);
  }
}
