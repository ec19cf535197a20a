import { passwordRuleBroken } from './password-policy';

describe('password policy', () => {
  it('accepts a long, personal password', () => {
    expect(passwordRuleBroken('teh-ร้อน-Guizhou-2024', 'somchai@rmutt.ac.th')).toBeNull();
    expect(passwordRuleBroken('skillbridge-demo', 'admin@skillbridge.test')).toBeNull();
  });

  it('refuses short and overlong passwords', () => {
    expect(passwordRuleBroken('short-9ch')).toBe('passwordLength');
    expect(passwordRuleBroken('x'.repeat(257))).toBe('passwordLength');
  });

  it('refuses the e-mail address or its name part inside the password', () => {
    expect(passwordRuleBroken('somchai@rmutt.ac.th', 'somchai@rmutt.ac.th')).toBe('passwordNotEmail');
    expect(passwordRuleBroken('Somchai-2024-xyz', 'somchai@rmutt.ac.th')).toBe('passwordNotEmail');
  });

  it('refuses common passwords, repeated characters and plain runs, whatever the case', () => {
    expect(passwordRuleBroken('Password123')).toBe('passwordNotCommon');
    expect(passwordRuleBroken('QWERTYUIOP')).toBe('passwordNotCommon');
    expect(passwordRuleBroken('zzzzzzzzzzzz')).toBe('passwordNotCommon');
    expect(passwordRuleBroken('abababababab')).toBe('passwordNotCommon');
    expect(passwordRuleBroken('1357924680-mekong')).toBeNull();
    expect(passwordRuleBroken('0123456789')).toBe('passwordNotCommon');
    expect(passwordRuleBroken('9876543210')).toBe('passwordNotCommon');
  });
});
