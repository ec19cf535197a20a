import { HttpErrorResponse } from '@angular/common/http';
import type { FieldError, ProblemDocument } from '@skillbridge/contracts';

/** The API's problem document inside an HTTP error, or a stand-in for network failures. */
export function problemOf(error: unknown): ProblemDocument {
  if (error instanceof HttpErrorResponse && error.error && typeof error.error === 'object' && 'code' in error.error) {
    return error.error as ProblemDocument;
  }
  const status = error instanceof HttpErrorResponse ? error.status : 0;
  return {
    type: 'about:blank',
    title: '',
    detail: '',
    status,
    code: status === 0 ? 'NETWORK' : status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST',
  };
}

/** Field errors by field name (the first message per field), for showing next to inputs. */
export function fieldErrors(problem: ProblemDocument): Record<string, FieldError> {
  const byField: Record<string, FieldError> = {};
  for (const error of problem.errors ?? []) byField[error.field] ??= error;
  return byField;
}

/**
 * The problem document of a failed file download: with `responseType: 'blob'`
 * the API's JSON arrives as a Blob, so it is read before its code can be seen.
 */
export async function problemOfDownload(error: unknown): Promise<ProblemDocument> {
  if (error instanceof HttpErrorResponse && error.error instanceof Blob) {
    try {
      const body: unknown = JSON.parse(await textOf(error.error));
      if (body && typeof body === 'object' && 'code' in body) return body as ProblemDocument;
    } catch {
      // not JSON: fall back to the status
    }
  }
  return problemOf(error);
}

/** A blob's text (FileReader: older engines lack Blob.text()). */
function textOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}
