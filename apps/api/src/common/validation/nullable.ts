import { getMetadataStorage, ValidateBy, ValidationError } from 'class-validator';

export const NULLABLE = 'isNullable';

/**
 * Marks a field where `null` means "clear it" (summary, venue…). Any other
 * field refuses `null` — otherwise a PATCH with `{ "title": null }` would
 * slip past @IsOptional and hit a NOT NULL column. Stored as a (never failing)
 * class-validator rule so PartialType() and friends carry it over.
 */
export function Nullable(): PropertyDecorator {
  return ValidateBy({ name: NULLABLE, validator: { validate: () => true } });
}

function nullableProperties(target: object): Set<string> {
  return new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(target.constructor, '', true, false)
      .filter((m) => m.name === NULLABLE)
      .map((m) => m.propertyName),
  );
}

/** Validation errors for every `null` in a DTO (nested ones too) where the field does not allow it. */
export function nullErrors(value: unknown): ValidationError[] {
  if (!value || typeof value !== 'object' || value.constructor === Object || Array.isArray(value)) return [];
  const allowed = nullableProperties(value);
  const errors: ValidationError[] = [];
  for (const [property, child] of Object.entries(value)) {
    if (child === null && !allowed.has(property)) {
      errors.push(
        Object.assign(new ValidationError(), {
          property,
          value: null,
          target: value,
          constraints: { isNotNull: 'must not be null' },
        }),
      );
    } else if (Array.isArray(child)) {
      const children = child.flatMap((item, index) =>
        nullErrors(item).length
          ? [Object.assign(new ValidationError(), { property: String(index), value: item, children: nullErrors(item) })]
          : [],
      );
      if (children.length) errors.push(Object.assign(new ValidationError(), { property, value: child, children }));
    } else {
      const children = nullErrors(child);
      if (children.length) errors.push(Object.assign(new ValidationError(), { property, value: child, children }));
    }
  }
  return errors;
}
