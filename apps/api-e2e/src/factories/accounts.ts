import {
  INITIAL_PRIVACY_NOTICE_VERSION,
  Role,
  type AuthUser,
  type CountryCode,
  type Locale,
} from '@skillbridge/contracts';
import { randomBytes } from 'node:crypto';
import { PasswordService } from '@skillbridge/api/modules/auth/password.service';
import { TokenService } from '@skillbridge/api/modules/auth/token.service';
import { UsersService } from '@skillbridge/api/modules/users/users.service';
import { api, TestApp } from '../support/test-app';
import { createInstitution } from './institutions';

export const PASSWORD = 'mekong-river-2024!';

export interface SignedIn {
  user: AuthUser;
  token: string;
  /** The refresh cookie as set by the API (`sb_refresh=…`). */
  cookie: string;
  auth: { Authorization: string };
}

const unique = () => randomBytes(4).toString('hex');

/** The consents a registration must carry (issue 23): the required purpose, to the first notice version. */
export const REGISTRATION_CONSENTS = [
  { purpose: 'program-administration', noticeVersion: INITIAL_PRIVACY_NOTICE_VERSION },
  { purpose: 'cross-border-transfer', noticeVersion: INITIAL_PRIVACY_NOTICE_VERSION },
];

/** Opens an account through the real service (as an admin would), bypassing HTTP. */
export async function createAccount(
  t: TestApp,
  input: {
    role: Role;
    email?: string;
    fullName?: string;
    institutionId?: string | null;
    nationality?: CountryCode;
    preferredLocale?: Locale;
    password?: string;
  },
): Promise<AuthUser> {
  const passwordHash = await t.app.get(PasswordService).hash(input.password ?? PASSWORD);
  return t.dataSource.transaction((manager) =>
    t.app.get(UsersService).createAccount(
      manager,
      {
        email: input.email ?? `${input.role}-${unique()}@e2e.test`,
        passwordHash,
        fullName: input.fullName ?? `Test ${input.role}`,
        role: input.role,
        institutionId: input.institutionId ?? null,
        nationality: input.nationality ?? (input.role === Role.Trainee ? 'TH' : undefined),
        preferredLocale: input.preferredLocale,
      },
      { viewer: null, requestId: 'e2e-factory', ip: '', locale: 'en' },
    ),
  );
}

/**
 * A bearer header for an account without going through sign-in: a sign-in
 * row (tokens name theirs) and an access token of it. For suites that make
 * thousands of accounts in SQL.
 */
export async function bearerFor(t: TestApp, userId: string, role: Role, ver = 0): Promise<{ Authorization: string }> {
  const [{ id }] = (await t.dataSource.query(
    `INSERT INTO sign_ins (id, user_id) VALUES (gen_random_uuid(), $1) RETURNING id`,
    [userId],
  )) as { id: string }[];
  return { Authorization: `Bearer ${t.app.get(TokenService).signAccess({ sub: userId, role, ver, sid: id })}` };
}

export async function signIn(t: TestApp, email: string, password = PASSWORD): Promise<SignedIn> {
  const res = await t.http.post(api('/auth/login')).send({ email, password });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('sb_refresh='));
  return {
    user: res.body.user,
    token: res.body.accessToken,
    cookie: cookie?.split(';')[0] ?? '',
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

export async function createSignedIn(t: TestApp, input: Parameters<typeof createAccount>[1]): Promise<SignedIn> {
  const user = await createAccount(t, input);
  return signIn(t, user.email, input.password);
}

/**
 * The cast of the authorization tests: an admin, an instructor of the host
 * college, a partner of each of two partner institutions, a trainee of each,
 * and the institutions they belong to.
 */
export async function createCast(t: TestApp) {
  const host = await createInstitution(t.dataSource, {
    kind: 'host',
    country: 'CN',
    name: { en: 'Tongren Polytechnic College' },
  });
  const partnerA = await createInstitution(t.dataSource, { kind: 'partner', country: 'TH' });
  const partnerB = await createInstitution(t.dataSource, {
    kind: 'partner',
    country: 'TH',
    name: { en: 'Suranaree University of Technology' },
  });
  const [admin, instructor, partner, otherPartner, trainee, otherTrainee] = await Promise.all([
    createSignedIn(t, { role: Role.Admin, institutionId: host.id }),
    createSignedIn(t, { role: Role.Instructor, institutionId: host.id }),
    createSignedIn(t, { role: Role.Partner, institutionId: partnerA.id }),
    createSignedIn(t, { role: Role.Partner, institutionId: partnerB.id }),
    createSignedIn(t, { role: Role.Trainee, institutionId: partnerA.id }),
    createSignedIn(t, { role: Role.Trainee, institutionId: partnerB.id }),
  ]);
  return { host, partnerA, partnerB, admin, instructor, partner, otherPartner, trainee, otherTrainee };
}

export type Cast = Awaited<ReturnType<typeof createCast>>;
