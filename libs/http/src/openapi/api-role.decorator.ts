import { applyDecorators } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { ApiProblemResponses } from './api-problem-responses.decorator.js';
import { BEARER_SCHEME } from './openapi-document.js';

/**
 * Documents the role a route needs (api.md, "Who may do what"), beside `@RequireRole` which enforces it: the bearer
 * JWT security requirement naming the role (OpenAPI 3.1 lets a non-OAuth requirement list roles), and the 401 and
 * 403 answers. On a controller it applies to every route.
 */
export function ApiRole(role: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiSecurity(BEARER_SCHEME, [role]),
    ApiProblemResponses({
      401: 'No valid bearer token: none, expired, or not signed with the deployment\'s secret',
      403: `A valid token whose \`roles\` claim does not grant \`${role}\``,
    }),
  );
}
