import { ValidateBy, ValidationOptions } from 'class-validator';

/** Letters of the Latin script (with diacritics), spaces and the punctuation of names. */
const LATIN_NAME = /^[\p{Script=Latin}\p{M}\s.'’\-,()]+$/u;

export function isLatinName(value: unknown): boolean {
  return typeof value === 'string' && (value === '' || LATIN_NAME.test(value));
}

/** A name spelled in Latin letters, as in a passport (`Nguyễn Văn An`, `Somchai Jaidee`). */
export function IsLatinName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isLatinName', validator: { validate: isLatinName } }, options);
}
