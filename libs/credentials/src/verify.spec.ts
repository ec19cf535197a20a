import { createList } from '@digitalbazaar/vc-bitstring-status-list';
import {
  CREDENTIAL_CONTEXT,
  ISSUER_CONTEXT,
  MULTIKEY_CONTEXT,
  VC_V2_CONTEXT,
  generateEd25519Key,
  signCredential,
  verifyOpenBadgeCredential,
  type Ed25519KeyMaterial,
} from './index';

const BASE = 'https://skillbridge.test/api/v1/credentials/';
const ISSUER = `${BASE}issuers/11111111-1111-4111-8111-111111111111`;
const LIST = `${BASE}status/22222222-2222-4222-8222-222222222222`;

describe('verifyOpenBadgeCredential', () => {
  let key: Ed25519KeyMaterial;
  let documents: Map<string, unknown>;
  const fetchJson = async (url: string) => {
    if (!documents.has(url)) throw new Error(`404 ${url}`);
    return structuredClone(documents.get(url));
  };
  const signingKey = () => ({ ...key, id: `${ISSUER}#${key.publicKeyMultibase}`, controller: ISSUER });

  const publish = async (revoked: number[] = []) => {
    documents.set(ISSUER, {
      '@context': ISSUER_CONTEXT,
      id: ISSUER,
      type: ['Profile'],
      name: 'Tongren Polytechnic College',
      verificationMethod: [
        {
          id: `${ISSUER}#${key.publicKeyMultibase}`,
          type: 'Multikey',
          controller: ISSUER,
          publicKeyMultibase: key.publicKeyMultibase,
        },
      ],
      assertionMethod: [`${ISSUER}#${key.publicKeyMultibase}`],
    });
    const list = await createList({ length: 131072 });
    for (const index of revoked) list.setStatus(index, true);
    documents.set(
      LIST,
      await signCredential(
        {
          '@context': [VC_V2_CONTEXT],
          id: LIST,
          type: ['VerifiableCredential', 'BitstringStatusListCredential'],
          issuer: ISSUER,
          validFrom: '2024-01-01T00:00:00Z',
          credentialSubject: {
            id: `${LIST}#list`,
            type: 'BitstringStatusList',
            statusPurpose: 'revocation',
            encodedList: await list.encode(),
          },
        },
        signingKey(),
      ),
    );
  };

  const credential = (overrides: Record<string, unknown> = {}) =>
    signCredential(
      {
        '@context': CREDENTIAL_CONTEXT,
        id: 'https://skillbridge.test/api/v1/certificates/1/credential',
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { id: ISSUER, type: ['Profile'], name: 'Tongren Polytechnic College' },
        validFrom: '2024-09-07T10:00:00Z',
        credentialSubject: {
          type: ['AchievementSubject'],
          achievement: {
            id: 'urn:uuid:33333333-3333-4333-8333-333333333333',
            type: ['Achievement'],
            name: 'Cross-border e-commerce camp',
            description: 'A week of training',
            criteria: { narrative: 'Attend 80% of the sessions.' },
          },
        },
        credentialStatus: {
          id: `${LIST}#4242`,
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: '4242',
          statusListCredential: LIST,
        },
        ...overrides,
      },
      signingKey(),
    );

  beforeAll(async () => {
    key = await generateEd25519Key();
  });
  beforeEach(async () => {
    documents = new Map();
    await publish();
  });

  it('accepts a signed, unrevoked credential within its dates', async () => {
    const result = await verifyOpenBadgeCredential(await credential(), { trustedPrefix: BASE, fetchJson });
    expect(result).toEqual({
      verified: true,
      signature: { ok: true, verificationMethod: `${ISSUER}#${key.publicKeyMultibase}` },
      status: { ok: true, revoked: false },
      validity: { ok: true, validFrom: '2024-09-07T10:00:00Z' },
    });
  });

  it('refuses a changed byte', async () => {
    const signed = await credential();
    signed.credentialSubject.achievement.name = 'Cross-border e-commerce camq';
    const result = await verifyOpenBadgeCredential(signed, { trustedPrefix: BASE, fetchJson });
    expect(result.verified).toBe(false);
    expect(result.signature.ok).toBe(false);
  });

  it('says revoked when the bit is set', async () => {
    const signed = await credential();
    await publish([4242]);
    const result = await verifyOpenBadgeCredential(signed, { trustedPrefix: BASE, fetchJson });
    expect(result.signature.ok).toBe(true);
    expect(result.status).toEqual({ ok: false, revoked: true });
  });

  it('refuses a key the issuer does not publish', async () => {
    const signed = await credential();
    key = await generateEd25519Key();
    await publish();
    const result = await verifyOpenBadgeCredential(signed, { trustedPrefix: BASE, fetchJson });
    expect(result.signature.ok).toBe(false);
    expect(result.signature.error).toMatch(/lists no verification method/);
  });

  it('reports dates on their own', async () => {
    const signed = await credential({ validUntil: '2025-01-01T00:00:00Z' });
    const result = await verifyOpenBadgeCredential(signed, {
      trustedPrefix: BASE,
      fetchJson,
      now: new Date('2026-01-01T00:00:00Z'),
    });
    expect(result.signature.ok).toBe(true);
    expect(result.validity).toEqual({
      ok: false,
      validFrom: '2024-09-07T10:00:00Z',
      validUntil: '2025-01-01T00:00:00Z',
      error: 'expired',
    });
    const early = await verifyOpenBadgeCredential(signed, {
      trustedPrefix: BASE,
      fetchJson,
      now: new Date('2024-01-01T00:00:00Z'),
    });
    expect(early.validity.error).toBe('not-yet-valid');
  });

  it('fetches nothing outside the trusted prefix', async () => {
    const fetched: string[] = [];
    const result = await verifyOpenBadgeCredential(await credential(), {
      trustedPrefix: 'https://elsewhere.test/',
      fetchJson: async (url) => (fetched.push(url), fetchJson(url)),
    });
    expect(result.verified).toBe(false);
    expect(fetched).toEqual([]);
  });
});

void MULTIKEY_CONTEXT;
