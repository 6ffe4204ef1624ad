import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter.js';

/**
 * Creates a Nest HTTP app the way every Customs Pulse app serves: no global body parser (`POST /api/events` reads
 * its own body to apply api.md's 400/413 rules), problem+json errors, shutdown hooks so stores close cleanly.
 */
export async function createHttpApp(
  rootModule: unknown,
  options: { logger?: LogLevel[] | false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(rootModule as never, { bodyParser: false, ...options });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  return app;
}
