import { isCountryCode, LOCALIZED_TEXT_MAX_LENGTH, SUPPORTED_LOCALES } from '@skillbridge/contracts';
import { Transform } from 'class-transformer';
import { isEmail, ValidateBy, ValidationOptions } from 'class-validator';
import { isStorableText } from './storable-text';

/** ISO 3166-1 alpha-2, against the real list (`TH`, not `th`, not `UK`). */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isCountryCode', validator: { validate: (value) => isCountryCode(value) } }, options);
}

/**
 * `{ en?, zh?, th?, ms? }`: only those keys, each a string of at most `max`
 * characters, and at least one not blank.
 */
export function IsLocalizedText(max = LOCALIZED_TEXT_MAX_LENGTH, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalizedText',
      constraints: [max],
      validator: {
        validate: (value: unknown) => {
          if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          const known = entries.every(
            ([key, text]) =>
              (SUPPORTED_LOCALES as readonly string[]).includes(key) && typeof text === 'string' && text.length <= max,
          );
          return known && entries.some(([, text]) => typeof text === 'string' && text.trim() !== '');
        },
      },
    },
    options,
  );
}

/**
 * An e-mail address (class-validator's isEmail, under its name and message),
 * refusing first what isEmail itself cannot read: it throws URIError on a
 * lone UTF-16 surrogate, which answered 500 (found by fuzzing, `"\ud800"`).
 */
export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEmail',
      validator: { validate: (value) => typeof value === 'string' && isStorableText(value) && isEmail(value) },
    },
    options,
  );
}

/** Trims a string value; other values pass through for the validators to refuse. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and lower-cases an e-mail address. */
export const NormalizeEmail = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

/** Trims each language of a LocalizedText and drops the blank ones. */
export const NormalizeLocalizedText = () =>
  Transform(({ value }) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .map(([key, text]) => [key, typeof text === 'string' ? text.trim() : text])
        .filter(([, text]) => text !== ''),
    );
  });

/** A calendar date `YYYY-MM-DD` that exists (no 2024-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date `YYYY-MM-DD` that exists (no 2024-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isCalendarDate', validator: { validate: isCalendarDate } }, options);
}

/** An instant: ISO 8601 date and time with `Z` or an offset (a bare local time is ambiguous). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
          !Number.isNaN(Date.parse(value)),
      },
    },
    options,
  );
}

/**
 * A finite number with at most `places` decimals. class-validator's own
 * `maxDecimalPlaces` throws on numbers JavaScript writes in exponent form
 * (`1e-7`), which made them a 500 instead of a 400.
 */
export function MaxDecimalPlaces(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxDecimalPlaces',
      constraints: [places],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value,
      },
    },
    options,
  );
}
