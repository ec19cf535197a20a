import { MigrationInterface, QueryRunner } from 'typeorm';

/** Instructors' names in Latin letters too (guest experts are listed to trainees who cannot read Chinese). */
export class AddInstructorFullNameLatin1796598262189 implements MigrationInterface {
  name = 'AddInstructorFullNameLatin1796598262189';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "instructors" ADD "full_name_latin" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "instructors" DROP COLUMN "full_name_latin"`);
  }
}
