import { FormGroup } from '@angular/forms';
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
