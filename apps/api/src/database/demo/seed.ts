import {
  INITIAL_PRIVACY_NOTICE_VERSION,
  Role,
  wallTimeToInstant,
  type ConsentGrant,
  type CountryCode,
} from '@skillbridge/contracts';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../../common/auth/viewer';
import type { AttendanceService } from '../../modules/attendance/attendance.service';
import { AssessmentItemDto, AttendanceMarkDto } from '../../modules/attendance/dto/attendance.dto';
import type { CompletionService } from '../../modules/certificates/completion.service';
import { SelectionDto } from '../../modules/certificates/dto/certificate.dto';
import { Institution } from '../../modules/institutions/institution.entity';
import { CreateEnrolmentDto } from '../../modules/enrolments/dto/create-enrolment.dto';
import type { EnrolmentsService } from '../../modules/enrolments/enrolments.service';
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
import type { TraineesService } from '../../modules/trainees/trainees.service';
import type { AuditService } from '../../modules/audit/audit.service';
import type { ConsentsService } from '../../modules/privacy/consents/consents.service';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.demo';
import { DEMO_INSTITUTIONS } from './institutions.demo';
import { DEMO_INSTRUCTORS, DEMO_PROGRAMS, upcomingDemoPrograms } from './programs.demo';
import { DEMO_ENROLMENT_PLANS, DEMO_TRAINEES, type DemoTrainee } from './trainees.demo';

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
  // The international office (the demo's admin) sets the programs up; without one, the start-up itself.
  const office = (await demoActors(dataSource))?.admin ?? SYSTEM;
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
      office,
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
      office,
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
        office,
      );
    }
    if (status === 'published') await services.programs.transition(program.id, 'published', office);
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

export interface EnrolmentServices {
  trainees: TraineesService;
  enrolments: EnrolmentsService;
  users: UsersService;
  passwords: PasswordService;
  consents: ConsentsService;
  audit: AuditService;
  logger: Logger;
}

/** What a person agrees to on the registration form: both required boxes, at the first notice. */
const REGISTRATION_CONSENTS: ConsentGrant[] = [
  { purpose: 'program-administration', noticeVersion: INITIAL_PRIVACY_NOTICE_VERSION },
  { purpose: 'cross-border-transfer', noticeVersion: INITIAL_PRIVACY_NOTICE_VERSION },
];

/** The demo's staff as the API sees them when they act: a request context whose viewer is that person. */
export interface DemoActors {
  admin: RequestContext;
  /** The first partner account of each institution code (institutions without one are decided by the admin). */
  partnerOf: Map<string, RequestContext>;
  instructor: RequestContext | null;
}

interface ViewerRow {
  id: string;
  role: Role;
  institution_id: string | null;
  code: string | null;
  trainee_id: string | null;
  instructor_id: string | null;
}

function contextOf(row: ViewerRow, requestId: string): RequestContext {
  return {
    viewer: {
      userId: row.id,
      role: row.role,
      institutionId: row.institution_id,
      traineeId: row.trainee_id,
      instructorId: row.instructor_id,
      emailVerified: true,
      mfaSetupRequired: false,
      sessionId: null,
    },
    requestId,
    ip: '',
    locale: 'en',
  };
}

/** Viewers built as the viewer loader builds them (a trainee's institution is their trainee record's). */
async function viewerRows(manager: EntityManager, where: string, params: unknown[]): Promise<ViewerRow[]> {
  return (await manager.query(
    `SELECT u.id, u.role,
            CASE WHEN u.role = 'trainee' THEN t.institution_id ELSE u.institution_id END AS institution_id,
            i.code, t.id AS trainee_id, ins.id AS instructor_id
       FROM users u
       LEFT JOIN trainees t ON t.user_id = u.id
       LEFT JOIN instructors ins ON ins.user_id = u.id
       LEFT JOIN institutions i ON i.id = u.institution_id
      WHERE ${where}
      ORDER BY u.created_at, u.id`,
    params,
  )) as ViewerRow[];
}

