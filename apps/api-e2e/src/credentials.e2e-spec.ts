import { AppConfig } from '@skillbridge/api/config';
import { AddCredentials1796580688745 } from '@skillbridge/api/database/migrations/1796580688745-add-credentials';
import { ob3CredentialErrors, ob3ProfileErrors } from '@skillbridge/api/modules/credentials/testing/ob3-schema';
import { createDocumentLoader, statusBit, verifyOpenBadgeCredential } from '@skillbridge/credentials';
import jsonld from 'jsonld';
import { createHash } from 'node:crypto';
import { Cast, createCast } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { insertTrainees } from './factories/trainees';
import { api, startTestApp, TestApp } from './support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Open Badges 3.0 credentials', () => {
  let t: TestApp;
  let cast: Cast;
  let publicUrl: string;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    publicUrl = t.app.get(AppConfig).publicUrl;
  });
  afterAll(() => t.close());

  /** What a verifier fetches: the API's public documents, reached at PUBLIC_URL (here, the test app). */
  const fetchJson = async (url: string) => {
    const res = await t.http.get(url.slice(publicUrl.length));
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    return res.body;
  };
  const verify = (credential: unknown, now?: Date) =>
    verifyOpenBadgeCredential(credential, { trustedPrefix: `${publicUrl}/api/v1/credentials/`, fetchJson, now });

  /** A completed course of the cast's host with a pass mark: the cast trainee's certificate, and `others` more. */
  async function certificate(others = 0): Promise<{ id: string; ids: string[]; programId: string }> {
    const program = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { completionRule: { minAttendanceRate: 0.5, passingScore: 60 } },
      { publish: true },
    );
    const session = await createSession(t, cast.admin.auth, program.id, {
      startsAt: '2024-09-03T09:00:00+08:00',
      endsAt: '2024-09-03T12:30:00+08:00',
      instructorIds: [],
    });
    const trainees = [cast.trainee.user.traineeId as string, ...(await insertTrainees(t.dataSource, others))];
    const enrolments: string[] = [];
    for (const traineeId of trainees) {
      const res = await t.http
        .post(api(`/programs/${program.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId });
      expect(res.status).toBe(201);
      enrolments.push(res.body.id);
    }
    await t.http
      .put(api(`/sessions/${session.id}/attendance`))
      .set(cast.admin.auth)
      .send(trainees.map((traineeId) => ({ traineeId, status: 'present' })))
      .expect(200);
    for (const enrolmentId of enrolments) {
      await t.http
        .put(api(`/enrolments/${enrolmentId}/assessment`))
        .set(cast.admin.auth)
        .send({ score: 82 })
        .expect(200);
    }
    await t.http
      .post(api(`/programs/${program.id}/complete`))
      .set(cast.admin.auth)
      .expect(200);
    const rows = (await t.dataSource.query(
      `SELECT c.id FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id WHERE c.program_id = $1
        ORDER BY e.trainee_id = $2 DESC, c.id`,
      [program.id, trainees[0]],
    )) as { id: string }[];
    return { id: rows[0].id, ids: rows.map((r) => r.id), programId: program.id };
  }
  const download = async (certificateId: string, auth = cast.trainee.auth) => {
    const res = await t.http.get(api(`/certificates/${certificateId}/credential`)).set(auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    return res.body as Json;
  };

  it('gives the holder a valid, signed OpenBadgeCredential of their certificate', async () => {
    const { id } = await certificate();
    const credential = await download(id);
    expect(ob3CredentialErrors(credential)).toEqual([]);
    const issuerId = `${publicUrl}/api/v1/credentials/issuers/${cast.host.id}`;
    expect(credential).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: `${publicUrl}/api/v1/certificates/${id}/credential`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: issuerId, type: ['Profile'], name: 'Tongren Polytechnic College' },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' },
    });
    expect(credential.proof.verificationMethod).toMatch(new RegExp(`^${issuerId}#z6Mk`));
    const [row] = await t.dataSource.query(
      `SELECT c.issued_at, t.email, cc.salt FROM certificates c JOIN trainees t ON t.id = c.trainee_id
         JOIN certificate_credentials cc ON cc.certificate_id = c.id WHERE c.id = $1`,
      [id],
    );
    expect(credential.validFrom).toBe(row.issued_at.toISOString());
    const hash = createHash('sha256').update(`${row.email}${row.salt}`).digest('hex');
    expect(credential.credentialSubject.identifier[0]).toEqual({
      type: 'IdentityObject',
      identityHash: `sha256$${hash}`,
      identityType: 'emailAddress',
      hashed: true,
      salt: row.salt,
    });
    expect(credential.credentialSubject.result.map((r: Json) => r.value)).toEqual(['100', '82', '3.5']);

    // A verifier with only the issuer's URLs and the bundled contexts, in safe mode, accepts it.
    expect(await verify(credential)).toMatchObject({
      verified: true,
      signature: { ok: true },
      status: { ok: true, revoked: false },
      validity: { ok: true },
    });
    await expect(
      jsonld.expand(credential, { documentLoader: createDocumentLoader(), safe: true }),
    ).resolves.toBeDefined();
  });

  it('fails verification when one byte changes', async () => {
    const credential = await download((await certificate()).id);
    const forged = structuredClone(credential);
    forged.credentialSubject.identifier[1].identityHash = 'Dr. Forged Person';
    const result = await verify(forged);
    expect(result.verified).toBe(false);
    expect(result.signature.ok).toBe(false);
    expect((await verify(credential)).verified).toBe(true);
  });

  it('publishes the issuer: an OB Profile and the controller document of its keys, complete in JSON-LD safe mode', async () => {
    await certificate();
    const res = await t.http.get(api(`/credentials/issuers/${cast.host.id}`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const issuer = res.body as Json;
    expect(ob3ProfileErrors(issuer)).toEqual([]);
    expect(issuer.type).toEqual(['Profile']);
    expect(issuer.verificationMethod[0]).toMatchObject({ type: 'Multikey', controller: issuer.id });
    expect(issuer.assertionMethod).toEqual(issuer.verificationMethod.map((m: Json) => m.id));
    const expanded = JSON.stringify(
      await jsonld.expand(issuer, { documentLoader: createDocumentLoader(), safe: true }),
    );
    expect(expanded).toContain('https://w3id.org/security#assertionMethod');
    expect(expanded).toContain('https://w3id.org/security#publicKeyMultibase');
    // An institution that never signed anything has no issuer document.
    expect((await t.http.get(api(`/credentials/issuers/${cast.partnerB.id}`))).status).toBe(404);
    expect((await t.http.get(api('/credentials/issuers/not-a-uuid'))).status).toBe(400);
  });

  it('is for the holder, their partner and admins: another institution’s partner and trainees get 404', async () => {
    const { id } = await certificate();
    await download(id, cast.partner.auth);
    await download(id, cast.admin.auth);
    for (const auth of [cast.otherPartner.auth, cast.otherTrainee.auth]) {
      const res = await t.http.get(api(`/certificates/${id}/credential`)).set(auth);
      expect(res.status).toBe(404);
    }
    expect((await t.http.get(api(`/certificates/${id}/credential`))).status).toBe(401);
  });

  it('gives each certificate a random index of its host’s list', async () => {
    const { ids } = await certificate(19);
    const rows = (await t.dataSource.query(
      `SELECT status_list_id, status_list_index FROM certificate_credentials WHERE certificate_id = ANY($1::uuid[])`,
      [ids],
    )) as { status_list_id: string; status_list_index: number }[];
    expect(rows).toHaveLength(20);
    const indices = rows.map((r) => r.status_list_index);
    expect(new Set(indices).size).toBe(20);
    expect(indices.every((i) => i >= 0 && i < 131_072)).toBe(true);
    // Not handed out in order: twenty in a row would give away how many came before.
    expect(Math.max(...indices) - Math.min(...indices)).toBeGreaterThan(1000);
  });

  it('revocation sets the bit in the revocation’s transaction; the signed list says so at once', async () => {
    const { id } = await certificate();
    const credential = await download(id);
    const listUrl: string = credential.credentialStatus.statusListCredential;
    const index = Number(credential.credentialStatus.statusListIndex);
    const before = (await t.http.get(listUrl.slice(publicUrl.length)).expect(200)).body as Json;
    expect(await statusBit(before.credentialSubject.encodedList, index)).toBe(false);

    await t.http
      .post(api(`/certificates/${id}/revoke`))
      .set(cast.admin.auth)
      .send({ reason: 'Issued in error' })
      .expect(200);

    const after = (await t.http.get(listUrl.slice(publicUrl.length)).expect(200)).body as Json;
    expect(after.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(after.credentialSubject.encodedList).toMatch(/^u/);
    expect(await statusBit(after.credentialSubject.encodedList, index)).toBe(true);
    const result = await verify(credential);
    expect(result).toMatchObject({ verified: false, signature: { ok: true }, status: { ok: false, revoked: true } });
    // Still downloadable: its status list tells the truth.
    expect((await verify(await download(id))).status.revoked).toBe(true);
  });

  it('a rotated key keeps old credentials valid; new ones are signed with the new key', async () => {
    const { id } = await certificate();
    const old = await download(id);
    const rotated = await t.http.post(api(`/credentials/issuers/${cast.host.id}/keys/rotate`)).set(cast.admin.auth);
    expect(rotated.status).toBe(200);
    const keys: string[] = rotated.body.assertionMethod;
    expect(keys).toContain(old.proof.verificationMethod);
    const fresh = await download(id);
    expect(fresh.proof.verificationMethod).toBe(keys[keys.length - 1]);
    expect(fresh.proof.verificationMethod).not.toBe(old.proof.verificationMethod);
    expect((await verify(old)).verified).toBe(true);
    expect((await verify(fresh)).verified).toBe(true);
    expect(
      (await t.http.post(api(`/credentials/issuers/${cast.host.id}/keys/rotate`)).set(cast.partner.auth)).status,
    ).toBe(403);
    const [audit] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'credential-key.rotate' AND entity_id = $1`,
      [cast.host.id],
    );
    expect(audit.n).toBeGreaterThanOrEqual(1);
  });

  it('the migration places certificates issued before it and sets the revoked ones’ bits', async () => {
    const { ids } = await certificate(2);
    await t.http
      .post(api(`/certificates/${ids[1]}/revoke`))
      .set(cast.admin.auth)
      .send({ reason: 'Duplicate' })
      .expect(200);
    const migration = new AddCredentials1796580688745();
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const rows = (await t.dataSource.query(
      `SELECT cc.certificate_id, cc.status_list_index, s.bitstring FROM certificate_credentials cc
         JOIN status_lists s ON s.id = cc.status_list_id WHERE cc.certificate_id = ANY($1::uuid[])`,
      [ids],
    )) as { certificate_id: string; status_list_index: number; bitstring: Buffer }[];
    expect(rows).toHaveLength(3);
    const bit = (row: (typeof rows)[number]) =>
      (row.bitstring[row.status_list_index >> 3] >> (7 - (row.status_list_index & 7))) & 1;
    expect(Object.fromEntries(rows.map((r) => [r.certificate_id, bit(r)]))).toEqual({
      [ids[0]]: 0,
      [ids[1]]: 1,
      [ids[2]]: 0,
    });
    // The keys went with the tables: a new one is made on first use, and the credentials verify.
    const revoked = await verify(await download(ids[1], cast.admin.auth));
    expect(revoked).toMatchObject({ signature: { ok: true }, status: { revoked: true } });
    expect((await verify(await download(ids[0]))).verified).toBe(true);
  });

  it('a status list of an unknown id is 404', async () => {
    expect((await t.http.get(api('/credentials/status/00000000-0000-4000-8000-000000000000'))).status).toBe(404);
  });
});
