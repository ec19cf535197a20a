import { ValidationPipe } from '@nestjs/common';
import { ProblemException } from '../problem/problem.exception';
import { toFieldProblems } from './field-problems';

/**
 * The one validation pipe of the API: unknown fields are refused (not silently
 * dropped), values are converted to the DTO's types, and every failure becomes
 * a VALIDATION_FAILED problem naming each field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
