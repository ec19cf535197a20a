import type { FormGroup } from '@angular/forms';
import type { ProblemDocument } from '@skillbridge/contracts';
import { applyServerErrors, serverFieldError } from '../../shared/forms/server-errors';

/**
 * Field errors of a request that carried "a code or a recovery code" from a
 * single `code` input: an error about `recoveryCode` belongs on that input.
 * Returns whether any error found no field.
 */
export function applyReauthErrors(form: FormGroup, problem: ProblemDocument): boolean {
  const unmatched = applyServerErrors(form, problem);
  const code = form.get('code');
  const rest = unmatched.filter((error) => {
    if (error.field !== 'recoveryCode' || !code) return true;
    code.setErrors({ ...code.errors, server: serverFieldError(error) });
    code.markAsTouched();
    return false;
  });
  return rest.length > 0;
}
