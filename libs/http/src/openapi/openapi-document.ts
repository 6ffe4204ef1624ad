import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The name of the bearer JWT security scheme that protected routes require. */
export const BEARER_SCHEME = 'bearer';

const TITLE = 'Customs Pulse API';

/** Where the Swagger UI is served. */
export const OPENAPI_UI_PATH = '/api/docs';

/** Where the OpenAPI document is served as JSON: @nestjs/swagger's default, the UI path plus `-json`. */
export const OPENAPI_JSON_PATH = `${OPENAPI_UI_PATH}-json`;

/**
 * The OpenAPI document of the routes `app` serves, built from their decorators. OpenAPI 3.1 because it allows a
 * bearer requirement to name the roles a route needs, which 3.0 reserves to OAuth scopes.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(TITLE)
    .setVersion('1')
    .setDescription(
      'Event-sourced KPI monitoring for customs (WCO PMM and TRS). Requests carry `Authorization: Bearer <JWT>` (HS256, ' +
        'claim `roles`): no valid token answers 401, a valid token without the role 403. `risk` and `auditor` may do ' +
        'everything `operator` may. Errors are RFC 9457 `application/problem+json`; timestamps are RFC 3339 UTC with ' +
        'milliseconds.',
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256, signed with AUTH_JWT_SECRET; claim `roles` (string array)' }, BEARER_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * Serves the Swagger UI at {@link OPENAPI_UI_PATH} and the document at {@link OPENAPI_JSON_PATH}, both public. The
 * document is built on its first request, so an app that nobody asks for it starts no slower.
 */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => openApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: TITLE,
  });
}