/** The demo's first admin, each partner institution's first partner account and the first instructor account. */
export async function demoActors(dataSource: DataSource): Promise<DemoActors | null> {
  const rows = await viewerRows(
    dataSource.manager,
    `u.role IN ('admin', 'partner', 'instructor') AND NOT u.disabled`,
    [],
  );
  const admin = rows.find((r) => r.role === Role.Admin);
  if (!admin) return null;
  const partnerOf = new Map<string, RequestContext>();
  for (const row of rows) {
    if (row.role === Role.Partner && row.code && !partnerOf.has(row.code)) {
      partnerOf.set(row.code, contextOf(row, `demo-data:${row.code.toLowerCase()}`));
    }
  }
  const instructor = rows.find((r) => r.role === Role.Instructor && r.instructor_id);
  return {
    admin: contextOf(admin, 'demo-data:admin'),
    partnerOf,
    instructor: instructor ? contextOf(instructor, 'demo-data:instructor') : null,
  };
}

/** A spreadsheet as a partner's office exports it: CSV, UTF-8 with a byte-order mark, every cell quoted. */
function traineeSheet(trainees: readonly DemoTrainee[], withInstitution: boolean): Buffer {
  const quote = (cell: string | null) => `"${(cell ?? '').replace(/"/g, '""')}"`;
  const header = [
    'fullName',
    'fullNameLatin',
    'email',
    'nationality',
    ...(withInstitution ? ['institutionCode'] : []),
    'preferredLocale',
  ];
  const lines = trainees.map((t) =>
    [
      t.fullName,
      t.fullNameLatin,
      t.email,
      t.nationality,
      ...(withInstitution ? [t.institutionCode] : []),
      t.preferredLocale,
    ]
      .map(quote)
      .join(','),
  );
  return Buffer.from(`\ufeff${[header.join(','), ...lines].join('\r\n')}\r\n`, 'utf8');
}

/** Imports trainees through POST /trainees/import's service, as `ctx`'s person; any row problem stops the demo. */
async function importTrainees(
  trainees: TraineesService,
  people: readonly DemoTrainee[],
  ctx: RequestContext,
  withInstitution: boolean,
): Promise<void> {
  if (!people.length) return;
  // The importer attests, as the wizard's checkbox does, that these people were informed with the notice.
  const report = await trainees.import(traineeSheet(people, withInstitution), false, ctx, {
    noticeVersion: INITIAL_PRIVACY_NOTICE_VERSION,
  });
  if (!report.committed) {
    throw new Error(`the demo trainees did not import: ${JSON.stringify(report.errors.slice(0, 3))}`);
  }
}

/**
 * Loads the scenarios' trainees and their enrolments when there are no
 * enrolments yet, through the services behind the API, each act by the person
 * who does it in a real office — so the audit trail, the notifications and
 * the seat counters are theirs:
 * - trainees: each Thai partner imports its own people from a spreadsheet; the
 *   international office (the admin) imports everyone else;
 * - scenario A's 292 are enrolled by their own partner (a seat at once: the
 *   course has no host review), B's 48 registrations, C's and D's officials by
 *   the admin (B: seats in order, then the wait-list);
 * - the next online course's 20 applicants apply from their own accounts
 *   (pending, for their partners to review); the next camp's eight seats are
 *   filled by the admin.
 * The imports are the import's own transactions; every other act is in one
 * transaction, each with its own creation time in the order of the acts (the
 * order of registration, rosters and wait-lists).
 */
