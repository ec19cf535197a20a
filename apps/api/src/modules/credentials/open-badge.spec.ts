import {
  createDocumentLoader,
  generateEd25519Key,
  signCredential,
  type Ed25519KeyMaterial,
} from '@skillbridge/credentials';
import jsonld from 'jsonld';
import { createHash } from 'node:crypto';
import type { CredentialInput } from './credential-input';
import { buildOpenBadgeCredential, CredentialUrls } from './open-badge';
import { ob3CredentialErrors } from './testing/ob3-schema';

const urls = new CredentialUrls('https://skillbridge.example');
const INSTITUTION = '0b8f4a52-3c1e-4d7a-9f60-2a6f1d3e9c11';
const SALT = '9f86d081884c7d659a2feaa0c55ad015';

const input = (overrides: Partial<CredentialInput> = {}): CredentialInput => ({
  certificateId: '5a1d8c3e-7b2f-4e9a-8c6d-1f0e2d3c4b5a',
  serial: 'SB-2024-000123',
  issuedAt: new Date('2024-09-07T08:30:00.000Z'),
  validUntil: null,
  holderName: 'สมชาย ใจดี',
  holderNameLatin: 'Somchai Jaidee',
  identityHash: `sha256$${createHash('sha256')
    .update('somchai@rmutt.ac.th' + SALT)
    .digest('hex')}`,
  salt: SALT,
  programId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  programCode: 'CBEC-2024',
  programTitle: {
    en: 'Chinese + Cross-border E-commerce Camp',
    zh: '中文+跨境电商青年技能营',
    th: 'ค่ายทักษะภาษาจีนและอีคอมเมิร์ซข้ามพรมแดน',
  },
  startDate: '2024-09-01',
  endDate: '2024-09-07',
  hours: 36,
  issuer: { institutionId: INSTITUTION, name: { en: 'Tongren Polytechnic College', zh: '铜仁职业技术学院' } },
  completion: { minAttendanceRate: 0.8, passingScore: 60, attendanceRate: 0.9, score: 87 },
  status: { listId: 'e2c5a0f4-1b3d-4c6e-8f7a-9b0c1d2e3f40', index: 90210 },
  ...overrides,
});

