import {
  ensureFirstAdmin,
  loadDemoCompletion,
  loadDemoData,
  loadDemoEnrolments,
  loadDemoLogistics,
  loadDemoSchedule,
} from '@skillbridge/api/database/demo/seed';
import { DEMO_PROGRAMS } from '@skillbridge/api/database/demo/programs.demo';
import { runSeeding } from '@skillbridge/api/database/migrate';
import { AttendanceService } from '@skillbridge/api/modules/attendance/attendance.service';
import { CompletionService } from '@skillbridge/api/modules/certificates/completion.service';
import { EnrolmentsService } from '@skillbridge/api/modules/enrolments/enrolments.service';
import { TraineesService } from '@skillbridge/api/modules/trainees/trainees.service';
import { InstructorsService } from '@skillbridge/api/modules/instructors/instructors.service';
import { ProgramsService } from '@skillbridge/api/modules/programs/programs.service';
import { SessionsService } from '@skillbridge/api/modules/sessions/sessions.service';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@skillbridge/api/database/demo/accounts.demo';
import { PasswordService } from '@skillbridge/api/modules/auth/password.service';
import { AuditService } from '@skillbridge/api/modules/audit/audit.service';
import { ConsentsService } from '@skillbridge/api/modules/privacy/consents/consents.service';
import { UsersService } from '@skillbridge/api/modules/users/users.service';
import pino from 'pino';
import { LOGISTICS_ITEMS, LOGISTICS_NOTICE_VERSION, PASSPORT_VALIDITY_MONTHS } from '@skillbridge/contracts';
import { SecretBox } from '@skillbridge/api/common/crypto/secret-box';
import { Secrets } from '@skillbridge/api/common/crypto/secrets';
import { ProgramLogisticsSettings } from '@skillbridge/api/modules/logistics/logistics-settings.entity';
import { openDietary, openPassport } from '@skillbridge/api/modules/logistics/sealed-details';
import { api, startTestApp, TestApp } from './support/test-app';

