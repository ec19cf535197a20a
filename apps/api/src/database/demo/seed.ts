import { Role, wallTimeToInstant } from '@skillbridge/contracts';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../../common/auth/viewer';
import type { CompletionService } from '../../modules/certificates/completion.service';
import { SelectionDto } from '../../modules/certificates/dto/certificate.dto';
import { Institution } from '../../modules/institutions/institution.entity';
import { CreateProgramDto } from '../../modules/programs/dto/create-program.dto';
import { CreateSessionDto } from '../../modules/sessions/dto/create-session.dto';
import { User } from '../../modules/users/user.entity';
import type { UsersService } from '../../modules/users/users.service';
import type { PasswordService } from '../../modules/auth/password.service';
import { Instructor } from '../../modules/instructors/instructor.entity';
import type { InstructorsService } from '../../modules/instructors/instructors.service';
import { Program } from '../../modules/programs/program.entity';
import type { ProgramsService } from '../../modules/programs/programs.service';
import type { SessionsService } from '../../modules/sessions/sessions.service';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.demo';
import { DEMO_INSTITUTIONS } from './institutions.demo';
import { DEMO_INSTRUCTORS, DEMO_PROGRAMS, upcomingDemoPrograms } from './programs.demo';
import { DEMO_ENROLMENT_PLANS, DEMO_TRAINEES } from './trainees.demo';

/** Scenario B's camp logistics (issue 20): run after loadDemoEnrolments, with the `Secrets` box. */
export { loadDemoLogistics } from './logistics.demo';

const SYSTEM: RequestContext = { viewer: null, requestId: 'demo-data', ip: '', locale: 'en' };

export interface SeedServices {
  users: UsersService;
  passwords: PasswordService;
  logger: Logger;
}

export interface ScheduleServices {
  instructors: InstructorsService;
  programs: ProgramsService;
  sessions: SessionsService;
  logger: Logger;
}

/**
 * Loads the scenarios' demo data into an empty database (no accounts yet), in
 * one transaction, through the same services the API uses — so the audit
 * trail and the profiles are what a real start would produce.
 */
export async function loadDemoData(dataSource: DataSource, { users, passwords, logger }: SeedServices): Promise<void> {
  if ((await dataSource.getRepository(User).count()) > 0) return;
  const passwordHash = await passwords.hash(DEMO_PASSWORD);
  await dataSource.transaction(async (manager) => {
    const institutions = new Map<string, string>();
    for (const demo of DEMO_INSTITUTIONS) {
      const saved = await manager.save(manager.create(Institution, demo));
      institutions.set(demo.code, saved.id);
    }
    for (const account of DEMO_ACCOUNTS) {
      await users.createAccount(
        manager,
        {
          ...account,
          passwordHash,
          institutionId: account.institutionCode ? institutions.get(account.institutionCode) : null,
        },
        SYSTEM,
      );
    }
  });
  logger.info(
    `Loaded the demo data. Sign in as ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')} with the password "${DEMO_PASSWORD}".`,
  );
}

/** On a start with ADMIN_EMAIL/ADMIN_PASSWORD and no admin yet, creates that admin. */
export async function ensureFirstAdmin(
  dataSource: DataSource,
  { users, passwords, logger }: SeedServices,
  email: string,
  password: string,
): Promise<void> {
  const admins = await dataSource.getRepository(User).countBy({ role: Role.Admin });
  if (admins > 0) return;
  const passwordHash = await passwords.hash(password);
  await dataSource.transaction((manager) =>
    users.createAccount(
      manager,
      { email: email.trim().toLowerCase(), passwordHash, fullName: 'Administrator', role: Role.Admin },
      SYSTEM,
    ),
  );
  logger.info(`Created the first admin, ${email}. Change its password after signing in.`);
}

/**
 * Loads scenarios A–D's instructors, programs and sessions when there are no
 * programs yet, through the API's services (so every rule — dates in the
 * program's zone, no instructor in two places at once — holds for them too).
 */
