import { ErrorCode } from '@skillbridge/contracts';
import { TranslationParams } from '../i18n/translator';

/** One invalid field, before its message is put into the caller's language. */
export interface FieldProblem {
  field: string;
  code: string;
  /** Catalog key of the message, e.g. `validation.isEmail`. */
  messageKey: string;
  params?: TranslationParams;
}

export interface ProblemOptions {
  /** Values for the `{{placeholders}}` of the code's title and detail. */
  params?: TranslationParams;
  errors?: FieldProblem[];
  headers?: Record<string, string>;
  /** Extra members for the problem document (e.g. the clashing session). */
  extensions?: Record<string, unknown>;
}

/**
 * A failure the caller should be told about, with a stable code from
 * `@skillbridge/contracts` and words from the API catalogs
 * (`errors.<CODE>.title` and `.detail`). The problem-details filter renders it.
 */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    readonly options: ProblemOptions = {},
  ) {
    super(code);
    this.name = 'ProblemException';
  }

  static validation(errors: FieldProblem[]): ProblemException {
    return new ProblemException(400, ErrorCode.ValidationFailed, { errors, params: { count: errors.length } });
  }

  /** A single invalid field, for checks that only the service can make. */
  static invalidField(field: string, code: string, messageKey: string, params?: TranslationParams): ProblemException {
    return ProblemException.validation([{ field, code, messageKey, params }]);
  }

  static notFound(): ProblemException {
    return new ProblemException(404, ErrorCode.NotFound);
  }

  static conflict(code: string = ErrorCode.Conflict, options: ProblemOptions = {}): ProblemException {
    return new ProblemException(409, code, options);
  }
}
