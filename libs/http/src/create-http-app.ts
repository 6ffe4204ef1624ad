import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { appLogger } from './logging/app-logger.js';
import { serveOpenApi } from './openapi/openapi-document.js';
import { securityHeaders } from './security-headers.js';

/**
 * Creates a Nest HTTP app the way every Customs Pulse app serves: no global body parser (`POST /api/events` reads
 * its own body to apply api.md's 400/413 rules), the security headers on every answer, problem+json errors, shutdown
 * hooks so stores close cleanly, and the OpenAPI document of its routes with the Swagger UI (`/api/docs`,
 * `/api/docs-json`).
 */
export async function createHttpApp(
  rootModule: unknown,
  options: { logger?: LogLevel[] | false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(rootModule as never, { bodyParser: false, logger: appLogger(options.logger) });
  // Registered on Express at once, so before the routes and the dashboard's static files that Nest adds at init.
  app.use(securityHeaders);
  app.useGlobalFilters(new ProblemDetailsFilter());
  serveOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