export async function loadDemoEnrolments(dataSource: DataSource, services: EnrolmentServices): Promise<void> {
  const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM enrolments')) as { n: number }[];
  if (n > 0 || (await dataSource.getRepository(Program).count()) === 0) return;
  const actors = await demoActors(dataSource);
  if (!actors) return;
  const { admin, partnerOf } = actors;

  // Trainees: each partner with an account imports its own; the office imports the rest (with institution codes).
  const byPartner = new Map<string, DemoTrainee[]>();
  const byOffice: DemoTrainee[] = [];
  for (const trainee of DEMO_TRAINEES) {
    const code = trainee.institutionCode;
    if (code && partnerOf.has(code)) byPartner.set(code, [...(byPartner.get(code) ?? []), trainee]);
    else byOffice.push(trainee);
  }
  for (const [code, people] of byPartner) {
    await importTrainees(services.trainees, people, partnerOf.get(code) as RequestContext, false);
  }
  await importTrainees(services.trainees, byOffice, admin, true);
  const traineeIds = new Map(
    (
      (await dataSource.query(`SELECT id, email FROM trainees WHERE email = ANY($1::text[])`, [
        DEMO_TRAINEES.map((t) => t.email),
      ])) as { id: string; email: string }[]
    ).map((r) => [r.email, r.id]),
  );
  const programIds = new Map(
    ((await dataSource.query(`SELECT id, code FROM programs`)) as { id: string; code: string }[]).map((p) => [
      p.code,
      p.id,
    ]),
  );
  const passwordHash = await services.passwords.hash(DEMO_PASSWORD);
  // One transaction for every act below (a commit each would be most of the start-up); each act gets its own
  // creation time, in the order they are made, as separate requests would.
  let clock = Date.now();
  const tick = () => new Date((clock = Math.max(clock + 1, Date.now())));
  await dataSource.transaction(async (manager) => {
    const enrol = (programCode: string, dto: CreateEnrolmentDto, ctx: RequestContext) =>
      services.enrolments.create(programIds.get(programCode) as string, dto, ctx, {
        manager,
        createdAt: tick(),
        // Scenario A's partners enrolled their people in August 2024, while the course's window was open.
        pastWindow: true,
      });
    const enrolTrainee = (programCode: string, trainee: DemoTrainee, ctx: RequestContext) =>
      enrol(programCode, Object.assign(new CreateEnrolmentDto(), { traineeId: traineeIds.get(trainee.email) }), ctx);

    for (const plan of DEMO_ENROLMENT_PLANS) {
      if (!programIds.has(plan.programCode)) continue;
      for (const trainee of plan.trainees) {
        const ctx =
          plan.mode === 'partner-approved' && trainee.institutionCode
            ? (partnerOf.get(trainee.institutionCode) ?? admin)
            : admin;
        await enrolTrainee(plan.programCode, trainee, ctx);
      }
    }

    for (const activity of UPCOMING_ACTIVITY) {
      if (!programIds.has(activity.programCode)) continue;
      const source = DEMO_ENROLMENT_PLANS.find((plan) => plan.programCode === activity.from)?.trainees ?? [];
      const chosen = activity.institutions
        ? activity.institutions.flatMap((code) =>
            source.filter((t) => t.institutionCode === code).slice(0, activity.each),
          )
        : source.slice(0, activity.each);
      for (const trainee of chosen) {
        if (activity.status === 'decided') {
          await enrolTrainee(activity.programCode, trainee, admin);
          continue;
        }
        // Applying is the trainee's own act, from their own account: each applicant registers (verified, linked
        // to the record their partner imported, with the demo password), then applies.
        const user = await services.users.createAccount(
          manager,
          {
            email: trainee.email,
            passwordHash,
            fullName: trainee.fullName,
            fullNameLatin: trainee.fullNameLatin,
            role: Role.Trainee,
            nationality: trainee.nationality as CountryCode,
            institutionId: partnerOf.get(trainee.institutionCode ?? '')?.viewer?.institutionId ?? null,
            preferredLocale: trainee.preferredLocale,
            timeZone: 'Asia/Bangkok',
            emailVerified: true,
          },
          SYSTEM,
        );
        const [registered] = await viewerRows(manager, 'u.id = $1', [user.id]);
        const registration = contextOf(registered, 'demo-data:registration');
        // The registration form's consents, recorded and audited as POST /auth/register does.
        await services.audit.recordMany(
          manager,
          registration,
          await services.consents.record(manager, { userId: user.id }, REGISTRATION_CONSENTS, 'registration'),
        );
        await services.users.completeTraineeProfile(manager, user.id, registration);
        const [applicant] = await viewerRows(manager, 'u.id = $1', [user.id]);
        await enrol(activity.programCode, new CreateEnrolmentDto(), contextOf(applicant, 'demo-data:application'));
      }
    }
  });
  services.logger.info(`Loaded ${DEMO_TRAINEES.length} demo trainees and their enrolments.`);
}

