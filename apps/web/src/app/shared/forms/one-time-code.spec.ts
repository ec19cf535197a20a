import { FormControl } from '@angular/forms';
import { compactCode, reauthCode, requireCodeWhen, totpCodeValidator } from './one-time-code';

describe('one-time codes', () => {
  it('takes six digits, with or without the spaces apps show', () => {
    expect(compactCode(' 123 456 ')).toBe('123456');
    expect(totpCodeValidator(new FormControl('123 456'))).toBeNull();
    expect(totpCodeValidator(new FormControl(''))).toBeNull();
    expect(totpCodeValidator(new FormControl('12345'))).toEqual({ totpCode: true });
    expect(totpCodeValidator(new FormControl('1234567'))).toEqual({ totpCode: true });
    expect(totpCodeValidator(new FormControl('12a456'))).toEqual({ totpCode: true });
  });

  it('reads one field as the app’s code when it is six digits, else as a recovery code', () => {
    expect(reauthCode('123 456')).toEqual({ code: '123456' });
    expect(reauthCode(' k7pq-2mzx ')).toEqual({ recoveryCode: 'k7pq-2mzx' });
    expect(reauthCode('1234-5678')).toEqual({ recoveryCode: '1234-5678' });
  });

  it('asks for the app’s code only when two-factor sign-in is on', () => {
    const code = new FormControl('', { nonNullable: true });
    requireCodeWhen(code, true);
    expect(code.errors).toEqual({ required: true });
    code.setValue('12');
    expect(code.errors).toEqual({ totpCode: true });
    requireCodeWhen(code, false);
    expect(code.valid).toBe(true);
  });
});
