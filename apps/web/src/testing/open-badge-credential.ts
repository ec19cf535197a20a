/** What a test needs of a credential file: one as the API writes it. */
export const SITE = 'https://skillbridge.example/api/v1/credentials/';
export const ISSUER = `${SITE}issuers/8b0e4f7a-1111-4222-8333-444455556666`;

/** An Open Badges credential as the API writes it (apps/api …/open-badge.ts), its proof abridged. */
export const CREDENTIAL = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'https://skillbridge.example/api/v1/certificates/c2/credential',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Certificate of completion: Smart agriculture camp',
  issuer: { id: ISSUER, type: ['Profile'], name: 'Tongren Polytechnic College' },
  validFrom: '2026-03-06T06:00:00.000Z',
  validUntil: '2099-03-07T15:59:00.000Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    identifier: [
      { type: 'IdentityObject', identityHash: 'sha256$abc', identityType: 'emailAddress', hashed: true, salt: 's' },
      { type: 'IdentityObject', identityHash: 'สมศรี มีสุข', identityType: 'name', hashed: false },
      { type: 'IdentityObject', identityHash: 'Somsri Meesuk', identityType: 'name', hashed: false },
    ],
    achievement: {
      id: 'urn:uuid:p1',
      type: ['Achievement'],
      achievementType: 'CertificateOfCompletion',
      humanCode: 'TRPC-TH-2026-03',
      name: 'Smart agriculture camp',
      inLanguage: 'en',
      related: [{ id: 'urn:uuid:p1#zh', type: ['Related'], inLanguage: 'zh', name: '智慧农业训练营' }],
      resultDescription: [
        { id: 'urn:uuid:p1#attendance', type: ['ResultDescription'], name: 'Attendance', resultType: 'Percent' },
        {
          id: 'urn:uuid:p1#hours',
          type: ['ResultDescription'],
          name: 'Training hours',
          resultType: 'ext:TrainingHours',
        },
      ],
    },
    result: [
      { type: ['Result'], resultDescription: 'urn:uuid:p1#attendance', value: '100' },
      { type: ['Result'], resultDescription: 'urn:uuid:p1#hours', value: '31.5' },
    ],
  },
  credentialStatus: {
    id: `${SITE}status/l1#42`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '42',
    statusListCredential: `${SITE}status/l1`,
  },
  proof: {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    verificationMethod: `${ISSUER}#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2`,
    proofPurpose: 'assertionMethod',
    proofValue: 'z58DAdFfa9SkqZMVPxAQp',
  },
};
