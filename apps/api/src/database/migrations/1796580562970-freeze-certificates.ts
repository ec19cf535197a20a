import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates that cannot lie (issue 17): each certificate keeps what it
 * vouches for — holder names, program code, title, dates and zone, hours and
 * the sessions that counted, completion basis, issuer, validity — instead of
 * reading live records. Existing certificates are filled from today's data
 * (the best there is; from now on issue time is what counts). Reissue
 * links (replaces / replaced_by) and one issued certificate per enrolment
 * instead of one certificate per enrolment.
 */
export class FreezeCertificates1796580562970 implements MigrationInterface {
  name = 'FreezeCertificates1796580562970';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_certificates_enrolment"`);
    await queryRunner.query(`ALTER TABLE "programs" ADD "certificate_validity_months" smallint`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "holder_name" text`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "holder_name_latin" text`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "program_code" text`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "program_title" jsonb`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "start_date" date`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "end_date" date`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "time_zone" text`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "hours" numeric(7,2)`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "topics" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "completion" jsonb`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "issuer_institution_id" uuid`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "issuer_name" jsonb`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "valid_until" date`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "replaces" uuid`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD "replaced_by" uuid`);
    await queryRunner.query(
      `UPDATE certificates c
          SET holder_name = t.full_name, holder_name_latin = t.full_name_latin,
              program_code = p.code, program_title = p.title, start_date = p.start_date, end_date = p.end_date,
              time_zone = p.timezone, hours = s.hours, topics = s.topics,
              issuer_institution_id = h.id, issuer_name = h.name,
              completion = jsonb_strip_nulls(jsonb_build_object(
                'attendanceRate', CASE WHEN a.counted > 0 THEN round(a.attended::numeric / a.counted, 4)::float8 END,
                'minAttendanceRate', p.min_attendance_rate::float8,
                'score', CASE WHEN p.passing_score IS NOT NULL THEN e.score::float8 END,
                'passingScore', p.passing_score::float8))
         FROM enrolments e
         JOIN trainees t ON t.id = e.trainee_id
         JOIN programs p ON p.id = e.program_id
         JOIN institutions h ON h.id = p.host_institution_id
         CROSS JOIN LATERAL (
           SELECT coalesce(round(sum(extract(epoch FROM x.ends_at - x.starts_at)) / 3600, 2), 0) AS hours,
                  coalesce(jsonb_agg(jsonb_build_object(
                             'title', x.title,
                             'startsAt', to_char(x.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                             'endsAt', to_char(x.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                             'hours', round(extract(epoch FROM x.ends_at - x.starts_at) / 3600, 2))
                           ORDER BY x.starts_at, x.id), '[]'::jsonb) AS topics
             FROM sessions x WHERE x.program_id = p.id
         ) s
         CROSS JOIN LATERAL (
           SELECT count(x.id) FILTER (WHERE m.status IS DISTINCT FROM 'excused')::int AS counted,
                  count(x.id) FILTER (WHERE m.status IN ('present', 'late'))::int AS attended
             FROM sessions x LEFT JOIN attendance m ON m.session_id = x.id AND m.trainee_id = e.trainee_id
            WHERE x.program_id = e.program_id
         ) a
        WHERE e.id = c.enrolment_id`,
    );
    for (const column of ['holder_name', 'program_code', 'program_title', 'start_date', 'end_date', 'time_zone', 'hours',
                          'completion', 'issuer_institution_id', 'issuer_name']) {
      await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "${column}" SET NOT NULL`);
    }
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_certificates_enrolment"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "REL_eae67dad555fdec30762dfcec2"`);
    await queryRunner.query(`CREATE INDEX "IDX_certificates_enrolment" ON "certificates"  ("enrolment_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_certificates_enrolment_issued" ON "certificates"  ("enrolment_id") WHERE status = 'issued'`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "CHK_certificates_not_own_replacement" CHECK ("replaced_by" IS NULL OR "replaced_by" <> "id")`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "FK_certificates_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "FK_certificates_replaces" FOREIGN KEY ("replaces") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "FK_certificates_replaced_by" FOREIGN KEY ("replaced_by") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_certificates_replaced_by"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_certificates_replaces"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "FK_certificates_enrolment"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "CHK_certificates_not_own_replacement"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_certificates_enrolment_issued"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_certificates_enrolment"`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "REL_eae67dad555fdec30762dfcec2" UNIQUE ("enrolment_id")`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "FK_certificates_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "replaced_by"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "replaces"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "valid_until"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "issuer_name"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "issuer_institution_id"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "completion"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "topics"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "hours"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "time_zone"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "end_date"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "start_date"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "program_title"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "program_code"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "holder_name_latin"`);
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "holder_name"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP COLUMN "certificate_validity_months"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_certificates_enrolment" ON "certificates" USING btree ("enrolment_id") `);
  }
}
