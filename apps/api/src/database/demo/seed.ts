import { Role } from '@skillbridge/contracts';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../../common/auth/viewer';
import { Institution } from '../../modules/institutions/institution.entity';
import { User } from '../../modules/users/user.entity';
import type { UsersService } from '../../modules/users/users.service';
import type { PasswordService } from '../../modules/auth/password.service';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.demo';
import { DEMO_INSTITUTIONS } from './institutions.demo';

const SYSTEM: RequestContext = { viewer: null, requestId: 'demo-data', ip: '', locale: 'en' };

export interface SeedServices {
  users: UsersService;
  passwords: PasswordService;
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
