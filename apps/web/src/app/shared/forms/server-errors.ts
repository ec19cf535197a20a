import { AbstractControl, FormArray, FormGroup } from '@angular/forms';
import type { FieldError, ProblemDocument } from '@skillbridge/contracts';

/**
 * Puts each field error of an API problem on the matching control (`name.en`
 * finds the nested control), so it shows next to the field in the language
 * the API answered in. Returns the errors no control matched.
 */
export function applyServerErrors(form: FormGroup, problem: ProblemDocument): FieldError[] {
  const unmatched: FieldError[] = [];
  for (const error of problem.errors ?? []) {
    const control = form.get(error.field);
    if (!control) {
      unmatched.push(error);
      continue;
    }
    control.setErrors({ ...control.errors, server: error.message });
    control.markAsTouched();
  }
  return unmatched;
}

/**
 * Takes the API's field errors off every control of the form (a clash named
 * on `instructorIds` says nothing about the slot the session was moved to).
 * Without this a server error stays on a control whose own value did not
 * change, the form stays invalid, and the next submit never reaches the API.
 */
export function clearServerErrors(control: AbstractControl): void {
  if (control instanceof FormGroup || control instanceof FormArray) {
    for (const child of Object.values(control.controls)) clearServerErrors(child);
  }
  if (!control.errors || !('server' in control.errors)) return;
  const { server: _server, ...rest } = control.errors;
  control.setErrors(Object.keys(rest).length ? rest : null);
}
