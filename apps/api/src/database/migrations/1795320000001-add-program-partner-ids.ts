import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `programs.partner_institution_ids`: the program's partner institutions as
 * a sorted array, kept equal to `program_partners` by a trigger. Who may see
 * a program ("open to all, or my institution takes part") is asked on every
 * list a trainee or partner reads; with the array it is a test on the row
 * itself instead of two subqueries over every program's partners (about 40 %
 * of the list's database time), and the list needs no second query for them.
 * `program_partners` stays the source of truth (keys, foreign keys).
 */
export class AddProgramPartnerIds1795320000001 implements MigrationInterface {
  name = 'AddProgramPartnerIds1795320000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "programs" ADD "partner_institution_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `CREATE FUNCTION "refresh_program_partner_ids"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE programs p
            SET partner_institution_ids = ARRAY(SELECT pp.institution_id FROM program_partners pp
                                                 WHERE pp.program_id = p.id ORDER BY pp.institution_id)
          WHERE p.id IN (SELECT program_id FROM changed_partners);
         RETURN NULL;
       END $$`,
    );
    // Statement-level with transition tables: one update per statement, however many partners it wrote.
    for (const [event, table] of [
      ['INSERT', 'NEW'],
      ['DELETE', 'OLD'],
      ['UPDATE', 'NEW'],
    ]) {
      await queryRunner.query(
        `CREATE TRIGGER "TRG_program_partners_${event.toLowerCase()}_ids" AFTER ${event} ON "program_partners"
         REFERENCING ${table} TABLE AS changed_partners
         FOR EACH STATEMENT EXECUTE FUNCTION "refresh_program_partner_ids"()`,
      );
    }
    await queryRunner.query(
      `UPDATE programs p SET partner_institution_ids = ARRAY(SELECT pp.institution_id FROM program_partners pp
                                                           WHERE pp.program_id = p.id ORDER BY pp.institution_id)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['insert', 'delete', 'update']) {
      await queryRunner.query(`DROP TRIGGER "TRG_program_partners_${event}_ids" ON "program_partners"`);
    }
    await queryRunner.query(`DROP FUNCTION "refresh_program_partner_ids"()`);
    await queryRunner.query(`ALTER TABLE "programs" DROP COLUMN "partner_institution_ids"`);
  }
}
