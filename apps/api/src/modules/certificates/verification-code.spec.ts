import { formatVerificationCode, normalizeVerificationCode, VERIFICATION_CODE_ALPHABET } from '@skillbridge/contracts';
import { newVerificationCode } from './verification-code';

describe('verification codes', () => {
  it('are 24 characters of an alphabet without look-alikes, all different', () => {
    const codes = Array.from({ length: 2000 }, newVerificationCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toHaveLength(24);
      expect([...code].every((c) => VERIFICATION_CODE_ALPHABET.includes(c))).toBe(true);
      expect(code).not.toMatch(/[ILOU]/);
    }
  });

  it('use every symbol about evenly (120 random bits, not a biased mapping)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i += 1) for (const c of newVerificationCode()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const expected = (4000 * 24) / 32;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.15);
  });

  it('print in groups of four and read back however they are typed', () => {
    const code = newVerificationCode();
    const printed = formatVerificationCode(code);
    expect(printed).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    expect(normalizeVerificationCode(printed)).toBe(code);
    expect(normalizeVerificationCode(` ${printed.toLowerCase()} `)).toBe(code);
    expect(normalizeVerificationCode(printed.replace(/-/g, ' '))).toBe(code);
    expect(normalizeVerificationCode('0000-1111-2222-3333-4444-5555')).toBe('000011112222333344445555');
    expect(normalizeVerificationCode('OOOO-IIII-LLLL-3333-4444-5555')).toBe('000011111111333344445555');
    expect(normalizeVerificationCode('UUUU-1111-2222-3333-4444-5555')).toBeNull();
    expect(normalizeVerificationCode('1111-2222')).toBeNull();
  });
});