export interface CompletionServices {
  completion: CompletionService;
  enrolments: EnrolmentsService;
  attendance: AttendanceService;
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
 * through the services behind the API, each step by whoever takes it: the
 * demo trainee's partner enrols them in A; each session's register is taken
 * by its instructor when they have an account (else by the office); C's
 * scores are entered by the office, three below the pass mark; the admin
 * closes both programs (certificates issued, a few trainees below the 75%
 * rule) and selects 15 of C's completers into the follow-on study visit.
 * Runs once: only while no certificate exists.
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
  const actors = await demoActors(dataSource);
  if (!courseA || !courseC || !visit || !actors) return;
  const ctx = actors.admin;

  // The demo trainee took part in scenario A too, enrolled by their partner, so "My certificates" has something.
  const [demoTrainee] = (await dataSource.query(
    `SELECT t.id, i.code, EXISTS (SELECT 1 FROM enrolments e WHERE e.trainee_id = t.id AND e.program_id = $1) AS enrolled
       FROM trainees t JOIN users u ON u.id = t.user_id LEFT JOIN institutions i ON i.id = t.institution_id
      WHERE u.email = 'trainee@skillbridge.test'`,
    [courseA.id],
  )) as { id: string; code: string | null; enrolled: boolean }[];
  if (demoTrainee && !demoTrainee.enrolled) {
    await services.enrolments.create(
      courseA.id,
      Object.assign(new CreateEnrolmentDto(), { traineeId: demoTrainee.id }),
      actors.partnerOf.get(demoTrainee.code ?? '') ?? ctx,
      { pastWindow: true },
    );
  }

  // Scenario C has a pass mark: its trainees sat an assessment, and three fell short of it.
  const assessed = (
    (await dataSource.query(
      `SELECT id FROM enrolments WHERE program_id = $1 AND status = 'confirmed' ORDER BY created_at, id`,
      [courseC.id],
    )) as { id: string }[]
  ).map((row, index) => {
    const rank = index + 1;
    return Object.assign(new AssessmentItemDto(), {
      enrolmentId: row.id,
      score: rank % 10 === 7 ? 52 : 62 + ((rank * 7) % 37),
    });
  });
  if (assessed.length) await services.attendance.assessMany(courseC.id, assessed, ctx);

  for (const program of [courseA, courseC]) {
    const sessions = (await dataSource.query(
      `SELECT s.id, array_remove(array_agg(si.instructor_id), NULL) AS instructors
         FROM sessions s LEFT JOIN session_instructors si ON si.session_id = s.id
        WHERE s.program_id = $1 GROUP BY s.id ORDER BY min(s.starts_at), s.id`,
      [program.id],
    )) as { id: string; instructors: string[] }[];
    const trainees = (
      (await dataSource.query(
        `SELECT trainee_id FROM enrolments WHERE program_id = $1 AND status = 'confirmed' ORDER BY created_at, id`,
        [program.id],
      )) as { trainee_id: string }[]
    ).map((r) => r.trainee_id);
    for (const [session, { id, instructors }] of sessions.entries()) {
      const marks = trainees.map((traineeId, index) =>
        Object.assign(new AttendanceMarkDto(), {
          traineeId,
          // The demo trainee attends everything.
          status: traineeId === demoTrainee?.id && program === courseA ? 'present' : demoMark(index, session),
        }),
      );
      const teacher = actors.instructor;
      const taker = teacher?.viewer?.instructorId && instructors.includes(teacher.viewer.instructorId) ? teacher : ctx;
      await services.attendance.put(id, marks, taker);
    }
  }
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
