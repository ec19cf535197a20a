import { Role, wallTimeToInstant } from '@skillbridge/contracts';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../../common/auth/viewer';
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
        await dataSource
          .getRepository(Instructor)
          .update(profile.id, { expertise: demo.expertise, languages: demo.languages });
        instructors.set(demo.key, profile.id);
        continue;
      }
    }
    const created = await services.instructors.create(
      {
        fullName: demo.fullName,
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
