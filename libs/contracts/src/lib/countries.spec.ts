import { COUNTRY_CODES, isCountryCode } from './countries';

describe('country codes', () => {
  it('holds the ASEAN members and China, and only two-letter upper-case codes', () => {
    for (const code of ['CN', 'TH', 'MY', 'MM', 'LA', 'KH', 'VN', 'BN', 'ID', 'PH', 'SG']) {
      expect(isCountryCode(code)).toBe(true);
    }
    expect(COUNTRY_CODES.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
  });

  it('refuses codes that are not assigned', () => {
    expect(isCountryCode('XK')).toBe(false);
    expect(isCountryCode('th')).toBe(false);
    expect(isCountryCode('UK')).toBe(false);
  });
});
