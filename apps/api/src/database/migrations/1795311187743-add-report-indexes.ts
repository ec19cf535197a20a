import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReportIndexes1795311187743 implements MigrationInterface {
  name = 'AddReportIndexes1795311187743';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_enrolments_program_status" ON "enrolments"  ("program_id", "status", "trainee_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_enrolments_program_status"`);
  }
}
