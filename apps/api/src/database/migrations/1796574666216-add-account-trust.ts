import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts people can trust (issue 16): verified e-mail, e-mailed single-use
 * tokens, TOTP two-factor sign-in with recovery codes, and sign-ins (devices)
 * as rows the owner can list and end. And one place for a person's name,
 * institution and language: a trainee account keeps them only in its trainee
 * row — the row a partner imported and certificates and rosters read — so
 * the copies on `users` are emptied; where the two had drifted apart the
 * trainee row wins. Accounts that exist already count as verified.
 */
export class AddAccountTrust1796574666216 implements MigrationInterface {
  name = 'AddAccountTrust1796574666216';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "account_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" text NOT NULL, "email" text NOT NULL, "token_hash" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_account_tokens_purpose" CHECK ("purpose" IN ('verify-email', 'change-email', 'password-reset', 'unlock')), CONSTRAINT "PK_account_tokens" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_account_tokens_user_purpose" ON "account_tokens"  ("user_id", "purpose", "created_at") `);
    await queryRunner.query(`CREATE TABLE "recovery_codes" ("user_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "code_hash" bytea NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_recovery_codes" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_recovery_codes_user_hash" ON "recovery_codes"  ("user_id", "code_hash") `);
    await queryRunner.query(`CREATE TABLE "sign_ins" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "user_agent" text, "ip" inet, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_sign_ins" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_sign_ins_user" ON "sign_ins"  ("user_id", "last_used_at") `);
    await queryRunner.query(`ALTER TABLE "users" ADD "email_verified_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "pending_profile" jsonb`);
    await queryRunner.query(`ALTER TABLE "users" ADD "totp_secret" text`);
    await queryRunner.query(`ALTER TABLE "users" ADD "totp_pending_secret" text`);
    await queryRunner.query(`ALTER TABLE "users" ADD "totp_enabled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "totp_last_step" integer`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "full_name" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "preferred_locale" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "preferred_locale" DROP DEFAULT`);
    await queryRunner.query(`UPDATE "users" SET "email_verified_at" = "created_at"`);
    // A trainee account without a trainee row cannot be made through the API; if SQL made one, it registers anew.
    await queryRunner.query(
      `UPDATE "users" u
          SET "pending_profile" = jsonb_build_object('fullName', u.full_name, 'fullNameLatin', NULL, 'nationality', 'ZZ',
                                                     'institutionId', NULL, 'preferredLocale', coalesce(u.preferred_locale, 'en')),
              "email_verified_at" = NULL
        WHERE u.role = 'trainee' AND NOT EXISTS (SELECT 1 FROM trainees t WHERE t.user_id = u.id)`,
    );
    await queryRunner.query(
      `UPDATE "users" SET "full_name" = NULL, "institution_id" = NULL, "preferred_locale" = NULL WHERE "role" = 'trainee'`,
    );
    await queryRunner.query(
      `INSERT INTO "sign_ins" ("id", "user_id", "created_at", "last_used_at", "ended_at")
       SELECT family_id, min(user_id::text)::uuid, min(created_at), max(created_at),
              CASE WHEN bool_and(revoked_at IS NOT NULL) THEN max(revoked_at) END
         FROM refresh_tokens GROUP BY family_id`,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_staff_profile" CHECK ("role" = 'trainee' OR ("full_name" IS NOT NULL AND "preferred_locale" IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_trainee_profile" CHECK ("role" <> 'trainee' OR ("full_name" IS NULL AND "institution_id" IS NULL AND "preferred_locale" IS NULL))`);
    await queryRunner.query(`ALTER TABLE "account_tokens" ADD CONSTRAINT "FK_account_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "recovery_codes" ADD CONSTRAINT "FK_recovery_codes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sign_ins" ADD CONSTRAINT "FK_sign_ins_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_refresh_tokens_sign_in" FOREIGN KEY ("family_id") REFERENCES "sign_ins"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_refresh_tokens_sign_in"`);
    await queryRunner.query(`ALTER TABLE "sign_ins" DROP CONSTRAINT "FK_sign_ins_user"`);
    await queryRunner.query(`ALTER TABLE "recovery_codes" DROP CONSTRAINT "FK_recovery_codes_user"`);
    await queryRunner.query(`ALTER TABLE "account_tokens" DROP CONSTRAINT "FK_account_tokens_user"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_trainee_profile"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_staff_profile"`);
    await queryRunner.query(
      `UPDATE "users" u
          SET "full_name" = coalesce(t.full_name, u.pending_profile->>'fullName', u.email),
              "institution_id" = coalesce(t.institution_id, (u.pending_profile->>'institutionId')::uuid),
              "preferred_locale" = coalesce(t.preferred_locale, u.pending_profile->>'preferredLocale', 'en')
         FROM users x LEFT JOIN trainees t ON t.user_id = x.id
        WHERE x.id = u.id AND u.role = 'trainee'`,
    );
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "preferred_locale" SET DEFAULT 'en'`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "preferred_locale" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "full_name" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "totp_last_step"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "totp_enabled_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "totp_pending_secret"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "totp_secret"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "pending_profile"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_verified_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_sign_ins_user"`);
    await queryRunner.query(`DROP TABLE "sign_ins"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_recovery_codes_user_hash"`);
    await queryRunner.query(`DROP TABLE "recovery_codes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_account_tokens_user_purpose"`);
    await queryRunner.query(`DROP TABLE "account_tokens"`);
  }
}
