import type { TranslationParams } from '../i18n/translator';

/**
 * A file that cannot be read as a table, with the catalog key of what to say
 * about it (the caller puts it into a problem naming `file`). A plain object's
 * worth of data, so it crosses from a worker thread intact.
 */
export class SheetFileError extends Error {
  constructor(
    readonly code: string,
    readonly messageKey: string,
    readonly params?: TranslationParams,
  ) {
    super(code);
    this.name = 'SheetFileError';
  }
}
