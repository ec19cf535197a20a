import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError, ProblemDocument } from '@skillbridge/contracts';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'email' })
  field: string;

  @ApiProperty({ example: 'IS_EMAIL' })
  code: string;

  @ApiProperty({ example: 'Must be a valid e-mail address.' })
  message: string;

  @ApiPropertyOptional({
    example: 'validation.maxLength',
    description: 'The catalog key of `message`, for clients that say it again in another language.',
  })
  messageKey?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    example: { max: 200 },
    description: 'The values `message` was made with.',
  })
  params?: Record<string, string | number | boolean>;
}

export class ProblemDto implements ProblemDocument {
  @ApiProperty({ example: 'urn:skillbridge:problem:validation-failed' })
  type: string;

  @ApiProperty({ example: 'Invalid input' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: '1 field(s) of the request are invalid; see errors.' })
  detail: string;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine code from @skillbridge/contracts' })
  code: string;

  @ApiPropertyOptional()
  instance?: string;

  @ApiPropertyOptional()
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
