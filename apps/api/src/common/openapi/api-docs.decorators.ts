import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptions,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { COUNTRY_CODES } from '@skillbridge/contracts';
import { ProblemDto } from './problem.dto';

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (problem document naming each field)',
  401: 'Not signed in, or the token is invalid or expired',
  403: 'The role may not call this route',
  404: 'No such record, or the caller may not see it',
  409: 'Conflicts with the current state',
  412: 'A precondition failed: the record changed since the client read it (If-Match)',
  413: 'Body too large',
  415: 'Not the media type the route takes',
  429: 'Too many requests (see Retry-After)',
  503: 'Unavailable for now: the database, or (uploads) every reading thread busy; see Retry-After',
};

/** Documents the problem responses a route can give (application/problem+json). */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
    ApiExtraModels(ProblemDto),
  );
}

export class PageMetaDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass back as ?cursor= for the next page; null on the last page',
  })
  nextCursor: string | null;
}

/** A `{ items: T[], nextCursor }` response of the given item type. */
export function ApiPageResponse(item: Type) {
  return applyDecorators(
    ApiExtraModels(item, PageMetaDto),
    ApiOkResponse({
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageMetaDto) },
          {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } },
          },
        ],
      },
    }),
  );
}

/**
 * A file download: the 200 response in its media type (`application/pdf`, `text/csv`, …), as bytes.
 * Problems keep their own type (ApiProblems).
 */
export function ApiFileResponse(mediaType: string, description: string) {
  return applyDecorators(
    ApiProduces(mediaType),
    ApiOkResponse({ description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } }),
  );
}

/**
 * An ISO 3166-1 alpha-2 country code (`"TH"`): a string from the shared `CountryCode` schema. A type alias
 * like CountryCode leaves no runtime type for the generator, which wrote `type: object`.
 */
export function ApiCountryCode(options: Pick<ApiPropertyOptions, 'description' | 'required'> = {}) {
  return ApiProperty({
    enum: COUNTRY_CODES,
    enumName: 'CountryCode',
    example: 'TH',
    description: 'ISO 3166-1 alpha-2',
    ...options,
  } as ApiPropertyOptions);
}
