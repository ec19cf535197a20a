import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMailboxRaw1796589104454 implements MigrationInterface {
  name = 'AddMailboxRaw1796589104454';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mailbox_messages" ADD "raw" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mailbox_messages" DROP COLUMN "raw"`);
  }
}
