import { Role } from '@skillbridge/contracts';
import type { Response } from 'superagent';
import { createAccount, createSignedIn, PASSWORD, type SignedIn } from './factories/accounts';
import { api, startTestApp, TestApp } from './support/test-app';

/**
 * Whose IP the API counts and records (OWASP ASVS 5.0 level 2). The tests
 * talk to the API over loopback, so the TCP peer — the proxy, in production —
 * is always 127.0.0.1, and the headers are what a proxy would pass on:
 *
 * - nginx of docker/compose.yaml OVERWRITES X-Forwarded-For with the address it
 *   saw: the API receives `X-Forwarded-For: <client>` whatever the client sent;
 * - a proxy that APPENDS passes on what the client wrote, then the address it
 *   saw: `X-Forwarded-For: <whatever the client wrote>, <client>`.
 *
 * With one trusted hop (TRUST_PROXY=1) the client is the last entry either way,
 * so a client rotating its own X-Forwarded-For is still one client to the
 * sign-in throttle, the verification limit and the audit trail. With
 * TRUST_PROXY unset the header is ignored and the TCP peer is the client.
 */

/** Documentation addresses (RFC 5737): the clients as the proxy saw them. */
const CLIENT = '198.51.100.7';
const NEIGHBOUR = '198.51.100.8';

/** What an appending one-hop proxy sends for `client`, who wrote `spoofed` into its own X-Forwarded-For. */
const appended = (spoofed: string, client: string) => ({ 'X-Forwarded-For': `${spoofed}, ${client}` });
/** What the compose file's nginx sends for `client`, whatever the client wrote. */
const overwritten = (client: string) => ({ 'X-Forwarded-For': client });

const LOGIN_LIMIT = 4;
const VERIFY_LIMIT = 5;
const limits = {
  LOGIN_MAX_FAILURES_PER_IP: String(LOGIN_LIMIT),
  // High, so only the per-client count can refuse: every attempt below names another account.
  LOGIN_MAX_FAILURES_PER_ACCOUNT: '100',
  VERIFY_RATE_LIMIT_PER_MINUTE: String(VERIFY_LIMIT),
};

let sprayed = 0;
/** A failed sign-in for an account that does not exist, a new one each time (password spraying). */
const failSignIn = (t: TestApp, headers: Record<string, string>) =>
  t.http
    .post(api('/auth/login'))
    .set(headers)
    .send({ email: `spray-${++sprayed}@client-ip.e2e.test`, password: 'spring-2024-pass' });

/** The client IP the audit trail recorded for a response's request. */
async function auditedIp(t: TestApp, res: Response): Promise<string[]> {
  const rows: { ip: string | null }[] = await t.dataSource.query(
    'SELECT host(ip) AS ip FROM audit_events WHERE request_id = $1',
    [res.headers['x-request-id']],
  );
  expect(rows.length).toBeGreaterThan(0);
  return [...new Set(rows.map((row) => row.ip ?? 'none'))];
}

/** Creates an institution as `admin`: an audited write. */
const createInstitution = (t: TestApp, admin: SignedIn, headers: Record<string, string>, code: string) =>
  t.http
    .post(api('/institutions'))
    .set(admin.auth)
    .set(headers)
    .send({ code, name: { en: 'Rajamangala University of Technology Thanyaburi' }, kind: 'partner', country: 'TH' })
    .expect(201);

