import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddNotifications1795313419847 implements MigrationInterface {
  name = 'AddNotifications1795313419847';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "mailbox_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notification_id" uuid NOT NULL, "kind" text NOT NULL, "to" text NOT NULL, "subject" text NOT NULL, "locale" text NOT NULL, "text" text NOT NULL, "html" text NOT NULL, "message_id" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_mailbox_messages" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_mailbox_messages_notification" ON "mailbox_messages"  ("notification_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_mailbox_messages_created" ON "mailbox_messages"  ("created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "event_key" text NOT NULL, "user_id" uuid, "email" text NOT NULL, "locale" text NOT NULL, "time_zone" text NOT NULL, "params" jsonb NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "read_at" TIMESTAMP(3) WITH TIME ZONE, "email_status" text NOT NULL DEFAULT 'pending', "email_attempts" integer NOT NULL DEFAULT '0', "email_next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "email_last_error" text, "email_sent_at" TIMESTAMP(3) WITH TIME ZONE, "email_message_id" text, CONSTRAINT "UQ_notifications_event_recipient" UNIQUE ("event_key", "email"), CONSTRAINT "CHK_notifications_locale" CHECK ("locale" IN ('en', 'zh', 'th', 'ms')), CONSTRAINT "CHK_notifications_email_status" CHECK ("email_status" IN ('pending', 'sent', 'failed')), CONSTRAINT "PK_notifications" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_notifications_outbox" ON "notifications"  ("email_next_attempt_at") WHERE email_status = 'pending'`);
    await queryRunner.query(`CREATE INDEX "IDX_notifications_user_unread" ON "notifications"  ("user_id") WHERE read_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_notifications_user_created" ON "notifications"  ("user_id", "created_at", "id") `);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "FK_notifications_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_notifications_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_user_unread"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_outbox"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_mailbox_messages_created"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_mailbox_messages_notification"`);
    await queryRunner.query(`DROP TABLE "mailbox_messages"`);
  }
}