describe('buildOpenBadgeCredential', () => {
  let key: Ed25519KeyMaterial;
  beforeAll(async () => {
    key = await generateEd25519Key();
  });
  const sign = (credential: Record<string, unknown>) =>
    signCredential(credential, {
      ...key,
      id: urls.key(INSTITUTION, key.publicKeyMultibase),
      controller: urls.issuer(INSTITUTION),
    });

  it('is a valid OpenBadgeCredential by 1EdTech’s JSON Schema, signed or not', async () => {
    const credential = buildOpenBadgeCredential(input(), urls);
    expect(ob3CredentialErrors(credential)).toEqual([]);
    expect(ob3CredentialErrors(await sign(credential))).toEqual([]);
    // The check can fail: a credential without its subject's achievement is refused.
    const broken = { ...credential, credentialSubject: { type: ['AchievementSubject'] } };
    expect(ob3CredentialErrors(broken)).not.toEqual([]);
  });

  it('defines every term it uses, in JSON-LD safe mode with the bundled contexts only', async () => {
    const credential = await sign(buildOpenBadgeCredential(input(), urls));
    const expanded = await jsonld.expand(credential, { documentLoader: createDocumentLoader(), safe: true });
    expect(JSON.stringify(expanded)).toContain('https://purl.imsglobal.org/spec/vc/ob/vocab.html#related');
    // An undefined term is an error in safe mode, so the test above can fail.
    const undefinedTerm = { ...credential, holderNickname: 'Chai' };
    await expect(jsonld.expand(undefinedTerm, { documentLoader: createDocumentLoader(), safe: true })).rejects.toThrow(
      /Safe mode/,
    );
  });

  it('identifies the holder by a salted SHA-256 of the e-mail and by name, never the e-mail itself', () => {
    const credential = buildOpenBadgeCredential(input(), urls);
    const subject = credential.credentialSubject as { identifier: Record<string, unknown>[] };
    const hash = createHash('sha256').update('somchai@rmutt.ac.th9f86d081884c7d659a2feaa0c55ad015').digest('hex');
    expect(subject.identifier).toEqual([
      {
        type: 'IdentityObject',
        identityHash: `sha256$${hash}`,
        identityType: 'emailAddress',
        hashed: true,
        salt: '9f86d081884c7d659a2feaa0c55ad015',
      },
      { type: 'IdentityObject', identityHash: 'สมชาย ใจดี', identityType: 'name', hashed: false },
      { type: 'IdentityObject', identityHash: 'Somchai Jaidee', identityType: 'name', hashed: false },
    ]);
    expect(JSON.stringify(credential)).not.toContain('somchai@');
  });

  it('speaks the program’s languages: English first, the others as related editions, the rule in each', () => {
    const credential = buildOpenBadgeCredential(input(), urls);
    const achievement = (credential.credentialSubject as { achievement: Record<string, unknown> }).achievement;
    expect(achievement).toMatchObject({
      id: 'urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7',
      type: ['Achievement'],
      achievementType: 'CertificateOfCompletion',
      humanCode: 'CBEC-2024',
      name: 'Chinese + Cross-border E-commerce Camp',
      inLanguage: 'en',
      description:
        'Chinese + Cross-border E-commerce Camp, a training programme of Tongren Polytechnic College, held from 2024-09-01 to 2024-09-07: 36 training hours.',
    });
    expect(achievement.related).toEqual([
      expect.objectContaining({ type: ['Related'], inLanguage: 'zh', name: '中文+跨境电商青年技能营' }),
      expect.objectContaining({ type: ['Related'], inLanguage: 'th', name: 'ค่ายทักษะภาษาจีนและอีคอมเมิร์ซข้ามพรมแดน' }),
    ]);
    expect((achievement.related as { description: string }[])[0].description).toContain('共36学时');
    const narrative = (achievement.criteria as { narrative: string }).narrative.split('\n\n');
    expect(narrative).toHaveLength(3);
    expect(narrative[0]).toBe(
      "Attend at least 80% of the programme's sessions (late counts as attended; excused sessions are not counted). Score at least 60 out of 100 in the assessment.",
    );
    expect(narrative[1]).toContain('出勤率不低于80%');
    // Chinese only: Chinese carries the strings.
    const zhOnly = buildOpenBadgeCredential(input({ programTitle: { zh: '中文课程' } }), urls);
    const zhAchievement = (zhOnly.credentialSubject as { achievement: Record<string, unknown> }).achievement;
    expect(zhAchievement).toMatchObject({ name: '中文课程', inLanguage: 'zh' });
    expect(zhAchievement.related).toBeUndefined();
  });

  it('states attendance, the score when there is a pass mark, and the training hours as results', () => {
    const subject = buildOpenBadgeCredential(input(), urls).credentialSubject as {
      achievement: { resultDescription: { id: string; resultType: string; requiredValue?: string }[] };
      result: { resultDescription: string; value: string }[];
    };
    expect(subject.result.map((r) => r.value)).toEqual(['90', '87', '36']);
    expect(subject.achievement.resultDescription.map((d) => [d.resultType, d.requiredValue])).toEqual([
      ['Percent', '80'],
      ['RawScore', '60'],
      ['ext:TrainingHours', undefined],
    ]);
    // Each result points at a result description of the achievement.
    const ids = subject.achievement.resultDescription.map((d) => d.id);
    expect(subject.result.every((r) => ids.includes(r.resultDescription))).toBe(true);
    const noPassMark = buildOpenBadgeCredential(
      input({ completion: { minAttendanceRate: 0.75, passingScore: null, attendanceRate: 1, score: 50 } }),
      urls,
    ).credentialSubject as { result: { value: string }[] };
    expect(noPassMark.result.map((r) => r.value)).toEqual(['100', '36']);
  });

  it('names its issuer, dates and revocation entry under PUBLIC_URL', () => {
    const credential = buildOpenBadgeCredential(input({ validUntil: new Date('2027-09-07T00:00:00Z') }), urls);
    expect(credential).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'https://skillbridge.example/api/v1/certificates/5a1d8c3e-7b2f-4e9a-8c6d-1f0e2d3c4b5a/credential',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: {
        id: `https://skillbridge.example/api/v1/credentials/issuers/${INSTITUTION}`,
        type: ['Profile'],
        name: 'Tongren Polytechnic College',
      },
      validFrom: '2024-09-07T08:30:00.000Z',
      validUntil: '2027-09-07T00:00:00.000Z',
      credentialStatus: {
        id: 'https://skillbridge.example/api/v1/credentials/status/e2c5a0f4-1b3d-4c6e-8f7a-9b0c1d2e3f40#90210',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '90210',
        statusListCredential:
          'https://skillbridge.example/api/v1/credentials/status/e2c5a0f4-1b3d-4c6e-8f7a-9b0c1d2e3f40',
      },
    });
  });
});
