import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the office overview is computed from; any statement that changes one moves the version on. */
const REPORTED_TABLES = ['institutions', 'trainees', 'programs', 'enrolments', 'certificates'];

/**
 * A data version for cached reports: a sequence that every statement writing
 * a reported table advances (statement-level, so a 10,000-row import costs one
 * step). A sequence, not a counter row: advancing it takes no lock that
 * concurrent writers would queue on, and it is never rolled back.
 */
export class AddReportDataVersion1795320000000 implements MigrationInterface {
  name = 'AddReportDataVersion1795320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "report_data_version"`);
    await queryRunner.query(
      `CREATE FUNCTION "advance_report_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM nextval('report_data_version');
         RETURN NULL;
       END $$`,
    );
    for (const table of REPORTED_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "TRG_${table}_report_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION "advance_report_data_version"()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of REPORTED_TABLES) {
      await queryRunner.query(`DROP TRIGGER "TRG_${table}_report_data_version" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "advance_report_data_version"()`);
    await queryRunner.query(`DROP SEQUENCE "report_data_version"`);
  }
}
