import { AbstractControl, FormArray, FormGroup } from '@angular/forms';
import type { FieldError, ProblemDocument } from '@skillbridge/contracts';

/**
 * The words of an API field error as a form keeps them: the catalog key and values to say them in whatever
 * language the viewer switches to, and the API's own text for keys the web catalog lacks.
 */
export interface ServerFieldError {
  key?: string;
  params?: Record<string, unknown>;
  text: string;
}

/**
 * The key the web catalog holds for an API message key: its `validation.*` words are the API's own (copied,
 * kept equal by a test); a problem's detail (`errors.X.detail`) is said by the web's words for the code.
 */
function webKey(messageKey: string | undefined): string | undefined {
  if (!messageKey) return undefined;
  if (messageKey.startsWith('validation.')) return messageKey;
  const detail = /^errors\.([A-Z0-9_]+)\.detail$/.exec(messageKey);
  return detail ? `errors.${detail[1]}` : undefined;
}

/** A field error as a control keeps it (`control.setErrors({ server: serverFieldError(error) })`). */
export function serverFieldError(error: FieldError): ServerFieldError {
  const key = webKey(error.messageKey);
  return { text: error.message, ...(key ? { key } : {}), ...(key && error.params ? { params: error.params } : {}) };
}

/**
 * Puts each field error of an API problem on the matching control (`name.en`
 * finds the nested control), so it shows next to the field — in the viewer's
 * language, also after a language switch. Returns the errors no control matched.
 */
export function applyServerErrors(form: FormGroup, problem: ProblemDocument): FieldError[] {
  const unmatched: FieldError[] = [];
  for (const error of problem.errors ?? []) {
    const control = form.get(error.field);
    if (!control) {
      unmatched.push(error);
      continue;
    }
    control.setErrors({ ...control.errors, server: serverFieldError(error) });
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
