import { credentialUrl, linkedInAddToProfileUrl } from './credential-links';

const CERTIFICATION = {
  name: 'การค้าออนไลน์ข้ามพรมแดน',
  organizationName: 'Tongren Polytechnic College',
  // 31 March in UTC, already 1 April in Shanghai, the program's zone.
  issuedAt: '2026-03-31T18:00:00Z',
  timeZone: 'Asia/Shanghai',
  validUntil: '2028-03-31',
  verifyUrl: 'https://skillbridge.example/verify/7KQ4M9TX2WHPCV3RBN8DGZ6E',
  serial: 'SB-2026-000170',
};

describe('linkedInAddToProfileUrl', () => {
  it('fills in LinkedIn’s certification form with the parameters it documents', () => {
    const url = new URL(linkedInAddToProfileUrl(CERTIFICATION));
    expect(`${url.origin}${url.pathname}`).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'การค้าออนไลน์ข้ามพรมแดน',
      organizationName: 'Tongren Polytechnic College',
      issueYear: '2026',
      issueMonth: '4',
      expirationYear: '2028',
      expirationMonth: '3',
      certUrl: 'https://skillbridge.example/verify/7KQ4M9TX2WHPCV3RBN8DGZ6E',
      certId: 'SB-2026-000170',
    });
  });

  it('reads the issue month in the program’s zone, and leaves out the expiry of a certificate that does not expire', () => {
    const url = new URL(
      linkedInAddToProfileUrl({
        ...CERTIFICATION,
        timeZone: 'Asia/Bangkok',
        issuedAt: '2026-12-31T16:30:00Z',
        validUntil: null,
      }),
    );
    expect(url.searchParams.get('issueYear')).toBe('2026');
    expect(url.searchParams.get('issueMonth')).toBe('12');
    expect(url.searchParams.has('expirationYear')).toBe(false);
    expect(url.searchParams.has('expirationMonth')).toBe(false);
  });

  it('escapes what it carries, so a name with & or # stays one parameter', () => {
    const url = new URL(
      linkedInAddToProfileUrl({ ...CERTIFICATION, name: 'Food & beverage #1', organizationName: 'A=B' }),
    );
    expect(url.searchParams.get('name')).toBe('Food & beverage #1');
    expect(url.searchParams.get('organizationName')).toBe('A=B');
    expect(url.hash).toBe('');
  });
});

describe('credentialUrl', () => {
  it('is the credential’s address under the site, as its id names it', () => {
    expect(credentialUrl('4f1c9a2e-0000-4000-8000-000000000001', 'https://skillbridge.example/')).toBe(
      'https://skillbridge.example/api/v1/certificates/4f1c9a2e-0000-4000-8000-000000000001/credential',
    );
  });
});