export async function loadDemoSchedule(dataSource: DataSource, services: ScheduleServices): Promise<void> {
  if ((await dataSource.getRepository(Program).count()) > 0) return;
  const institutions = new Map(
    (await dataSource.getRepository(Institution).find({ select: { id: true, code: true } })).map((i) => [i.code, i.id]),
  );
  const instructors = new Map<string, string>();
  for (const demo of DEMO_INSTRUCTORS) {
    if (demo.accountEmail) {
      const profile = await dataSource
        .getRepository(Instructor)
        .createQueryBuilder('i')
        .innerJoin(User, 'u', 'u.id = i.user_id')
        .where('u.email = :email', { email: demo.accountEmail })
        .getOne();
      if (profile) {
        await dataSource.getRepository(Instructor).update(profile.id, {
          fullNameLatin: demo.fullNameLatin,
          expertise: demo.expertise,
          languages: demo.languages,
        });
        instructors.set(demo.key, profile.id);
        continue;
      }
    }
    const created = await services.instructors.create(
      {
        fullName: demo.fullName,
        fullNameLatin: demo.fullNameLatin,
        institutionId: institutions.get(demo.institutionCode) as string,
        expertise: demo.expertise,
        languages: demo.languages,
      },
      SYSTEM,
    );
    instructors.set(demo.key, created.id);
  }
  const programs = [...DEMO_PROGRAMS, ...upcomingDemoPrograms(new Date())];
  for (const demo of programs) {
    const { hostCode, partnerCodes, enrolment, status, sessions, ...fields } = demo;
    const at = (local: string) =>
      wallTimeToInstant(local.slice(0, 10), local.slice(11, 16), demo.timezone).toISOString();
    const program = await services.programs.create(
      Object.assign(new CreateProgramDto(), {
        ...fields,
        hostInstitutionId: institutions.get(hostCode) as string,
        partnerInstitutionIds: partnerCodes.map((code) => institutions.get(code) as string),
        ...(enrolment ? { enrolmentOpensAt: at(enrolment.opens), enrolmentClosesAt: at(enrolment.closes) } : {}),
      }),
      SYSTEM,
    );
    for (const session of sessions) {
      await services.sessions.create(
        program.id,
        Object.assign(new CreateSessionDto(), {
          title: session.title,
          type: session.type,
          startsAt: at(`${session.date}T${session.from}`),
          endsAt: at(`${session.date}T${session.to}`),
          instructorIds: session.instructors.map((key) => instructors.get(key) as string),
          ...(session.venue ? { venue: session.venue } : {}),
        }),
        SYSTEM,
      );
    }
    if (status === 'published') await services.programs.transition(program.id, 'published', SYSTEM);
  }
  services.logger.info(`Loaded the demo programs: ${programs.map((p) => p.code).join(', ')}.`);
}

/** Upcoming demo programs get some activity too: applications to review, and a full camp. */
const UPCOMING_ACTIVITY = [
  {
    programCode: 'TRPC-TH-ONLINE-NEXT',
    from: 'TRPC-TH-ONLINE-2024',
    institutions: ['RMUTT', 'SUT'],
    each: 10,
    status: 'pending',
  },
  { programCode: 'YOUTH-SHOW-NEXT', from: 'YOUTH-SHOW-2024', institutions: null, each: 8, status: 'decided' },
] as const;

/**
 * Loads the scenarios' trainees and their enrolments when there are no
 * enrolments yet: scenario A's 292 approved by their partners, B's
 * self-registered participants with a wait-list, C's and D's enrolled by the
 * international office; plus pending applications and a full camp among the
 * upcoming programs. Set-based, in one transaction; the seat counters are
 * recounted from the rows at the end.
 */
