import { Validators, type AbstractControl, type FormControl, type ValidationErrors } from '@angular/forms';
import { TOTP_DIGITS, type MfaReauthRequest } from '@skillbridge/contracts';

const TOTP_CODE = new RegExp(`^\\d{${TOTP_DIGITS}}$`);

/** A code as typed or pasted (`123 456`), without the spaces apps show for reading. */
export function compactCode(value: string): string {
  return value.replace(/\s+/g, '');
}

/** The six digits of an authenticator app; empty is left to `Validators.required`. */
export function totpCodeValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = compactCode(control.value ?? '');
  return !value || TOTP_CODE.test(value) ? null : { totpCode: true };
}

/**
 * One field for "a code from the app, or a recovery code": six digits are the
 * app's code, anything else is taken as a recovery code.
 */
export function reauthCode(value: string): Pick<MfaReauthRequest, 'code' | 'recoveryCode'> {
  const compact = compactCode(value);
  return TOTP_CODE.test(compact) ? { code: compact } : { recoveryCode: value.trim() };
}

/** The app's code is asked only of accounts with two-factor sign-in on. */
export function requireCodeWhen(control: FormControl<string>, required: boolean): void {
  control.setValidators(required ? [Validators.required, totpCodeValidator] : []);
  control.updateValueAndValidity({ emitEvent: false });
}
