import type { CredentialVerification } from '@skillbridge/credentials';
import {
  achievementNameIn,
  issuerIdOf,
  keyOf,
  MAX_CREDENTIAL_BYTES,
  parseCredential,
  statementsOf,
  verdictOf,
} from './credential-file';
import { CREDENTIAL, ISSUER } from '../../../testing/open-badge-credential';

const passed: CredentialVerification = {
  verified: true,
  signature: { ok: true, verificationMethod: CREDENTIAL.proof.verificationMethod },
  status: { ok: true, revoked: false },
  validity: { ok: true, validFrom: CREDENTIAL.validFrom, validUntil: CREDENTIAL.validUntil },
};

describe('parseCredential', () => {
  it('takes a credential’s JSON', () => {
    expect(parseCredential(JSON.stringify(CREDENTIAL, null, 2))).toEqual({ ok: true, credential: CREDENTIAL });
  });

  it('says why anything else is not one, without throwing', () => {
    expect(parseCredential('  \n')).toEqual({ ok: false, reason: 'empty' });
    expect(parseCredential('{"type": ["VerifiableCredential"],')).toEqual({ ok: false, reason: 'not-json' });
    expect(parseCredential('%PDF-1.7')).toEqual({ ok: false, reason: 'not-json' });
    expect(parseCredential('null')).toEqual({ ok: false, reason: 'not-credential' });
    expect(parseCredential('[1, 2]')).toEqual({ ok: false, reason: 'not-credential' });
    expect(parseCredential('{"hello": "world"}')).toEqual({ ok: false, reason: 'not-credential' });
    const { proof: _proof, ...unsigned } = CREDENTIAL;
    expect(parseCredential(JSON.stringify(unsigned))).toEqual({ ok: false, reason: 'not-credential' });
    expect(parseCredential(JSON.stringify({ ...CREDENTIAL, type: 'OpenBadgeCredential' }))).toEqual({
      ok: false,
      reason: 'not-credential',
    });
    expect(parseCredential(`"${'x'.repeat(MAX_CREDENTIAL_BYTES)}"`)).toEqual({ ok: false, reason: 'too-large' });
  });
});

describe('statementsOf', () => {
  it('reads the holder’s names, the achievement in each language, the issuer, the dates and the hours', () => {
    const statements = statementsOf(CREDENTIAL);
    expect(statements).toEqual({
      holderNames: ['สมศรี มีสุข', 'Somsri Meesuk'],
      achievementNames: [
        { inLanguage: 'en', name: 'Smart agriculture camp' },
        { inLanguage: 'zh', name: '智慧农业训练营' },
      ],
      achievementCode: 'TRPC-TH-2026-03',
      issuerName: 'Tongren Polytechnic College',
      validFrom: '2026-03-06T06:00:00.000Z',
      validUntil: '2099-03-07T15:59:00.000Z',
      hours: 31.5,
    });
    expect(achievementNameIn(statements, 'zh')).toBe('智慧农业训练营');
    expect(achievementNameIn(statements, 'th')).toBe('Smart agriculture camp');
  });

  it('leaves out what is missing or of the wrong shape', () => {
    expect(statementsOf({ credentialSubject: { identifier: 'x', result: [{ value: '3' }] }, issuer: 'urn:x' })).toEqual(
      {
        holderNames: [],
        achievementNames: [],
        achievementCode: undefined,
        issuerName: undefined,
        validFrom: undefined,
        validUntil: undefined,
      },
    );
  });
});

describe('issuerIdOf and keyOf', () => {
  it('find the issuer as a URL or a Profile, and the key a proof names', () => {
    expect(issuerIdOf(CREDENTIAL)).toBe(ISSUER);
    expect(issuerIdOf({ issuer: 'https://elsewhere.example/issuer' })).toBe('https://elsewhere.example/issuer');
    expect(issuerIdOf({})).toBeUndefined();
    expect(keyOf(CREDENTIAL.proof.verificationMethod)).toBe('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
    expect(keyOf(undefined)).toBeUndefined();
  });
});

describe('verdictOf', () => {
  it('puts a broken signature first, then revocation, an unreadable status list, then the dates', () => {
    expect(verdictOf(passed)).toBe('valid');
    expect(
      verdictOf({
        ...passed,
        signature: { ok: false },
        status: { ok: false, revoked: true },
        validity: { ok: false, error: 'expired' },
      }),
    ).toBe('invalid');
    expect(
      verdictOf({ ...passed, status: { ok: false, revoked: true }, validity: { ok: false, error: 'expired' } }),
    ).toBe('revoked');
    expect(
      verdictOf({ ...passed, status: { ok: false, error: 'offline' }, validity: { ok: false, error: 'expired' } }),
    ).toBe('status-unknown');
    expect(verdictOf({ ...passed, validity: { ok: false, error: 'expired' } })).toBe('expired');
    expect(verdictOf({ ...passed, validity: { ok: false, error: 'not-yet-valid' } })).toBe('not-yet-valid');
    expect(verdictOf({ ...passed, validity: { ok: false, error: 'no-valid-from' } })).toBe('undated');
  });
});