/** The verification windows are fixed minutes: start in a fresh one when too little of this one is left. */
async function freshWindow(needSeconds: number) {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needSeconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe('client IPs behind one proxy (TRUST_PROXY=1)', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '1', ...limits });
    admin = await createSignedIn(t, { role: Role.Admin });
  });
  afterAll(() => t.close());

  it('throttles sign-ins by the address the proxy saw, whatever X-Forwarded-For the client sends', async () => {
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      // Each attempt claims to come from somewhere else; the proxy still appends the client's address.
      await failSignIn(t, appended(`1.2.3.${i}`, CLIENT)).expect(401);
    }
    const user = await createAccount(t, { role: Role.Trainee });
    // Even the right password, even with yet another spoofed address — and as nginx would send it.
    for (const headers of [
      appended('1.2.3.200', CLIENT),
      appended('10.0.0.1, 1.2.3.201', CLIENT),
      overwritten(CLIENT),
    ]) {
      const res = await t.http.post(api('/auth/login')).set(headers).send({ email: user.email, password: PASSWORD });
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('TOO_MANY_REQUESTS');
    }
    // Another client behind the same proxy is not held back by that one.
    await t.http
      .post(api('/auth/login'))
      .set(appended(CLIENT, NEIGHBOUR))
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
  });

  it('limits certificate verifications by the address the proxy saw, whatever X-Forwarded-For the client sends', async () => {
    await freshWindow(15);
    for (let i = 0; i < VERIFY_LIMIT; i++) {
      await t.http
        .get(api(`/verify/guess${i}AAAAAAAAAAAAAAAAA`))
        .set(appended(`1.2.3.${i}`, CLIENT))
        .expect(404);
    }
    for (const headers of [appended('1.2.3.200', CLIENT), overwritten(CLIENT)]) {
      const res = await t.http.get(api('/verify/guessXAAAAAAAAAAAAAAAAA')).set(headers);
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    await t.http.get(api('/verify/guessYAAAAAAAAAAAAAAAAA')).set(overwritten(NEIGHBOUR)).expect(404);
  });

  it('records the address the proxy saw in the audit trail, not the one the client wrote', async () => {
    const failed = await failSignIn(t, appended('6.6.6.6', '203.0.113.10')).expect(401);
    expect(await auditedIp(t, failed)).toEqual(['203.0.113.10']);

    const created = await createInstitution(t, admin, appended('6.6.6.6', '203.0.113.11'), 'CLIENTIP1');
    expect(await auditedIp(t, created)).toEqual(['203.0.113.11']);
    // …and the audit log shows it so.
    const log = await t.http
      .get(api(`/audit-events?entityType=institution&entityId=${created.body.id}`))
      .set(admin.auth)
      .expect(200);
    expect(log.body.items).toEqual([expect.objectContaining({ action: 'institution.create', ip: '203.0.113.11' })]);
  });

  it('takes a request without X-Forwarded-For to come from the proxy itself', async () => {
    const res = await failSignIn(t, {}).expect(401);
    expect(await auditedIp(t, res)).toEqual(['127.0.0.1']);
  });

  it('answers as usual when the proxy wrote something that is no address, and counts it on the proxy', async () => {
    // Squid, for one, writes `unknown` when it hides the client.
    const res = await failSignIn(t, { 'X-Forwarded-For': '1.2.3.4, unknown' });
    expect(res.status).toBe(401);
    expect(await auditedIp(t, res)).toEqual(['127.0.0.1']);
  });
});

describe('client IPs with TRUST_PROXY unset', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(limits);
    admin = await createSignedIn(t, { role: Role.Admin });
  });
  afterAll(() => t.close());

  it('ignores X-Forwarded-For for sign-in throttling: the TCP peer is the client', async () => {
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      // Rotating even the last entry, which a trusted proxy would have written.
      await failSignIn(t, appended('1.2.3.4', `198.51.100.${10 + i}`)).expect(401);
    }
    const user = await createAccount(t, { role: Role.Trainee });
    await t.http
      .post(api('/auth/login'))
      .set(overwritten('198.51.100.99'))
      .send({ email: user.email, password: PASSWORD })
      .expect(429);
  });

  it('ignores X-Forwarded-For for the verification limit', async () => {
    await freshWindow(15);
    for (let i = 0; i < VERIFY_LIMIT; i++) {
      await t.http
        .get(api(`/verify/guess${i}AAAAAAAAAAAAAAAAA`))
        .set(overwritten(`198.51.100.${10 + i}`))
        .expect(404);
    }
    await t.http.get(api('/verify/guessXAAAAAAAAAAAAAAAAA')).set(overwritten('198.51.100.99')).expect(429);
  });

  it('records the TCP peer in the audit trail', async () => {
    const created = await createInstitution(t, admin, appended('6.6.6.6', '203.0.113.11'), 'CLIENTIP2');
    expect(await auditedIp(t, created)).toEqual(['127.0.0.1']);
  });
});

describe("client IPs with TRUST_PROXY naming the proxies' addresses", () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    // This proxy (loopback) and, in front of it, a load balancer of 203.0.113.0/24.
    t = await startTestApp({ TRUST_PROXY: '127.0.0.1,203.0.113.0/24', ...limits });
    admin = await createSignedIn(t, { role: Role.Admin });
  });
  afterAll(() => t.close());

  it('takes the client to be the nearest address it does not trust, reading from the right', async () => {
    // Through the load balancer: the client is the address the load balancer saw.
    const viaBalancer = await createInstitution(
      t,
      admin,
      appended('6.6.6.6, 198.51.100.20', '203.0.113.5'),
      'CLIENTIP3',
    );
    expect(await auditedIp(t, viaBalancer)).toEqual(['198.51.100.20']);
    // Straight to the proxy: what the client wrote before its own address counts for nothing.
    const direct = await createInstitution(t, admin, appended('203.0.113.9', '198.51.100.21'), 'CLIENTIP4');
    expect(await auditedIp(t, direct)).toEqual(['198.51.100.21']);
  });
});
