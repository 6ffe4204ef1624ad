import { ConfigError } from '@customs-pulse/config';
import { Logger } from '@nestjs/common';
import { appLogger } from './logging/app-logger.js';

/**
 * Runs an app's `main` with the app's logger (`LOG_FORMAT`, `LOG_LEVEL`) in place from its first line. A bad
 * configuration is reported as the one line naming the variable (the operator's fix), anything else with its stack;
 * either way the process exits 1, so an orchestrator sees the start failed. A bad `LOG_FORMAT` or `LOG_LEVEL` is
 * reported so too, in Nest's default format, since the app's cannot be had.
 */
export function runApp(name: string, main: (logger: Logger) => Promise<void>): void {
  const logger = new Logger(name);
  const fail = (error: unknown): void => {
    logger.error(error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  };
  try {
    Logger.overrideLogger(appLogger());
  } catch (error) {
    fail(error);
    return;
  }
  main(logger).catch(fail);
}
