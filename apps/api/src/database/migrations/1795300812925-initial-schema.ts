import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795300812925 implements MigrationInterface {
  name = 'InitialSchema1795300812925';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "institutions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" jsonb NOT NULL, "kind" text NOT NULL, "country" character(2) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_institutions_country" CHECK ("country" ~ '^[A-Z]{2}$'), CONSTRAINT "CHK_institutions_kind" CHECK ("kind" IN ('host', 'partner', 'enterprise')), CONSTRAINT "PK_institutions" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_institutions_code" ON "institutions"  ("code") `);
    await queryRunner.query(`CREATE INDEX "IDX_institutions_kind_country" ON "institutions"  ("kind", "country") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_institutions_kind_country"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_institutions_code"`);
    await queryRunner.query(`DROP TABLE "institutions"`);
  }
}
