import { ValidationError } from 'class-validator';

export const STORABLE_TEXT = 'isStorableText';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text PostgreSQL can keep: no NUL (U+0000, which `text` and `jsonb` refuse)
 * and no lone UTF-16 surrogate (which `jsonb` refuses, and `text` would turn
 * into U+FFFD). Either reaching the database used to be a 500.
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

function error(property: string, value: unknown, target: object | undefined, children: ValidationError[] = []) {
  return Object.assign(new ValidationError(), {
    property,
    value,
    target,
    children,
    ...(children.length ? {} : { constraints: { [STORABLE_TEXT]: 'contains characters that cannot be stored' } }),
  });
}

/** Validation errors for every string, at any depth of a validated value, that is not storable text. */
export function textErrors(value: unknown): ValidationError[] {
  if (!value || typeof value !== 'object') return [];
  const errors: ValidationError[] = [];
  for (const [property, child] of Object.entries(value)) {
    if (typeof child === 'string') {
      if (!isStorableText(child)) errors.push(error(property, child, value));
    } else if (child && typeof child === 'object') {
      const children = textErrors(child);
      if (children.length) errors.push(error(property, child, value, children));
    }
  }
  return errors;
}