describe('start-up data', () => {
  let t: TestApp;
  const services = () => ({
    users: t.app.get(UsersService),
    passwords: t.app.get(PasswordService),
    logger: pino({ level: 'silent' }),
  });
  const enrolmentServices = () => ({
    trainees: t.app.get(TraineesService),
    enrolments: t.app.get(EnrolmentsService),
    users: t.app.get(UsersService),
    passwords: t.app.get(PasswordService),
    consents: t.app.get(ConsentsService),
    audit: t.app.get(AuditService),
    logger: pino({ level: 'silent' }),
  });

  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it('loads the demo institutions and one account per role into an empty database, once', async () => {
    await loadDemoData(t.dataSource, services());
    await loadDemoData(t.dataSource, services());
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM users');
    expect(n).toBe(DEMO_ACCOUNTS.length);
    for (const account of DEMO_ACCOUNTS) {
      const res = await t.http.post(api('/auth/login')).send({ email: account.email, password: DEMO_PASSWORD });
      expect({ email: account.email, status: res.status, role: res.body.user?.role }).toEqual({
        email: account.email,
        status: 200,
        role: account.role,
      });
    }
    const [partner] = await t.dataSource.query(
      `SELECT i.code FROM users u JOIN institutions i ON i.id = u.institution_id WHERE u.email = 'partner@skillbridge.test'`,
    );
    expect(partner.code).toBe('RMUTT');
  });

  it('loads scenarios A–D: programs in their own zones, with agendas, once', async () => {
    const schedule = () => ({
      instructors: t.app.get(InstructorsService),
      programs: t.app.get(ProgramsService),
      sessions: t.app.get(SessionsService),
      logger: pino({ level: 'silent' }),
    });
    await loadDemoData(t.dataSource, services());
    await loadDemoSchedule(t.dataSource, schedule());
    await loadDemoSchedule(t.dataSource, schedule());
    const programs = await t.dataSource.query(
      `SELECT p.code, p.timezone, p.status, count(s.id)::int AS sessions FROM programs p LEFT JOIN sessions s ON s.program_id = p.id GROUP BY p.id ORDER BY p.code`,
    );
    expect(programs).toHaveLength(DEMO_PROGRAMS.length + 2);
    expect(programs.find((p: { code: string }) => p.code === 'LMC-CERT-YGN-2024')).toMatchObject({
      timezone: 'Asia/Yangon',
      status: 'published',
      sessions: 6,
    });
    expect(programs.find((p: { code: string }) => p.code === 'TRPC-TH-ONLINE-2024')).toMatchObject({ sessions: 4 });

    // The demo instructor account teaches in scenario A and B and sees exactly those programs.
    const instructor = await t.http
      .post(api('/auth/login'))
      .send({ email: 'instructor@skillbridge.test', password: DEMO_PASSWORD });
    const mine = await t.http
      .get(api('/programs?limit=50'))
      .set('Authorization', `Bearer ${instructor.body.accessToken}`);
    expect(mine.body.items.map((p: { code: string }) => p.code).sort()).toEqual([
      'TRPC-TH-ONLINE-2024',
      'TRPC-TH-ONLINE-NEXT',
      'YOUTH-SHOW-2024',
      'YOUTH-SHOW-NEXT',
    ]);
    // The RMUTT partner sees scenario A (its institution takes part) and the open camp B, not C or D.
    const partner = await t.http
      .post(api('/auth/login'))
      .send({ email: 'partner@skillbridge.test', password: DEMO_PASSWORD });
    const theirs = await t.http
      .get(api('/programs?limit=50'))
      .set('Authorization', `Bearer ${partner.body.accessToken}`);
    expect(theirs.body.items.map((p: { code: string }) => p.code).sort()).toEqual([
      'TRPC-TH-ONLINE-2024',
      'TRPC-TH-ONLINE-NEXT',
      'YOUTH-SHOW-2024',
      'YOUTH-SHOW-NEXT',
    ]);
    // …and the demo instructor has sessions in the coming weeks.
    const upcoming = await t.http
      .get(api(`/instructors/${instructor.body.user.instructorId}/sessions`))
      .set('Authorization', `Bearer ${instructor.body.accessToken}`);
    expect(upcoming.body.length).toBeGreaterThan(0);
  });

  it('loads the scenarios’ trainees and enrolments once, with counters that match the rows', async () => {
    await loadDemoData(t.dataSource, services());
    await loadDemoSchedule(t.dataSource, {
      instructors: t.app.get(InstructorsService),
      programs: t.app.get(ProgramsService),
      sessions: t.app.get(SessionsService),
      logger: pino({ level: 'silent' }),
    });
    // The first time inside the start-up's seeding lock, as main.ts runs it: the import the loader makes takes a
    // lock of its own, which once had the seeding lock's key and waited for it until the statement timeout.
    await runSeeding(t.dataSource, () => loadDemoEnrolments(t.dataSource, enrolmentServices()));
    await loadDemoEnrolments(t.dataSource, enrolmentServices());
    const rows = (await t.dataSource.query(
      `SELECT p.code, p.capacity, p.confirmed_count, p.waitlisted_count, p.pending_count,
              count(*) FILTER (WHERE e.status = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE e.status = 'waitlisted')::int AS waitlisted,
              count(*) FILTER (WHERE e.status = 'pending')::int AS pending
         FROM programs p LEFT JOIN enrolments e ON e.program_id = p.id GROUP BY p.id`,
    )) as Record<string, number | string>[];
    const byCode = Object.fromEntries(rows.map((r) => [r.code, r]));
    for (const row of rows) {
      expect([row.confirmed_count, row.waitlisted_count, row.pending_count]).toEqual([
        row.confirmed,
        row.waitlisted,
        row.pending,
      ]);
    }
    expect(byCode['TRPC-TH-ONLINE-2024']).toMatchObject({ confirmed: 292, waitlisted: 0 });
    expect(byCode['YOUTH-SHOW-2024']).toMatchObject({ confirmed: 40, waitlisted: 8 });
    expect(byCode['LMC-CERT-YGN-2024']).toMatchObject({ confirmed: 30 });
    expect(byCode['TRPC-TH-ONLINE-NEXT']).toMatchObject({ pending: 20 });
    expect(byCode['YOUTH-SHOW-NEXT']).toMatchObject({ confirmed: 8, capacity: 8 });

    // The RMUTT partner's review queue holds its own ten applicants, and only those.
    const partner = await t.http
      .post(api('/auth/login'))
      .send({ email: 'partner@skillbridge.test', password: DEMO_PASSWORD });
    const queue = await t.http
      .get(api('/enrolments?status=pending'))
      .set('Authorization', `Bearer ${partner.body.accessToken}`);
    expect(queue.body.items).toHaveLength(10);
    expect(new Set(queue.body.items.map((e: { institutionCode: string }) => e.institutionCode))).toEqual(
      new Set(['RMUTT']),
    );

    // Scenarios A and C closed with certificates, a few below the rule; 15 of C's completers go on the study visit.
    const completion = {
      completion: t.app.get(CompletionService),
      enrolments: t.app.get(EnrolmentsService),
      attendance: t.app.get(AttendanceService),
      logger: pino({ level: 'silent' }),
    };
    await loadDemoCompletion(t.dataSource, completion);
    await loadDemoCompletion(t.dataSource, completion);
    const outcomes = (await t.dataSource.query(
      `SELECT p.code, p.status,
              count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
              count(*) FILTER (WHERE e.status = 'not-completed')::int AS "notCompleted",
              count(*) FILTER (WHERE e.status = 'confirmed')::int AS confirmed,
              (SELECT count(*)::int FROM certificates c WHERE c.program_id = p.id) AS certificates
         FROM programs p LEFT JOIN enrolments e ON e.program_id = p.id
        WHERE p.code IN ('TRPC-TH-ONLINE-2024', 'LMC-CERT-YGN-2024', 'LMC-CERT-VISIT-2024') GROUP BY p.id`,
    )) as {
      code: string;
      status: string;
      completed: number;
      notCompleted: number;
      confirmed: number;
      certificates: number;
    }[];
    const outcome = Object.fromEntries(outcomes.map((o) => [o.code, o]));
    expect(outcome['TRPC-TH-ONLINE-2024']).toMatchObject({ status: 'completed', confirmed: 0 });
    expect(outcome['TRPC-TH-ONLINE-2024'].completed + outcome['TRPC-TH-ONLINE-2024'].notCompleted).toBe(293);
    expect(outcome['TRPC-TH-ONLINE-2024'].notCompleted).toBeGreaterThan(0);
    expect(outcome['TRPC-TH-ONLINE-2024'].certificates).toBe(outcome['TRPC-TH-ONLINE-2024'].completed);
    expect(outcome['LMC-CERT-YGN-2024']).toMatchObject({ status: 'completed' });
    expect(outcome['LMC-CERT-VISIT-2024']).toMatchObject({ status: 'published', confirmed: 15 });
    const trainee = await t.http
      .post(api('/auth/login'))
      .send({ email: 'trainee@skillbridge.test', password: DEMO_PASSWORD });
    const certificates = await t.http
      .get(api('/me/certificates'))
      .set('Authorization', `Bearer ${trainee.body.accessToken}`);
    expect(certificates.body.items).toHaveLength(1);
  });

  it('gives the coming YOUTH SHOW edition its logistics once, dated from its own dates; the 2024 camp none', async () => {
    await loadDemoData(t.dataSource, services());
    await loadDemoSchedule(t.dataSource, {
      instructors: t.app.get(InstructorsService),
      programs: t.app.get(ProgramsService),
      sessions: t.app.get(SessionsService),
      logger: pino({ level: 'silent' }),
    });
    await loadDemoEnrolments(t.dataSource, enrolmentServices());
    const logistics = { secrets: t.app.get(Secrets), logger: pino({ level: 'silent' }) };
    await loadDemoLogistics(t.dataSource, logistics);
    await loadDemoLogistics(t.dataSource, logistics);

    const [camp] = await t.dataSource.query(
      `SELECT id, timezone, confirmed_count AS confirmed, waitlisted_count AS waitlisted,
              to_char(start_date, 'YYYY-MM-DD') AS start, to_char(end_date, 'YYYY-MM-DD') AS "end"
         FROM programs WHERE code = 'YOUTH-SHOW-NEXT'`,
    );
    expect(camp).toMatchObject({ timezone: 'Asia/Shanghai', confirmed: 8, waitlisted: 0 });
    const today = new Date().toISOString().slice(0, 10);
    expect(camp.start > today).toBe(true);
    const day = (date: string, days: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    /** Midnight starting `date` in Tongren (UTC+8, no daylight saving). */
    const midnight = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

    const settings = await t.dataSource.getRepository(ProgramLogisticsSettings).findBy({ programId: camp.id });
    expect(settings).toHaveLength(1);
    expect([...settings[0].collect].sort()).toEqual([...LOGISTICS_ITEMS].sort());
    // Due a week or two before the camp, so still ahead: reminders and letters make sense.
    const due = settings[0].dueDate ?? '';
    expect(due > today).toBe(true);
    expect(due >= day(camp.start, -14)).toBe(true);
    expect(due <= day(camp.start, -7)).toBe(true);
    expect(settings[0].arrivalPoints).toContain('Tongren Fenghuang Airport (TEN)');
    // No other program has logistics: not the 2024 camp, long over (retention would have emptied it).
    const withLogistics = await t.dataSource.query(
      `SELECT DISTINCT p.code FROM programs p
        WHERE EXISTS (SELECT 1 FROM program_logistics_settings s WHERE s.program_id = p.id)
           OR EXISTS (SELECT 1 FROM rooms r WHERE r.program_id = p.id)
           OR EXISTS (SELECT 1 FROM enrolments e JOIN enrolment_logistics l ON l.enrolment_id = e.id
                       WHERE e.program_id = p.id)`,
    );
    expect(withLogistics).toEqual([{ code: 'YOUTH-SHOW-NEXT' }]);

    // Rooms: as many beds per gender as there are such participants, plus one spare room; within
    // capacity and gender.
    const rooms = (await t.dataSource.query(
      `SELECT r.name, r.capacity, r.gender, count(a.enrolment_id)::int AS occupants,
              array_remove(array_agg(DISTINCT l.gender), NULL) AS genders
         FROM rooms r LEFT JOIN room_assignments a ON a.room_id = r.id
         LEFT JOIN enrolment_logistics l ON l.enrolment_id = a.enrolment_id
        WHERE r.program_id = $1 GROUP BY r.id`,
      [camp.id],
    )) as { name: string; capacity: number; gender: string; occupants: number; genders: string[] }[];
    const beds = rooms.reduce((sum, room) => sum + room.capacity, 0);
    expect(rooms.filter((room) => room.gender === 'any')).toEqual([
      expect.objectContaining({ name: 'Guest house 101', occupants: 0 }),
    ]);
    expect(beds - (rooms.find((room) => room.gender === 'any')?.capacity ?? 0)).toBe(camp.confirmed);
    for (const room of rooms) {
      expect(room.occupants).toBeLessThanOrEqual(room.capacity);
      if (room.gender !== 'any')
        for (const gender of room.genders) expect([room.name, gender]).toEqual([room.name, room.gender]);
    }
    const [counts] = await t.dataSource.query(
      `SELECT count(*)::int AS confirmed, count(l.enrolment_id)::int AS records, count(a.enrolment_id)::int AS assigned,
              count(*) FILTER (WHERE l.enrolment_id IS NULL OR l.passport_sealed IS NULL OR l.arrival_at IS NULL
                OR l.departure_at IS NULL OR l.emergency_phone IS NULL OR l.dietary_sealed IS NULL
                OR l.gender IS NULL OR a.enrolment_id IS NULL)::int AS incomplete,
              count(*) FILTER (WHERE t.user_id IS NOT NULL)::int AS "withLogin"
         FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
         LEFT JOIN enrolment_logistics l ON l.enrolment_id = e.id
         LEFT JOIN room_assignments a ON a.enrolment_id = e.id
        WHERE e.program_id = $1 AND e.status = 'confirmed'`,
      [camp.id],
    );
    // Seven of the eight have started, three of them with one thing missing, one not at all.
    expect(counts).toEqual({ confirmed: 8, records: 7, assigned: 7, incomplete: 4, withLogin: 0 });
    // Only confirmed enrolments of the camp carry logistics.
    const [{ elsewhere }] = await t.dataSource.query(
      `SELECT count(*)::int AS elsewhere FROM enrolment_logistics l JOIN enrolments e ON e.id = l.enrolment_id
        WHERE e.program_id <> $1 OR e.status <> 'confirmed'`,
      [camp.id],
    );
    expect(elsewhere).toBe(0);

    // Passport and dietary data are sealed: the database holds no readable passport number or name;
    // the app's key opens them, to the trainee's own Latin name in capitals; another key does not.
    const sealed = (await t.dataSource.query(
      `SELECT l.passport_sealed AS passport, l.dietary_sealed AS dietary, l.arrival_at AS "arrivalAt",
              l.departure_at AS "departureAt", l.emergency_phone AS phone, l.passport_deleted_at AS "deletedAt",
              l.created_at AS "createdAt", e.created_at AS "enrolledAt", t.full_name_latin AS latin, t.nationality
         FROM enrolment_logistics l JOIN enrolments e ON e.id = l.enrolment_id JOIN trainees t ON t.id = e.trainee_id`,
    )) as {
      passport: string | null;
      dietary: string | null;
      arrivalAt: Date | null;
      departureAt: Date | null;
      phone: string | null;
      deletedAt: Date | null;
      createdAt: Date;
      enrolledAt: Date;
      latin: string;
      nationality: string;
    }[];
    const box = t.app.get(Secrets);
    const stranger = new SecretBox('another-data-key-of-at-least-32-characters');
    const passports = sealed
      .filter((row) => row.passport)
      .map((row) => ({ row, details: openPassport(box, row.passport as string) }));
    expect(passports).toHaveLength(6);
    for (const { row, details } of passports) {
      expect(details).toMatchObject({ fullNameAsInPassport: row.latin.toUpperCase(), nationality: row.nationality });
      expect(row.passport).toMatch(/^v1\./);
      expect(row.passport).not.toContain(details.number);
      expect(row.passport).not.toContain(details.fullNameAsInPassport);
      expect(() => openPassport(stranger, row.passport as string)).toThrow();
      expect(row.deletedAt).toBeNull();
      // Valid past the camp; an adult of at most 30 when it starts.
      expect(details.expiresOn > camp.end).toBe(true);
      expect(details.dateOfBirth < `${Number(camp.start.slice(0, 4)) - 18}${camp.start.slice(4)}`).toBe(true);
      expect(details.dateOfBirth > `${Number(camp.start.slice(0, 4)) - 31}${camp.start.slice(4)}`).toBe(true);
    }
    const [{ readable }] = await t.dataSource.query(
      `SELECT count(*)::int AS readable FROM enrolment_logistics
        WHERE passport_sealed ILIKE '%expiresOn%' OR passport_sealed ILIKE '%number%' OR dietary_sealed ILIKE '%halal%'`,
    );
    expect(readable).toBe(0);
    // One passport expires within six months of the camp's end, so the warning shows.
    const warnBefore = new Date(`${camp.end}T00:00:00Z`);
    warnBefore.setUTCMonth(warnBefore.getUTCMonth() + PASSPORT_VALIDITY_MONTHS);
    expect(
      passports
        .filter(({ details }) => details.expiresOn < warnBefore.toISOString().slice(0, 10))
        .map(({ row }) => row.latin),
    ).toEqual(['Melissa anak Linggi']);
    const diets = sealed.filter((row) => row.dietary).map((row) => openDietary(box, row.dietary as string));
    expect(diets.filter((diet) => diet.needs.includes('halal')).length).toBeGreaterThanOrEqual(2);
    expect(diets.some((diet) => diet.needs.includes('vegetarian'))).toBe(true);
    expect(diets.some((diet) => diet.allergies)).toBe(true);
    // Arrivals on the day before the opening, departures after the closing (Asia/Shanghai); phones are E.164;
    // sent after enrolling and not in the future.
    for (const row of sealed) {
      if (row.arrivalAt) {
        expect(row.arrivalAt.getTime()).toBeGreaterThanOrEqual(midnight(day(camp.start, -1)));
        expect(row.arrivalAt.getTime()).toBeLessThan(midnight(camp.start));
      }
      if (row.departureAt) {
        expect(row.departureAt.getTime()).toBeGreaterThan(Date.parse(`${camp.end}T11:30:00+08:00`));
        expect(row.departureAt.getTime()).toBeLessThan(midnight(day(camp.end, 2)));
      }
      if (row.phone) expect(row.phone).toMatch(/^\+[1-9]\d{7,14}$/);
      expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(row.enrolledAt.getTime());
      expect(row.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    }
    expect(sealed.filter((row) => row.arrivalAt)).toHaveLength(7);
    expect(sealed.filter((row) => row.departureAt)).toHaveLength(6);
    expect(sealed.filter((row) => row.phone)).toHaveLength(6);

    // Each person whose passport or dietary data is there consented to that purpose, to the current notice.
    const [consents] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE l.passport_sealed IS NOT NULL AND NOT EXISTS (SELECT 1 FROM logistics_consents c
                WHERE c.enrolment_id = l.enrolment_id AND c.purpose = 'passport' AND c.notice_version = $1))::int AS "passportWithout",
              count(*) FILTER (WHERE l.dietary_sealed IS NOT NULL AND NOT EXISTS (SELECT 1 FROM logistics_consents c
                WHERE c.enrolment_id = l.enrolment_id AND c.purpose = 'dietary' AND c.notice_version = $1))::int AS "dietaryWithout",
              (SELECT count(*)::int FROM logistics_consents WHERE collected = 'paper') AS paper,
              (SELECT count(*)::int FROM logistics_consents WHERE collected = 'self') AS self
         FROM enrolment_logistics l`,
      [LOGISTICS_NOTICE_VERSION],
    );
    expect(consents).toMatchObject({ passportWithout: 0, dietaryWithout: 0, paper: 2 });
    expect(consents.self).toBeGreaterThan(consents.paper * 3);
  });

  it('leaves an audit event, by the right demo person, for every record and decision the demo start-up makes', async () => {
    const silent = pino({ level: 'silent' });
    await loadDemoData(t.dataSource, services());
    await loadDemoSchedule(t.dataSource, {
      instructors: t.app.get(InstructorsService),
      programs: t.app.get(ProgramsService),
      sessions: t.app.get(SessionsService),
      logger: silent,
    });
    await loadDemoEnrolments(t.dataSource, enrolmentServices());
    await loadDemoCompletion(t.dataSource, {
      completion: t.app.get(CompletionService),
      enrolments: t.app.get(EnrolmentsService),
      attendance: t.app.get(AttendanceService),
      logger: silent,
    });
    await loadDemoLogistics(t.dataSource, { secrets: t.app.get(Secrets), logger: silent });

    // Each enrolment came about by exactly one act (created, or selected from a completed program), by a person
    // of the demo: its own partner for scenario A, the trainee themself for an application, else the office.
    const origins = (await t.dataSource.query(
      `SELECT e.id, e.status, p.code, e.decided_by AS "decidedBy", t.user_id AS "traineeUser",
              t.institution_id AS "traineeInstitution",
              count(a.id)::int AS acts, min(a.action) AS action, min(a.actor_id::text) AS actor,
              min(a.actor_role) AS "actorRole", min(u.institution_id::text) AS "actorInstitution",
              min(a.details->>'status') AS "createdAs"
         FROM enrolments e JOIN programs p ON p.id = e.program_id JOIN trainees t ON t.id = e.trainee_id
         LEFT JOIN audit_events a ON a.entity_type = 'enrolment' AND a.entity_id = e.id::text
                                 AND a.action IN ('enrolment.create', 'enrolment.select')
         LEFT JOIN users u ON u.id = a.actor_id
        GROUP BY e.id, p.code, t.id`,
    )) as {
      id: string;
      status: string;
      code: string;
      decidedBy: string | null;
      traineeUser: string | null;
      traineeInstitution: string | null;
      acts: number;
      action: string;
      actor: string | null;
      actorRole: string | null;
      actorInstitution: string | null;
      createdAs: string | null;
    }[];
    expect(origins.length).toBeGreaterThan(400);
    const [admin] = await t.dataSource.query(`SELECT id FROM users WHERE email = 'admin@skillbridge.test'`);
    const wrong = origins.filter((o) => {
      if (o.acts !== 1 || !o.actor) return true;
      if (o.code === 'TRPC-TH-ONLINE-2024') {
        return o.actorRole !== 'partner' || o.actorInstitution !== o.traineeInstitution;
      }
      if (o.status === 'pending') return o.actorRole !== 'trainee' || o.actor !== o.traineeUser;
      return o.actor !== admin.id;
    });
    expect(wrong).toEqual([]);
    expect(origins.filter((o) => o.code === 'TRPC-TH-ONLINE-2024').length).toBe(293);
    expect(origins.filter((o) => o.status === 'pending')).toHaveLength(20);

    // Whoever decided an enrolment did so in an audited act on it, to the status it reached (completion closes
    // the program in one audited act on top).
    const undecided = (await t.dataSource.query(
      `SELECT e.id, e.status FROM enrolments e
        WHERE e.status <> 'pending'
          AND (e.decided_by IS NULL OR NOT EXISTS (
                SELECT 1 FROM audit_events a
                 WHERE a.entity_type = 'enrolment' AND a.entity_id = e.id::text AND a.actor_id = e.decided_by
                   AND (a.action = 'enrolment.select'
                        OR coalesce(a.details->>'to', a.details->>'status') IN ('confirmed', 'waitlisted', 'nominated', 'rejected', 'withdrawn'))))
        UNION ALL
       SELECT e.id, e.status FROM enrolments e
        WHERE e.status IN ('completed', 'not-completed')
          AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'program.complete'
                             AND a.entity_id = e.program_id::text AND a.actor_id IS NOT NULL)`,
    )) as { id: string; status: string }[];
    expect(undecided).toEqual([]);
    // Scenario B's wait-list came from the same act (a registration placed on it).
    const [waiting] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'enrolment.create' AND details->>'status' = 'waitlisted'`,
    );
    expect(waiting.n).toBe(8);

    // Every register was taken in an audited act by the person recorded on its marks, with as many marks.
    const registers = (await t.dataSource.query(
      `SELECT m.session_id, m.recorded_by, m.marks, a.actor_id AS actor, (a.details->>'marks')::int AS audited
         FROM (SELECT session_id, recorded_by, count(*)::int AS marks FROM attendance GROUP BY 1, 2) m
         LEFT JOIN audit_events a ON a.action = 'attendance.put' AND a.entity_id = m.session_id::text`,
    )) as { session_id: string; recorded_by: string; marks: number; actor: string | null; audited: number | null }[];
    expect(registers).toHaveLength(10);
    for (const register of registers) {
      expect({ actor: register.actor, audited: register.audited }).toEqual({
        actor: register.recorded_by,
        audited: register.marks,
      });
    }
    // The demo instructor took the register of the lecture she gave; the office the others.
    const takers = (await t.dataSource.query(
      `SELECT DISTINCT u.email FROM attendance a JOIN users u ON u.id = a.recorded_by ORDER BY u.email`,
    )) as { email: string }[];
    expect(takers.map((r) => r.email)).toEqual(['admin@skillbridge.test', 'instructor@skillbridge.test']);

    // Each certificate has its issue event; each score its assessment.
    const [certificates] = await t.dataSource.query(
      `SELECT count(*)::int AS issued,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'certificate.issue'
                                 AND a.entity_id = c.id::text AND a.actor_id IS NOT NULL))::int AS unaudited
         FROM certificates c`,
    );
    expect(certificates.issued).toBeGreaterThan(250);
    expect(certificates.unaudited).toBe(0);
    const [scores] = await t.dataSource.query(
      `SELECT count(*)::int AS scored,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'enrolment.assess'
                                 AND a.entity_id = e.id::text AND a.actor_id = e.assessed_by))::int AS unaudited
         FROM enrolments e WHERE e.score IS NOT NULL`,
    );
    expect(scores).toEqual({ scored: 30, unaudited: 0 });

    // Every trainee record was imported (by their partner, or the office) or linked to an account, and audited.
    const [imports] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE u.role = 'partner')::int AS partners, count(*) FILTER (WHERE u.role = 'admin')::int AS office,
              coalesce(sum((a.details->>'created')::int), 0)::int AS created
         FROM audit_events a JOIN users u ON u.id = a.actor_id WHERE a.action = 'trainee.import'`,
    );
    const [{ trainees }] = await t.dataSource
      .query(`SELECT count(*)::int AS trainees FROM trainees WHERE user_id IS NULL OR
      user_id NOT IN (SELECT id FROM users WHERE email = 'trainee@skillbridge.test')`);
    expect(imports).toEqual({ partners: 2, office: 1, created: trainees });
    // Each import carries its importer's attestation with the notice version, and stands as the consent of the
    // people it created; the applicants who registered gave the registration form's two consents themselves.
    const [attested] = await t.dataSource.query(
      `SELECT count(*)::int AS imports, coalesce(sum(created), 0)::int AS created,
              count(*) FILTER (WHERE notice_version = '2026-12' AND informed_attested)::int AS attested
         FROM trainee_imports`,
    );
    expect(attested).toEqual({ imports: 3, created: trainees, attested: 3 });
    const [consents] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE source = 'partner-attestation')::int AS attested,
              count(*) FILTER (WHERE source = 'registration')::int AS registered
         FROM consents WHERE notice_version = '2026-12' AND withdrawn_at IS NULL`,
    );
    const [{ applicants }] = await t.dataSource.query(
      `SELECT count(*)::int AS applicants FROM enrolments WHERE status = 'pending'`,
    );
    expect(applicants).toBeGreaterThan(0);
    expect(consents).toEqual({ attested: trainees, registered: applicants * 2 });

    // No audit event about a record that is not there, and none of these acts by nobody.
    const orphans = await t.dataSource.query(
      `SELECT a.action, a.entity_type, a.entity_id FROM audit_events a
        WHERE (a.entity_type = 'enrolment' AND NOT EXISTS (SELECT 1 FROM enrolments x WHERE x.id::text = a.entity_id))
           OR (a.entity_type = 'certificate' AND NOT EXISTS (SELECT 1 FROM certificates x WHERE x.id::text = a.entity_id))
           OR (a.entity_type = 'session' AND NOT EXISTS (SELECT 1 FROM sessions x WHERE x.id::text = a.entity_id))
           OR (a.entity_type = 'program' AND NOT EXISTS (SELECT 1 FROM programs x WHERE x.id::text = a.entity_id))
           OR (a.entity_type = 'trainee' AND a.entity_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM trainees x WHERE x.id::text = a.entity_id))
           OR (a.actor_id IS NULL AND a.action NOT IN ('user.create', 'institution.create'))`,
    );
    expect(orphans).toEqual([]);

    // The trail is what an office sees: the RMUTT partner's audit rows are its own enrolments of its own people.
    const partner = await t.http
      .post(api('/auth/login'))
      .send({ email: 'partner@skillbridge.test', password: DEMO_PASSWORD });
    const queue = await t.http
      .get(api('/enrolments?status=pending'))
      .set('Authorization', `Bearer ${partner.body.accessToken}`);
    expect(queue.body.items).toHaveLength(10);
    // …and the applicants can sign in with the demo password, as the trainees who applied.
    const applicant = await t.http
      .post(api('/auth/login'))
      .send({ email: queue.body.items[0].email, password: DEMO_PASSWORD });
    expect(applicant.body.user).toMatchObject({ role: 'trainee', traineeId: queue.body.items[0].traineeId });
  });

  it('creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD only while there is no admin', async () => {
    await ensureFirstAdmin(t.dataSource, services(), 'Ops@College.example', 'first-admin-password-1');
    await ensureFirstAdmin(t.dataSource, services(), 'second@college.example', 'second-admin-password-1');
    const admins = await t.dataSource.query(`SELECT email FROM users WHERE role = 'admin'`);
    expect(admins).toEqual([{ email: 'ops@college.example' }]);
    await t.http
      .post(api('/auth/login'))
      .send({ email: 'ops@college.example', password: 'first-admin-password-1' })
      .expect(200);
  });
});
