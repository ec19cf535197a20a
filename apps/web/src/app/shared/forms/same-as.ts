import type { AbstractControl, ValidatorFn } from '@angular/forms';

/**
 * "Type it again": the control must equal `original`. It is checked again
 * whenever the original changes, so fixing either field clears the error.
 */
export function sameAs(original: AbstractControl<string>): ValidatorFn {
  let watched: AbstractControl | null = null;
  return (control) => {
    if (watched !== control) {
      watched = control;
      original.valueChanges.subscribe(() => control.updateValueAndValidity());
    }
    return !control.value || control.value === original.value ? null : { mismatch: true };
  };
}
