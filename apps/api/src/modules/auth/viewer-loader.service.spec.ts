import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config';
import { ViewerLoader } from './viewer-loader.service';

describe('ViewerLoader', () => {
  const claims = { sub: 'user-1', role: 'partner' as const, ver: 3, sid: 'sign-in-1' };
  let row: Record<string, unknown> | undefined;
  let reads: number;
  let now: number;

  function loader(cacheMs: number): ViewerLoader {
    const dataSource = {
      query: async () => {
        reads += 1;
        return row ? [{ ...row }] : [];
      },
    } as unknown as DataSource;
    return new ViewerLoader(dataSource, {
      VIEWER_CACHE_MS: cacheMs,
      mfaRequiredRoles: ['admin'],
    } as unknown as AppConfig);
  }

  beforeEach(() => {
    row = {
      id: 'user-1',
      role: 'partner',
      institution_id: 'inst-1',
      disabled: false,
      token_version: 3,
      trainee_id: null,
      instructor_id: null,
      email_verified: true,
      mfa_enabled: false,
      sign_in_open: true,
    };
    reads = 0;
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('reads an account once within VIEWER_CACHE_MS and again after it', async () => {
    const viewers = loader(2000);
    expect(await viewers.load(claims)).toEqual({
      userId: 'user-1',
      role: 'partner',
      institutionId: 'inst-1',
      traineeId: null,
      instructorId: null,
      emailVerified: true,
      mfaSetupRequired: false,
      sessionId: 'sign-in-1',
    });
    now += 1999;
    await viewers.load(claims);
    expect(reads).toBe(1);
    now += 1;
    await viewers.load(claims);
    expect(reads).toBe(2);
  });

  it('refuses a disabled account, an old token version and a changed role, cached or not', async () => {
    const viewers = loader(2000);
    expect(await viewers.load({ ...claims, ver: 2 })).toBeNull();
    expect(await viewers.load({ ...claims, role: 'admin' })).toBeNull();
    row = { ...row, disabled: true };
    viewers.forget('user-1');
    expect(await viewers.load(claims)).toBeNull();
    expect(reads).toBe(2);
  });

  it('reads afresh after forget() and keeps nothing while the change may still be committing', async () => {
    const viewers = loader(2000);
    await viewers.load(claims);
    viewers.forget('user-1');
    row = { ...row, disabled: true };
    expect(await viewers.load(claims)).toBeNull();
    row = { ...row, disabled: false };
    // Within the quiet period after a change every request reads the row.
    expect(await viewers.load(claims)).not.toBeNull();
    expect(reads).toBe(3);
    now += 10_001;
    await viewers.load(claims);
    await viewers.load(claims);
    expect(reads).toBe(4);
  });

  it('remembers a deleted account as absent, and reads every time when the cache is off', async () => {
    row = undefined;
    const cached = loader(2000);
    expect(await cached.load(claims)).toBeNull();
    expect(await cached.load(claims)).toBeNull();
    expect(reads).toBe(1);
    const uncached = loader(0);
    await uncached.load(claims);
    await uncached.load(claims);
    expect(reads).toBe(3);
  });

  it('refuses a token of an ended or unknown sign-in, and remembers each sign-in of an account apart', async () => {
    const viewers = loader(2000);
    row = { ...row, sign_in_open: false };
    expect(await viewers.load(claims)).toBeNull();
    row = { ...row, sign_in_open: null };
    expect(await viewers.load({ ...claims, sid: 'sign-in-2' })).toBeNull();
    expect(reads).toBe(2);
  });

  it('says when the role requires two-factor sign-in that the account has not set up', async () => {
    row = { ...row, role: 'admin' };
    const viewers = loader(0);
    expect((await viewers.load({ ...claims, role: 'admin' }))?.mfaSetupRequired).toBe(true);
    row = { ...row, mfa_enabled: true };
    expect((await viewers.load({ ...claims, role: 'admin' }))?.mfaSetupRequired).toBe(false);
  });
});
