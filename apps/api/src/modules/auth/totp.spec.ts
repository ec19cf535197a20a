import { TOTP } from 'otpauth';
import { newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpStep, totpUri } from './totp';

const codeAt = (secret: string, timestamp: number) =>
  new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp });

describe('TOTP', () => {
  const now = Date.UTC(2026, 11, 6, 9, 0, 10);
  const step = Math.floor(now / 30_000);

  it('makes a 160-bit base32 secret and an otpauth URI with issuer and account', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri(secret, 'somchai@example.ac.th'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Skillbridge:somchai@example.ac.th');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Skillbridge');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });

  it('accepts the current code and one step either side, and names the step', () => {
    const secret = newTotpSecret();
    expect(totpStep(secret, codeAt(secret, now), now)).toBe(step);
    expect(totpStep(secret, codeAt(secret, now - 30_000), now)).toBe(step - 1);
    expect(totpStep(secret, codeAt(secret, now + 30_000), now)).toBe(step + 1);
    expect(totpStep(secret, codeAt(secret, now - 90_000), now)).toBeNull();
  });

  it('refuses codes of another secret and malformed codes', () => {
    const secret = newTotpSecret();
    expect(totpStep(newTotpSecret(), codeAt(secret, now), now)).toBeNull();
    for (const bad of ['', '12345', '1234567', 'abcdef', '12 34 5x']) expect(totpStep(secret, bad, now)).toBeNull();
    const spaced = codeAt(secret, now).replace(/^(\d{3})/, '$1 ');
    expect(totpStep(secret, spaced, now)).toBe(step);
  });

  it('makes ten distinct recovery codes whose hash ignores dashes and case', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect(recoveryCodeHash(codes[0].toUpperCase().replace(/-/g, ' '))).toEqual(recoveryCodeHash(codes[0]));
    expect(recoveryCodeHash(codes[0])).not.toEqual(recoveryCodeHash(codes[1]));
  });
});