export async function loadDemoEnrolments(dataSource: DataSource, logger: Logger): Promise<void> {
  const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM enrolments')) as { n: number }[];
  if (n > 0 || (await dataSource.getRepository(Program).count()) === 0) return;
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO trainees (full_name, full_name_latin, email, nationality, institution_id, preferred_locale)
       SELECT d.full_name, d.full_name_latin, d.email, d.nationality, i.id, d.locale
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
              AS d(full_name, full_name_latin, email, nationality, institution_code, locale)
         LEFT JOIN institutions i ON i.code = d.institution_code
       ON CONFLICT (email) DO NOTHING`,
      [
        DEMO_TRAINEES.map((t) => t.fullName),
        DEMO_TRAINEES.map((t) => t.fullNameLatin),
        DEMO_TRAINEES.map((t) => t.email),
        DEMO_TRAINEES.map((t) => t.nationality),
        DEMO_TRAINEES.map((t) => t.institutionCode),
        DEMO_TRAINEES.map((t) => t.preferredLocale),
      ],
    );
    const admin = (await manager.query(`SELECT id FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1`)) as {
      id: string;
    }[];
    const partnerOf = new Map(
      (
        (await manager.query(
          `SELECT DISTINCT ON (i.code) i.code, u.id FROM users u JOIN institutions i ON i.id = u.institution_id
          WHERE u.role = 'partner' ORDER BY i.code, u.created_at`,
        )) as { code: string; id: string }[]
      ).map((r) => [r.code, r.id]),
    );
    /** Enrols the given e-mails in order: a seat while there is one, then the wait-list (or all pending). */
    const enrol = (programCode: string, emails: string[], pending: boolean, decidedBy: (string | null)[]) =>
      manager.query(
        `WITH p AS (SELECT id, capacity FROM programs WHERE code = $1),
              rows AS (SELECT t.id AS trainee_id, d.ord, d.decided_by
                         FROM unnest($2::text[], $4::uuid[]) WITH ORDINALITY AS d(email, decided_by, ord)
                         JOIN trainees t ON t.email = d.email)
         INSERT INTO enrolments (program_id, trainee_id, status, waitlisted_at, decided_at, decided_by, created_at)
         SELECT p.id, rows.trainee_id,
                CASE WHEN $3 THEN 'pending' WHEN rows.ord <= p.capacity THEN 'confirmed' ELSE 'waitlisted' END,
                CASE WHEN NOT $3 AND rows.ord > p.capacity THEN now() + rows.ord * interval '1 millisecond' END,
                CASE WHEN $3 THEN NULL ELSE now() END,
                CASE WHEN $3 THEN NULL ELSE rows.decided_by END,
                now() + rows.ord * interval '1 millisecond'
           FROM rows, p
         ON CONFLICT (program_id, trainee_id) DO NOTHING`,
        [programCode, emails, pending, decidedBy],
      );

    for (const plan of DEMO_ENROLMENT_PLANS) {
      const deciders = plan.trainees.map((t) =>
        plan.mode === 'partner-approved' && t.institutionCode
          ? (partnerOf.get(t.institutionCode) ?? admin[0]?.id ?? null)
          : plan.mode === 'admin'
            ? (admin[0]?.id ?? null)
            : null,
      );
      await enrol(
        plan.programCode,
        plan.trainees.map((t) => t.email),
        false,
        deciders,
      );
    }
    for (const activity of UPCOMING_ACTIVITY) {
      const source = DEMO_ENROLMENT_PLANS.find((plan) => plan.programCode === activity.from)?.trainees ?? [];
      const chosen = activity.institutions
        ? activity.institutions.flatMap((code) =>
            source.filter((t) => t.institutionCode === code).slice(0, activity.each),
          )
        : source.slice(0, activity.each);
      await enrol(
        activity.programCode,
        chosen.map((t) => t.email),
        activity.status === 'pending',
        chosen.map(() => null),
      );
    }
    await manager.query(
      `UPDATE programs p SET
         confirmed_count = (SELECT count(*) FROM enrolments e WHERE e.program_id = p.id AND e.status = 'confirmed'),
         waitlisted_count = (SELECT count(*) FROM enrolments e WHERE e.program_id = p.id AND e.status = 'waitlisted'),
         pending_count = (SELECT count(*) FROM enrolments e WHERE e.program_id = p.id AND e.status = 'pending')`,
    );
  });
  logger.info(`Loaded ${DEMO_TRAINEES.length} demo trainees and their enrolments.`);
}

export interface CompletionServices {
  completion: CompletionService;
  logger: Logger;
}

/** Attendance pattern of the n-th trainee: most attend everything; a few miss, come late or are excused. */
function demoMark(n: number, session: number): 'present' | 'late' | 'absent' | 'excused' {
  if (n % 11 === 3 && session % 2 === 0) return 'absent'; // misses half: below the 75% rule
  if (n % 13 === 5 && session === 0) return 'excused';
  if (n % 7 === 2 && session === 1) return 'late';
  return 'present';
}

/**
 * Closes scenario A (the demo trainee among its participants) and scenario C
 * through the real completion service — attendance taken, a few trainees
 * below the 75% rule, certificates issued — and selects 15 of C's completers
 * into the follow-on study visit. Runs once: only while no certificate exists.
 */
export async function loadDemoCompletion(dataSource: DataSource, services: CompletionServices): Promise<void> {
  const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM certificates')) as { n: number }[];
  if (n > 0) return;
  const programs = new Map(
    (
      (await dataSource.query(`SELECT id, code, status FROM programs`)) as {
        id: string;
        code: string;
        status: string;
      }[]
    ).map((p) => [p.code, p]),
  );
  const courseA = programs.get('TRPC-TH-ONLINE-2024');
  const courseC = programs.get('LMC-CERT-YGN-2024');
  const visit = programs.get('LMC-CERT-VISIT-2024');
  const [admin] = (await dataSource.query(`SELECT id FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1`)) as {
    id: string;
  }[];
  if (!courseA || !courseC || !visit || !admin) return;
  const ctx: RequestContext = {
    ...SYSTEM,
    viewer: {
      userId: admin.id,
      role: Role.Admin,
      institutionId: null,
      traineeId: null,
      instructorId: null,
      emailVerified: true,
      mfaSetupRequired: false,
      sessionId: null,
    },
  };

  const [demoTrainee] = (await dataSource.query(
    `SELECT t.id FROM trainees t JOIN users u ON u.id = t.user_id WHERE u.email = 'trainee@skillbridge.test'`,
  )) as { id: string }[];
  await dataSource.transaction(async (manager) => {
    // The demo trainee took part in scenario A too, so "My certificates" has something to show.
    await manager.query(
      `INSERT INTO enrolments (program_id, trainee_id, status, decided_at, decided_by)
       SELECT $1, t.id, 'confirmed', now(), $2 FROM trainees t JOIN users u ON u.id = t.user_id
        WHERE u.email = 'trainee@skillbridge.test'
       ON CONFLICT (program_id, trainee_id) DO NOTHING`,
      [courseA.id, admin.id],
    );
    await manager.query(
      `UPDATE programs SET confirmed_count = (SELECT count(*) FROM enrolments WHERE program_id = $1 AND status = 'confirmed')
        WHERE id = $1`,
      [courseA.id],
    );
    // Scenario C has a pass mark: its trainees sat an assessment, and three fell short of it.
    await manager.query(
      `UPDATE enrolments e SET score = s.score, assessed_at = now(), assessed_by = $2
         FROM (SELECT id, CASE WHEN row_number() OVER w % 10 = 7 THEN 52
                               ELSE 62 + (row_number() OVER w * 7) % 37 END AS score
                 FROM enrolments WHERE program_id = $1 AND status = 'confirmed'
               WINDOW w AS (ORDER BY created_at, id)) s
        WHERE e.id = s.id`,
      [courseC.id, admin.id],
    );
    for (const program of [courseA, courseC]) {
      const sessions = (
        (await manager.query('SELECT id FROM sessions WHERE program_id = $1 ORDER BY starts_at', [program.id])) as {
          id: string;
        }[]
      ).map((s) => s.id);
      const trainees = (
        (await manager.query(
          `SELECT trainee_id FROM enrolments WHERE program_id = $1 AND status = 'confirmed' ORDER BY created_at, id`,
          [program.id],
        )) as { trainee_id: string }[]
      ).map((r) => r.trainee_id);
      const sessionIds: string[] = [];
      const traineeIds: string[] = [];
      const statuses: string[] = [];
      trainees.forEach((traineeId, index) =>
        sessions.forEach((sessionId, session) => {
          sessionIds.push(sessionId);
          traineeIds.push(traineeId);
          // The demo trainee attends everything (found by id: enrolment times are spread over the next moments).
          statuses.push(traineeId === demoTrainee?.id && program === courseA ? 'present' : demoMark(index, session));
        }),
      );
      await manager.query(
        `INSERT INTO attendance (session_id, trainee_id, status, recorded_by)
         SELECT s, t, st, $4 FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS m(s, t, st)
         ON CONFLICT DO NOTHING`,
        [sessionIds, traineeIds, statuses, admin.id],
      );
    }
  });
  const a = await services.completion.complete(courseA.id, ctx);
  const c = await services.completion.complete(courseC.id, ctx);
  const completers = (
    (await dataSource.query(
      `SELECT e.trainee_id FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
      WHERE e.program_id = $1 AND e.status = 'completed' ORDER BY t.nationality, e.created_at, e.id LIMIT 15`,
      [courseC.id],
    )) as { trainee_id: string }[]
  ).map((r) => r.trainee_id);
  if (visit.status === 'published' && completers.length > 0) {
    await services.completion.select(
      visit.id,
      Object.assign(new SelectionDto(), { fromProgramId: courseC.id, traineeIds: completers }),
      ctx,
    );
  }
  services.logger.info(
    `Closed the demo programs: scenario A ${a.completed} completed / ${a.notCompleted} not, scenario C ${c.completed} / ${c.notCompleted}; ${completers.length} selected for the study visit.`,
  );
}
