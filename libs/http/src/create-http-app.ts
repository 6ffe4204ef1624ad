import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { appLogger } from './logging/app-logger.js';
import { serveOpenApi } from './openapi/openapi-document.js';
import { sendSecurityHeaders } from './security-headers.js';

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
  // On the HTTP server itself, first of its request listeners, since socket.io's answers never pass through Express;
  // once it listens, because socket.io, attached at init, wraps the request listeners it finds then.
  const server = app.getHttpServer() as Server;
  server.once('listening', () => sendSecurityHeaders(server));
  app.useGlobalFilters(new ProblemDetailsFilter());
  serveOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
