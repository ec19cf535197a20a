import { getMetadataStorage, ValidationError } from 'class-validator';
import { TranslationParams } from '../i18n/translator';
import { FieldProblem } from '../problem/problem.exception';

/** class-validator's name for "this property is not declared on the DTO". */
const UNKNOWN_FIELD = 'whitelistValidation';

function constraintArgs(target: object | undefined, property: string, constraint: string): unknown[] {
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && m.name === constraint);
  return metadata?.constraints ?? [];
}

function listOf(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object') return Object.values(value).join(', ');
  return String(value);
}

/** Values for the placeholders of a constraint's message (`{{min}}`, `{{values}}`). */
export function constraintParams(constraint: string, args: unknown[]): TranslationParams {
  switch (constraint) {
    case 'min':
    case 'minLength':
    case 'arrayMinSize':
      return { min: String(args[0]) };
    case 'max':
    case 'maxLength':
    case 'arrayMaxSize':
    case 'isLocalizedText':
      return { max: String(args[0]) };
    case 'maxDecimalPlaces':
      return { places: String(args[0]) };
    case 'isLength':
      return { min: String(args[0]), max: String(args[1] ?? '∞') };
    case 'isIn':
      return { values: listOf(args[0]) };
    case 'isEnum':
      return { values: listOf(args[1] ?? args[0]) };
    default:
      return {};
  }
}

function codeOf(constraint: string): string {
  if (constraint === UNKNOWN_FIELD) return 'UNKNOWN_FIELD';
  return constraint.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function join(parent: string, property: string, parentIsArray: boolean): string {
  if (parentIsArray && /^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/**
 * Flattens class-validator's tree of errors into one entry per failed rule,
 * with a dotted path (`title.en`, `items[2].email`) and a catalog key.
 */
export function toFieldProblems(errors: ValidationError[], parent = '', parentIsArray = false): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = join(parent, error.property, parentIsArray);
    const own = Object.keys(error.constraints ?? {}).map((constraint) => ({
      field,
      code: codeOf(constraint),
      messageKey: constraint === UNKNOWN_FIELD ? 'validation.unknownField' : `validation.${constraint}`,
      params: constraintParams(constraint, constraintArgs(error.target, error.property, constraint)),
    }));
    const children = toFieldProblems(error.children ?? [], field, Array.isArray(error.value));
    return [...own, ...children];
  });
}
