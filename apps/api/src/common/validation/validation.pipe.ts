import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ProblemException } from '../problem/problem.exception';
import { toFieldProblems } from './field-problems';
import { nullErrors } from './nullable';
import { isStorableText, STORABLE_TEXT, textErrors } from './storable-text';

/**
 * Nest's ValidationPipe, plus: `null` only where a field is marked
 * @Nullable(), and text only of characters the database can store.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const result = await super.transform(value, metadata);
    if (metadata.type === 'custom') return result;
    if (typeof result === 'string' && !isStorableText(result)) {
      const field = metadata.data ?? metadata.type;
      throw ProblemException.invalidField(field, 'IS_STORABLE_TEXT', `validation.${STORABLE_TEXT}`);
    }
    const errors = [...nullErrors(result), ...textErrors(result)];
    if (errors.length) throw ProblemException.validation(toFieldProblems(errors));
    return result;
  }
}

/**
 * The one validation pipe of the API: unknown fields are refused (not silently
 * dropped), values are converted to the DTO's types, and every failure becomes
 * a VALIDATION_FAILED problem naming each field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: true, value: true },
    stopAtFirstError: false,
    exceptionFactory: (errors) => ProblemException.validation(toFieldProblems(errors)),
  });
}
