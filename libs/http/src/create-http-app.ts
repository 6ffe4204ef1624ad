import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { appLogger } from './logging/app-logger.js';
import { serveOpenApi } from './openapi/openapi-document.js';

/**
 * Creates a Nest HTTP app the way every Customs Pulse app serves: no global body parser (`POST /api/events` reads
 * its own body to apply api.md's 400/413 rules), problem+json errors, shutdown hooks so stores close cleanly, and the
 * OpenAPI document of its routes with the Swagger UI (`/api/docs`, `/api/docs-json`).
 */
export async function createHttpApp(
  rootModule: unknown,
  options: { logger?: LogLevel[] | false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(rootModule as never, { bodyParser: false, logger: appLogger(options.logger) });
  app.useGlobalFilters(new ProblemDetailsFilter());
  serveOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
