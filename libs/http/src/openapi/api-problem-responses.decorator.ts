import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsSchema } from './problem-details.schema.js';

/** The media type of every error answer (api.md, RFC 9457). */
export const PROBLEM_JSON = 'application/problem+json';

/** The error statuses a route documents, each with when it is answered. */
export type ProblemStatuses = Readonly<Partial<Record<400 | 401 | 403 | 404 | 409 | 413 | 503, string>>>;

/**
 * Documents error answers as `application/problem+json` {@link ProblemDetailsSchema}, one per status, saying when
 * each is given. On a controller it applies to every route; a route's own entry for the same status wins.
 */
export function ApiProblemResponses(statuses: ProblemStatuses): MethodDecorator & ClassDecorator {
  const responses = Object.entries(statuses).map(([status, description]) =>
    ApiResponse({ status: Number(status), description, content: { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } } }),
  );
  return applyDecorators(ApiExtraModels(ProblemDetailsSchema), ...responses);
}
